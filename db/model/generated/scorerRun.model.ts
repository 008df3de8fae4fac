import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, DateTimeColumn as DateTimeColumn_, Index as Index_, IntColumn as IntColumn_, StringColumn as StringColumn_} from "@subsquid/typeorm-store"

/**
 * One validity pass of the scorer; a pass that failed has its error and no results.
 */
@Entity_()
export class ScorerRun {
    constructor(props?: Partial<ScorerRun>) {
        Object.assign(this, props)
    }

    /**
     * <start ms>
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @DateTimeColumn_({nullable: false})
    startedAt!: Date

    @DateTimeColumn_({nullable: false})
    endedAt!: Date

    @IntColumn_({nullable: false})
    durationMs!: number

    /**
     * start, era, session, schedule
     */
    @StringColumn_({nullable: false})
    trigger!: string

    /**
     * newest complete era and newest session the squid had indexed
     */
    @IntColumn_({nullable: true})
    era!: number | undefined | null

    @IntColumn_({nullable: true})
    session!: number | undefined | null

    @IntColumn_({nullable: false})
    candidates!: number

    @IntColumn_({nullable: false})
    valid!: number

    @IntColumn_({nullable: false})
    invalid!: number

    @IntColumn_({nullable: false})
    unknown!: number

    /**
     * check flips recorded
     */
    @IntColumn_({nullable: false})
    changes!: number

    @StringColumn_({nullable: true})
    error!: string | undefined | null
}
