import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, ManyToOne as ManyToOne_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {TelemetryNode} from "./telemetryNode.model"
import {TelemetryIntervalKind} from "./_telemetryIntervalKind"

/**
 * A span during which a node was online or offline on the feed; end is null while it lasts. Feed outages are in no node interval (unknown).
 */
@Index_(["node", "start"], {unique: false})
@Entity_()
export class TelemetryNodeInterval {
    constructor(props?: Partial<TelemetryNodeInterval>) {
        Object.assign(this, props)
    }

    /**
     * <node id>:<kind>:<start ms>
     */
    @PrimaryColumn_()
    id!: string

    @ManyToOne_(() => TelemetryNode, {nullable: true})
    node!: TelemetryNode

    @Column_("varchar", {length: 7, nullable: false})
    kind!: TelemetryIntervalKind

    @DateTimeColumn_({nullable: false})
    start!: Date

    @DateTimeColumn_({nullable: true})
    end!: Date | undefined | null
}
