import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, StringColumn as StringColumn_, IntColumn as IntColumn_} from "@subsquid/typeorm-store"

/**
 * A rank change. Rule activeEras: the identity group had a stash in the era's active set (+1), one event per
 * (group, era), backfilled from every indexed era. Rule goodPeriods: a nomination period ended for a stash.
 */
@Index_(["identityGroup", "era"], {unique: false})
@Entity_()
export class RankEvent {
    constructor(props?: Partial<RankEvent>) {
        Object.assign(this, props)
    }

    /**
     * activeEras:<group>:<era> or goodPeriods:<stash>:<era>
     */
    @PrimaryColumn_()
    id!: string

    /**
     * activeEras or goodPeriods
     */
    @StringColumn_({nullable: false})
    rule!: string

    /**
     * the identity's root account hex (Identity.root; a stash without identity is its own group); the stash under goodPeriods
     */
    @StringColumn_({nullable: false})
    identityGroup!: string

    @Index_()
    @IntColumn_({nullable: false})
    era!: number

    /**
     * activeEras: the group's stashes in the era's active set
     */
    @StringColumn_({array: true, nullable: false})
    activeStashes!: (string)[]

    @IntColumn_({nullable: false})
    change!: number

    /**
     * the rank after this event
     */
    @IntColumn_({nullable: false})
    rank!: number

    /**
     * goodPeriods: the period's first era, its verdict (good, bad) and what made it bad
     */
    @IntColumn_({nullable: true})
    startEra!: number | undefined | null

    @StringColumn_({nullable: true})
    verdict!: string | undefined | null

    @StringColumn_({array: true, nullable: true})
    invalidReasons!: (string)[] | undefined | null
}
