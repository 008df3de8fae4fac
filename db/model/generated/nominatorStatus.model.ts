import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, StringColumn as StringColumn_, BigIntColumn as BigIntColumn_, IntColumn as IntColumn_, BooleanColumn as BooleanColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"

/**
 * A programme account's nomination state as the nominator saw it at its last check (the old /nominators/status):
 * rewritten on every check.
 */
@Entity_()
export class NominatorStatus {
    constructor(props?: Partial<NominatorStatus>) {
        Object.assign(this, props)
    }

    /**
     * the stash
     */
    @PrimaryColumn_()
    id!: string

    /**
     * the account's name in config
     */
    @StringColumn_({nullable: false})
    account!: string

    @StringColumn_({nullable: false})
    signer!: string

    @StringColumn_({nullable: false})
    mode!: string

    /**
     * Nominated, Ready to Nominate, Awaiting Proxy Execution, Not Nominating
     */
    @StringColumn_({nullable: false})
    state!: string

    /**
     * why, in words
     */
    @StringColumn_({nullable: false})
    reason!: string

    @BigIntColumn_({nullable: true})
    bondedPlanck!: bigint | undefined | null

    @IntColumn_({nullable: true})
    lastNominationEra!: number | undefined | null

    /**
     * targets on chain now
     */
    @StringColumn_({array: true, nullable: false})
    currentTargets!: (string)[]

    @BooleanColumn_({nullable: false})
    stale!: boolean

    @BooleanColumn_({nullable: false})
    dryRun!: boolean

    /**
     * the round gate at the last check (round starts, waiting for the scorer, …)
     */
    @StringColumn_({nullable: false})
    round!: string

    /**
     * call hash of the announcement waiting to execute, its announcement block and the block it can execute from
     */
    @StringColumn_({nullable: true})
    pendingCallHash!: string | undefined | null

    @IntColumn_({nullable: true})
    pendingAnnouncedBlock!: number | undefined | null

    @IntColumn_({nullable: true})
    pendingExecutableBlock!: number | undefined | null

    @DateTimeColumn_({nullable: false})
    checkedAt!: Date
}
