import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, IntColumn as IntColumn_, StringColumn as StringColumn_, ManyToOne as ManyToOne_, BigIntColumn as BigIntColumn_} from "@subsquid/typeorm-store"
import {ScoreMetadata} from "./scoreMetadata.model"

/**
 * A valid candidate's score in an era: the seeded total and, per component (inclusion … client), its raw value
 * in the component's unit (scorer/score/SCORES.md; null when the candidate has none), the raw value scaled
 * against the era's distribution (normalised, 0 to 10^9; null when a condition decided), the share of the weight
 * earned (score, 10^9 - normalised where lower is better) and weight x share (weighted). One row per candidate and
 * era with a column per value, so GraphQL filters and sorts candidates by any component without a join.
 */
@Index_(["stash", "era"], {unique: true})
@Entity_()
export class ScoreSnapshot {
    constructor(props?: Partial<ScoreSnapshot>) {
        Object.assign(this, props)
    }

    /**
     * <era>-<stash hex>
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @IntColumn_({nullable: false})
    era!: number

    /**
     * 0x hex public key of the stash (Candidate.id)
     */
    @StringColumn_({nullable: false})
    stash!: string

    @Index_()
    @ManyToOne_(() => ScoreMetadata, {nullable: true})
    metadata!: ScoreMetadata

    /**
     * sum of the components' weighted scores
     */
    @BigIntColumn_({nullable: false})
    aggregateNanopoints!: bigint

    /**
     * sha256("<era>:<salt>:<stash hex>"), hex
     */
    @StringColumn_({nullable: false})
    randomSeedHex!: string

    /**
     * the boost drawn from the seed, up to randomnessMaxPerbill
     */
    @IntColumn_({nullable: false})
    randomPerbill!: number

    /**
     * aggregate + floor(aggregate x randomPerbill / 10^9): what selection sorts by
     */
    @Index_()
    @BigIntColumn_({nullable: false})
    totalNanopoints!: bigint

    @BigIntColumn_({nullable: true})
    inclusionRaw!: bigint | undefined | null

    @IntColumn_({nullable: true})
    inclusionNormalisedPerbill!: number | undefined | null

    @IntColumn_({nullable: false})
    inclusionScorePerbill!: number

    @BigIntColumn_({nullable: false})
    inclusionWeightedNanopoints!: bigint

    @BigIntColumn_({nullable: true})
    spanInclusionRaw!: bigint | undefined | null

    @IntColumn_({nullable: true})
    spanInclusionNormalisedPerbill!: number | undefined | null

    @IntColumn_({nullable: false})
    spanInclusionScorePerbill!: number

    @BigIntColumn_({nullable: false})
    spanInclusionWeightedNanopoints!: bigint

    @BigIntColumn_({nullable: true})
    discoveredRaw!: bigint | undefined | null

    @IntColumn_({nullable: true})
    discoveredNormalisedPerbill!: number | undefined | null

    @IntColumn_({nullable: false})
    discoveredScorePerbill!: number

    @BigIntColumn_({nullable: false})
    discoveredWeightedNanopoints!: bigint

    @BigIntColumn_({nullable: true})
    nominatedRaw!: bigint | undefined | null

    @IntColumn_({nullable: true})
    nominatedNormalisedPerbill!: number | undefined | null

    @IntColumn_({nullable: false})
    nominatedScorePerbill!: number

    @BigIntColumn_({nullable: false})
    nominatedWeightedNanopoints!: bigint

    @BigIntColumn_({nullable: true})
    rankRaw!: bigint | undefined | null

    @IntColumn_({nullable: true})
    rankNormalisedPerbill!: number | undefined | null

    @IntColumn_({nullable: false})
    rankScorePerbill!: number

    @BigIntColumn_({nullable: false})
    rankWeightedNanopoints!: bigint

    @BigIntColumn_({nullable: true})
    bondedRaw!: bigint | undefined | null

    @IntColumn_({nullable: true})
    bondedNormalisedPerbill!: number | undefined | null

    @IntColumn_({nullable: false})
    bondedScorePerbill!: number

    @BigIntColumn_({nullable: false})
    bondedWeightedNanopoints!: bigint

    @BigIntColumn_({nullable: true})
    faultsRaw!: bigint | undefined | null

    @IntColumn_({nullable: true})
    faultsNormalisedPerbill!: number | undefined | null

    @IntColumn_({nullable: false})
    faultsScorePerbill!: number

    @BigIntColumn_({nullable: false})
    faultsWeightedNanopoints!: bigint

    @BigIntColumn_({nullable: true})
    offlineRaw!: bigint | undefined | null

    @IntColumn_({nullable: true})
    offlineNormalisedPerbill!: number | undefined | null

    @IntColumn_({nullable: false})
    offlineScorePerbill!: number

    @BigIntColumn_({nullable: false})
    offlineWeightedNanopoints!: bigint

    @BigIntColumn_({nullable: true})
    locationRaw!: bigint | undefined | null

    /**
     * noValue or bannedProvider when that decided the score instead of the distribution
     */
    @StringColumn_({nullable: true})
    locationCondition!: string | undefined | null

    @IntColumn_({nullable: true})
    locationNormalisedPerbill!: number | undefined | null

    @IntColumn_({nullable: false})
    locationScorePerbill!: number

    @BigIntColumn_({nullable: false})
    locationWeightedNanopoints!: bigint

    @BigIntColumn_({nullable: true})
    regionRaw!: bigint | undefined | null

    /**
     * noValue or bannedProvider when that decided the score instead of the distribution
     */
    @StringColumn_({nullable: true})
    regionCondition!: string | undefined | null

    @IntColumn_({nullable: true})
    regionNormalisedPerbill!: number | undefined | null

    @IntColumn_({nullable: false})
    regionScorePerbill!: number

    @BigIntColumn_({nullable: false})
    regionWeightedNanopoints!: bigint

    @BigIntColumn_({nullable: true})
    countryRaw!: bigint | undefined | null

    /**
     * noValue or bannedProvider when that decided the score instead of the distribution
     */
    @StringColumn_({nullable: true})
    countryCondition!: string | undefined | null

    @IntColumn_({nullable: true})
    countryNormalisedPerbill!: number | undefined | null

    @IntColumn_({nullable: false})
    countryScorePerbill!: number

    @BigIntColumn_({nullable: false})
    countryWeightedNanopoints!: bigint

    @BigIntColumn_({nullable: true})
    providerRaw!: bigint | undefined | null

    /**
     * noValue or bannedProvider when that decided the score instead of the distribution
     */
    @StringColumn_({nullable: true})
    providerCondition!: string | undefined | null

    @IntColumn_({nullable: true})
    providerNormalisedPerbill!: number | undefined | null

    @IntColumn_({nullable: false})
    providerScorePerbill!: number

    @BigIntColumn_({nullable: false})
    providerWeightedNanopoints!: bigint

    @BigIntColumn_({nullable: true})
    nominatorStakeRaw!: bigint | undefined | null

    @IntColumn_({nullable: true})
    nominatorStakeNormalisedPerbill!: number | undefined | null

    @IntColumn_({nullable: false})
    nominatorStakeScorePerbill!: number

    @BigIntColumn_({nullable: false})
    nominatorStakeWeightedNanopoints!: bigint

    @BigIntColumn_({nullable: true})
    clientRaw!: bigint | undefined | null

    @IntColumn_({nullable: true})
    clientNormalisedPerbill!: number | undefined | null

    @IntColumn_({nullable: false})
    clientScorePerbill!: number

    @BigIntColumn_({nullable: false})
    clientWeightedNanopoints!: bigint
}
