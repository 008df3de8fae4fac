import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, Index as Index_, DateTimeColumn as DateTimeColumn_, BigIntColumn as BigIntColumn_} from "@subsquid/typeorm-store"
import {ChainLayer} from "./_chainLayer"

/**
 * A staking era, opened and closed by `EraPaid` (the era's points come from `ErasRewardPoints` at its end).
 */
@Entity_()
export class Era {
    constructor(props?: Partial<Era>) {
        Object.assign(this, props)
    }

    /**
     * era index
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @IntColumn_({nullable: false})
    index!: number

    @Column_("varchar", {length: 8, nullable: false})
    chain!: ChainLayer

    @IntColumn_({nullable: true})
    startBlock!: number | undefined | null

    @DateTimeColumn_({nullable: true})
    startTime!: Date | undefined | null

    @IntColumn_({nullable: true})
    endBlock!: number | undefined | null

    @DateTimeColumn_({nullable: true})
    endTime!: Date | undefined | null

    @BigIntColumn_({nullable: true})
    validatorPayoutPlanck!: bigint | undefined | null

    @BigIntColumn_({nullable: true})
    remainderPlanck!: bigint | undefined | null

    @IntColumn_({nullable: true})
    totalPoints!: number | undefined | null

    /**
     * validators exposed (elected) in this era
     */
    @IntColumn_({nullable: true})
    validatorCount!: number | undefined | null

    /**
     * When the snapshot read at this era's end was stored, all of it at once: the era's EraValidator and
     * Exposure rows and totals (totalPoints, validatorCount), and the rows keyed by the next era (era + 1)
     * as it starts: NominatorBond, NominatorTargets changes and, where the layer has a Session pallet (the
     * legacy relay), SessionKeys. Set in the transaction that writes them (the snapshot thread's, or the
     * era-end block's batch for hot blocks and the range's last batch); null while the snapshot is pending
     * (a PendingEraSnapshot row). In the current layout the relay writes SessionKeys on its own, when it
     * receives the validator set. Readers of an era's rows (scorer, gateway) read only eras where it is set.
     */
    @DateTimeColumn_({nullable: true})
    snapshotCompletedAt!: Date | undefined | null
}
