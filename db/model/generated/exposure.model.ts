import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, BigIntColumn as BigIntColumn_} from "@subsquid/typeorm-store"
import {Account} from "./account.model"

/**
 * Stake a nominator backs a validator with in one era (an exposure edge).
 */
@Index_(["era", "validator"], {unique: false})
@Index_(["era", "nominator"], {unique: false})
@Entity_()
export class Exposure {
    constructor(props?: Partial<Exposure>) {
        Object.assign(this, props)
    }

    /**
     * <era>-<nominator hex>-<validator hex>
     */
    @PrimaryColumn_()
    id!: string

    @IntColumn_({nullable: false})
    era!: number

    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    nominator!: Account

    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    validator!: Account

    @BigIntColumn_({nullable: false})
    amountPlanck!: bigint
}
