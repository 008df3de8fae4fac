import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, DateTimeColumn as DateTimeColumn_, OneToMany as OneToMany_} from "@subsquid/typeorm-store"
import {Account} from "./account.model"
import {ChainLayer} from "./_chainLayer"
import {Reward} from "./reward.model"

/**
 * A payout (`PayoutStarted`): the rewards that follow it in the same extrinsic belong to it.
 */
@Index_(["validator", "era"], {unique: false})
@Entity_()
export class Payout {
    constructor(props?: Partial<Payout>) {
        Object.assign(this, props)
    }

    /**
     * event id
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @IntColumn_({nullable: false})
    era!: number

    @ManyToOne_(() => Account, {nullable: true})
    validator!: Account

    /**
     * exposure page paid (paged staking); null before paging
     */
    @IntColumn_({nullable: true})
    page!: number | undefined | null

    @Column_("varchar", {length: 8, nullable: false})
    chain!: ChainLayer

    @IntColumn_({nullable: false})
    blockNumber!: number

    @IntColumn_({nullable: true})
    extrinsicIndex!: number | undefined | null

    @DateTimeColumn_({nullable: true})
    timestamp!: Date | undefined | null

    @OneToMany_(() => Reward, e => e.payout)
    rewards!: Reward[]
}
