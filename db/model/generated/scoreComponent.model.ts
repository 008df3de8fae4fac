import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, ManyToOne as ManyToOne_, IntColumn as IntColumn_, StringColumn as StringColumn_, BigIntColumn as BigIntColumn_} from "@subsquid/typeorm-store"
import {ScoreSnapshot} from "./scoreSnapshot.model"

/**
 * One component of a candidate's score in an era. A row per component (not a JSON column) so that GraphQL can
 * filter and sort by it: the candidates with the most nominator stake, every banned-provider condition, …
 */
@Index_(["era", "component"], {unique: false})
@Index_(["stash", "era"], {unique: false})
@Entity_()
export class ScoreComponent {
    constructor(props?: Partial<ScoreComponent>) {
        Object.assign(this, props)
    }

    /**
     * <era>-<stash hex>-<component>
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @ManyToOne_(() => ScoreSnapshot, {nullable: true})
    snapshot!: ScoreSnapshot

    @IntColumn_({nullable: false})
    era!: number

    @StringColumn_({nullable: false})
    stash!: string

    /**
     * inclusion, spanInclusion, discovered, nominated, rank, bonded, faults, offline, location, region, country, provider, nominatorStake, client
     */
    @StringColumn_({nullable: false})
    component!: string

    @IntColumn_({nullable: false})
    weight!: number

    /**
     * in the component's unit (scorer/score/SCORES.md); null when the candidate has no value (condition noValue)
     */
    @BigIntColumn_({nullable: true})
    raw!: bigint | undefined | null

    /**
     * noValue or bannedProvider when that decided the score instead of the distribution
     */
    @StringColumn_({nullable: true})
    condition!: string | undefined | null

    /**
     * the raw value scaled against the era's distribution, 0 to 10^9; null when a condition decided
     */
    @IntColumn_({nullable: true})
    normalisedPerbill!: number | undefined | null

    /**
     * the share of the weight earned: normalised, or 10^9 - normalised where lower is better
     */
    @IntColumn_({nullable: false})
    scorePerbill!: number

    /**
     * weight x scorePerbill
     */
    @BigIntColumn_({nullable: false})
    weightedNanopoints!: bigint
}
