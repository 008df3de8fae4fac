import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, IntColumn as IntColumn_, StringColumn as StringColumn_, BigIntColumn as BigIntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {Payout} from "./payout.model"
import {Account} from "./account.model"
import {ChainLayer} from "./_chainLayer"

/**
 * A `Rewarded` event; linked to its payout by carrying the preceding `PayoutStarted` forward.
 */
@Entity_()
export class Reward {
    constructor(props?: Partial<Reward>) {
        Object.assign(this, props)
    }

    /**
     * event id
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @ManyToOne_(() => Payout, {nullable: true})
    payout!: Payout | undefined | null

    @Index_()
    @IntColumn_({nullable: true})
    era!: number | undefined | null

    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    validator!: Account | undefined | null

    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    stash!: Account

    /**
     * RewardDestination kind: Staked, Stash, Controller, Account, None
     */
    @StringColumn_({nullable: true})
    destination!: string | undefined | null

    @StringColumn_({nullable: true})
    destinationAccount!: string | undefined | null

    @BigIntColumn_({nullable: false})
    amountPlanck!: bigint

    @Column_("varchar", {length: 8, nullable: false})
    chain!: ChainLayer

    @Index_()
    @IntColumn_({nullable: false})
    blockNumber!: number

    @DateTimeColumn_({nullable: true})
    timestamp!: Date | undefined | null
}
