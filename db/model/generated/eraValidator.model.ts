import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, BooleanColumn as BooleanColumn_, BigIntColumn as BigIntColumn_} from "@subsquid/typeorm-store"
import {Account} from "./account.model"
import {ChainLayer} from "./_chainLayer"

/**
 * One validator in one era: points, preferences, stake and exposure, read from storage when the era ends.
 * (validator, era, points) covers the per-candidate era-point windows (inclusion) without reading the rows.
 */
@Index_(["era", "validator"], {unique: true})
@Index_(["validator", "era", "points"], {unique: false})
@Entity_()
export class EraValidator {
    constructor(props?: Partial<EraValidator>) {
        Object.assign(this, props)
    }

    /**
     * <era>-<validator hex>
     */
    @PrimaryColumn_()
    id!: string

    @IntColumn_({nullable: false})
    era!: number

    @ManyToOne_(() => Account, {nullable: true})
    validator!: Account

    @Column_("varchar", {length: 8, nullable: false})
    chain!: ChainLayer

    @IntColumn_({nullable: false})
    points!: number

    /**
     * commission the era was paid with (ErasValidatorPrefs, fixed at its election); null when not exposed. The current one is the latest ValidatorPreference
     */
    @IntColumn_({nullable: true})
    commissionPerbill!: number | undefined | null

    /**
     * blocked as the era was paid with (ErasValidatorPrefs); null when not exposed
     */
    @BooleanColumn_({nullable: true})
    blocked!: boolean | undefined | null

    /**
     * exposure pages the era's rewards are paid in, one payout each (ErasStakersOverview.pageCount, 1 for unpaged ErasStakers); null when not exposed
     */
    @IntColumn_({nullable: true})
    pageCount!: number | undefined | null

    /**
     * the stash's bonded active balance (Ledger.active)
     */
    @BigIntColumn_({nullable: true})
    selfStakePlanck!: bigint | undefined | null

    @BigIntColumn_({nullable: true})
    ownExposurePlanck!: bigint | undefined | null

    @BigIntColumn_({nullable: true})
    totalExposurePlanck!: bigint | undefined | null

    @IntColumn_({nullable: false})
    nominatorCount!: number

    /**
     * in the era's exposed (elected) set
     */
    @BooleanColumn_({nullable: false})
    active!: boolean
}
