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
}
