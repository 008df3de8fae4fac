import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, StringColumn as StringColumn_, Index as Index_, DateTimeColumn as DateTimeColumn_, JSONColumn as JSONColumn_, FloatColumn as FloatColumn_, BooleanColumn as BooleanColumn_, IntColumn as IntColumn_, OneToMany as OneToMany_, OneToOne as OneToOne_} from "@subsquid/typeorm-store"
import {TelemetryNodeInterval} from "./telemetryNodeInterval.model"
import {TelemetryNodeLocation} from "./telemetryNodeLocation.model"

/**
 * A node as the telemetry feed shows it: one per chain and telemetry name (restarts and upgrades of a name are one node).
 */
@Entity_()
export class TelemetryNode {
    constructor(props?: Partial<TelemetryNode>) {
        Object.assign(this, props)
    }

    /**
     * <genesis hash>:<telemetry name>
     */
    @PrimaryColumn_()
    id!: string

    /**
     * Genesis hash of the chain the node reports to (0x hex)
     */
    @Index_()
    @StringColumn_({nullable: false})
    genesisHash!: string

    @Index_()
    @StringColumn_({nullable: false})
    name!: string

    @StringColumn_({nullable: true})
    implementation!: string | undefined | null

    @StringColumn_({nullable: true})
    version!: string | undefined | null

    /**
     * SS58 address the node reports as its validator, when the feed exposes it
     */
    @Index_()
    @StringColumn_({nullable: true})
    validatorAddress!: string | undefined | null

    /**
     * hex public key of validatorAddress (joins Account ids); null when it is not a valid SS58 address
     */
    @Index_()
    @StringColumn_({nullable: true})
    validatorPublicKey!: string | undefined | null

    /**
     * libp2p peer id
     */
    @StringColumn_({nullable: true})
    networkId!: string | undefined | null

    /**
     * Last IP the feed exposed for it (only feeds run with expose-node-details)
     */
    @StringColumn_({nullable: true})
    ip!: string | undefined | null

    @DateTimeColumn_({nullable: true})
    startupTime!: Date | undefined | null

    @JSONColumn_({nullable: true})
    sysinfo!: unknown | undefined | null

    @JSONColumn_({nullable: true})
    hwbench!: unknown | undefined | null

    /**
     * Location the feed itself reports: [lat, lon, city]
     */
    @FloatColumn_({nullable: true})
    feedLatitude!: number | undefined | null

    @FloatColumn_({nullable: true})
    feedLongitude!: number | undefined | null

    @StringColumn_({nullable: true})
    feedCity!: string | undefined | null

    @DateTimeColumn_({nullable: false})
    firstSeenAt!: Date

    @DateTimeColumn_({nullable: false})
    lastSeenAt!: Date

    /**
     * Online now: at least one feed connection with this name, or one gone for less than the grace period
     */
    @BooleanColumn_({nullable: false})
    online!: boolean

    /**
     * Feed connections with this name right now (two during a restart or an upgrade)
     */
    @IntColumn_({nullable: false})
    connections!: number

    /**
     * The feed reported it stale (no new blocks for a while); it may still be connected
     */
    @BooleanColumn_({nullable: false})
    stale!: boolean

    /**
     * Stash (SS58, as the candidate list gives it) of the programme candidate it matched, and how (name | validatorAddress)
     */
    @Index_()
    @StringColumn_({nullable: true})
    candidateStash!: string | undefined | null

    /**
     * hex public key of candidateStash (joins Account ids)
     */
    @Index_()
    @StringColumn_({nullable: true})
    candidatePublicKey!: string | undefined | null

    @StringColumn_({nullable: true})
    matchedBy!: string | undefined | null

    @OneToMany_(() => TelemetryNodeInterval, e => e.node)
    intervals!: TelemetryNodeInterval[]

    @OneToOne_(() => TelemetryNodeLocation, e => e.node)
    location!: TelemetryNodeLocation | undefined | null
}
