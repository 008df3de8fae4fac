import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, StringColumn as StringColumn_, BigIntColumn as BigIntColumn_} from "@subsquid/typeorm-store"
import {Account} from "./account.model"

/**
 * A nominator's targets (Nominators) at the start of an era.
 */
@Index_(["era", "nominator"], {unique: true})
@Entity_()
export class NominatorTargets {
    constructor(props?: Partial<NominatorTargets>) {
        Object.assign(this, props)
    }

    /**
     * <era>-<nominator hex>
     */
    @PrimaryColumn_()
    id!: string

    @IntColumn_({nullable: false})
    era!: number

    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    nominator!: Account

    @StringColumn_({array: true, nullable: false})
    targets!: (string)[]

    /**
     * era the nomination was submitted in
     */
    @IntColumn_({nullable: true})
    submittedIn!: number | undefined | null

    @BigIntColumn_({nullable: true})
    bondedPlanck!: bigint | undefined | null

    @IntColumn_({nullable: false})
    blockNumber!: number
}
