import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, StringColumn as StringColumn_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_, JSONColumn as JSONColumn_} from "@subsquid/typeorm-store"

/**
 * A fault of a candidate, made from exactly one chain fact (its source and source id), with the evidence.
 */
@Index_(["stash", "era"], {unique: false})
@Entity_()
export class FaultEvent {
    constructor(props?: Partial<FaultEvent>) {
        Object.assign(this, props)
    }

    /**
     * <source>:<source id>
     */
    @PrimaryColumn_()
    id!: string

    /**
     * offlineReport, offence, slash, chill, kick, missedPayout
     */
    @Index_()
    @StringColumn_({nullable: false})
    source!: string

    /**
     * the squid row's id (an event id), or <era>-<validator> for a missed payout
     */
    @StringColumn_({nullable: false})
    sourceId!: string

    /**
     * 0x hex public key of the candidate's stash
     */
    @StringColumn_({nullable: false})
    stash!: string

    /**
     * the stash's identity group (Identity.root) when the event was recorded
     */
    @Index_()
    @StringColumn_({nullable: false})
    identityGroup!: string

    /**
     * null when neither the fact nor its time places it in an era (listed, never counted)
     */
    @Index_()
    @IntColumn_({nullable: true})
    era!: number | undefined | null

    @IntColumn_({nullable: true})
    session!: number | undefined | null

    @IntColumn_({nullable: true})
    blockNumber!: number | undefined | null

    @Index_()
    @DateTimeColumn_({nullable: true})
    timestamp!: Date | undefined | null

    @StringColumn_({nullable: false})
    reason!: string

    @JSONColumn_({nullable: false})
    evidence!: unknown
}
