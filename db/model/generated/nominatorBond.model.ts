import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, IntColumn as IntColumn_, StringColumn as StringColumn_, BigIntColumn as BigIntColumn_} from "@subsquid/typeorm-store"

/**
 * A nominator's bonded active balance (Ledger.active) as an era starts, one row per nominator and era; a
 * plain hex column like Exposure's (thousands of rows per era).
 */
@Index_(["nominatorId", "era"], {unique: false})
@Entity_()
export class NominatorBond {
    constructor(props?: Partial<NominatorBond>) {
        Object.assign(this, props)
    }

    /**
     * <era>-<nominator hex>
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @IntColumn_({nullable: false})
    era!: number

    /**
     * nominator account hex
     */
    @StringColumn_({nullable: false})
    nominatorId!: string

    @BigIntColumn_({nullable: false})
    bondedPlanck!: bigint
}
