import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, IntColumn as IntColumn_, StringColumn as StringColumn_, BigIntColumn as BigIntColumn_} from "@subsquid/typeorm-store"

/**
 * Stake a nominator backs a validator with in one era (an exposure edge). An era writes hundreds of
 * thousands of edges, so the accounts are plain hex columns (indexed, no foreign keys: those halve the
 * insert rate); join `account`/`era_validator` on them.
 */
@Index_(["validatorId", "era"], {unique: false})
@Index_(["nominatorId", "era"], {unique: false})
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

    /**
     * nominator account hex
     */
    @StringColumn_({nullable: false})
    nominatorId!: string

    /**
     * validator account hex
     */
    @StringColumn_({nullable: false})
    validatorId!: string

    @BigIntColumn_({nullable: false})
    amountPlanck!: bigint
}
