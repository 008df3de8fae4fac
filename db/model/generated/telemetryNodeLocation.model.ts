import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, OneToOne as OneToOne_, Index as Index_, JoinColumn as JoinColumn_, StringColumn as StringColumn_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {TelemetryNode} from "./telemetryNode.model"

/**
 * Where a node's IP is and who provides it, with where that came from and when.
 */
@Entity_()
export class TelemetryNodeLocation {
    constructor(props?: Partial<TelemetryNodeLocation>) {
        Object.assign(this, props)
    }

    /**
     * the node id
     */
    @PrimaryColumn_()
    id!: string

    @Index_({unique: true})
    @OneToOne_(() => TelemetryNode, {nullable: true})
    @JoinColumn_()
    node!: TelemetryNode

    @StringColumn_({nullable: false})
    ip!: string

    /**
     * ISO 3166-1 alpha-2
     */
    @StringColumn_({nullable: true})
    country!: string | undefined | null

    @StringColumn_({nullable: true})
    region!: string | undefined | null

    @StringColumn_({nullable: true})
    city!: string | undefined | null

    @IntColumn_({nullable: true})
    asn!: number | undefined | null

    /**
     * Network operator (ASN organisation)
     */
    @StringColumn_({nullable: true})
    provider!: string | undefined | null

    /**
     * offline:<npm packages@versions> or ipinfo
     */
    @StringColumn_({nullable: false})
    source!: string

    @DateTimeColumn_({nullable: false})
    lookedUpAt!: Date
}
