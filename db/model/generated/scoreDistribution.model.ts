import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, ManyToOne as ManyToOne_, IntColumn as IntColumn_, StringColumn as StringColumn_, BigIntColumn as BigIntColumn_} from "@subsquid/typeorm-store"
import {ScoreMetadata} from "./scoreMetadata.model"

/**
 * One component's distribution over an era's scored candidates (the old ScoreMetadata statistics).
 */
@Index_(["era", "component"], {unique: true})
@Entity_()
export class ScoreDistribution {
    constructor(props?: Partial<ScoreDistribution>) {
        Object.assign(this, props)
    }

    /**
     * <era>-<component>
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @ManyToOne_(() => ScoreMetadata, {nullable: true})
    metadata!: ScoreMetadata

    @IntColumn_({nullable: false})
    era!: number

    @Index_()
    @StringColumn_({nullable: false})
    component!: string

    @IntColumn_({nullable: false})
    weight!: number

    /**
     * values in the distribution: one per candidate, or one per distinct value for location, region, country, provider
     */
    @IntColumn_({nullable: false})
    count!: number

    /**
     * the quantiles (percent) values are scaled between, and those quantiles (exact)
     */
    @IntColumn_({nullable: false})
    lowerPercent!: number

    @IntColumn_({nullable: false})
    upperPercent!: number

    @BigIntColumn_({nullable: false})
    lowerHundredths!: bigint

    @BigIntColumn_({nullable: false})
    upperHundredths!: bigint

    @BigIntColumn_({nullable: false})
    minHundredths!: bigint

    @BigIntColumn_({nullable: false})
    maxHundredths!: bigint

    @BigIntColumn_({nullable: false})
    q10Hundredths!: bigint

    @BigIntColumn_({nullable: false})
    q25Hundredths!: bigint

    @BigIntColumn_({nullable: false})
    q50Hundredths!: bigint

    @BigIntColumn_({nullable: false})
    q75Hundredths!: bigint

    @BigIntColumn_({nullable: false})
    q90Hundredths!: bigint

    /**
     * rounded half up
     */
    @BigIntColumn_({nullable: false})
    meanHundredths!: bigint

    /**
     * sample standard deviation (n - 1), rounded down
     */
    @BigIntColumn_({nullable: false})
    standardDeviationHundredths!: bigint
}
