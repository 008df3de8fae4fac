import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, BooleanColumn as BooleanColumn_, BigIntColumn as BigIntColumn_} from "@subsquid/typeorm-store"
import {Account} from "./account.model"
import {ChainLayer} from "./_chainLayer"

/**
 * A validator intention (`Staking.Validators`) as an era ends: every stash that wants to validate, elected or
 * waiting, with its prefs and bond then, read with the era's snapshot at its end block. The era's EraValidator rows
 * hold only the exposed (and rewarded) validators; a stash absent from an era's intentions was not in Validators then.
 */
@Index_(["era", "validator"], {unique: true})
@Entity_()
export class ValidatorIntention {
    constructor(props?: Partial<ValidatorIntention>) {
        Object.assign(this, props)
    }

    /**
     * <era>-<validator hex>
     */
    @PrimaryColumn_()
    id!: string

    /**
     * the era at whose end Validators was read
     */
    @IntColumn_({nullable: false})
    era!: number

    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    validator!: Account

    @Column_("varchar", {length: 8, nullable: false})
    chain!: ChainLayer

    @IntColumn_({nullable: false})
    commissionPerbill!: number

    @BooleanColumn_({nullable: false})
    blocked!: boolean

    /**
     * the stash's bonded active balance (Ledger.active); null when not bonded
     */
    @BigIntColumn_({nullable: true})
    selfStakePlanck!: bigint | undefined | null

    @IntColumn_({nullable: false})
    blockNumber!: number
}
