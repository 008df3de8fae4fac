/**
 * How a candidate's score is computed: every component's raw value from the era's inputs, its
 * distribution over the era's valid candidates, its weighted score, and the seeded total. Plain data in,
 * plain data out; the formulas are written out in SCORES.md.
 */
import {
    COMPONENT_NAMES,
    COMPONENT_RULES,
    LOCATION_COMPONENTS,
    componentScore,
    totalNanopoints,
    type ComponentCondition,
    type ComponentName,
    type ComponentScore,
    type ScoreWeights,
} from './components'
import {describeDistribution, scaleBounds, type DistributionStats, type ScaleBounds} from './distribution'
import {nominatorStakeMicros} from './nominator-stake'
import {randomBoost} from './random-boost'
import {ScoreInputError, type CandidateLocation, type CandidateScoreInputs, type ScoreInputs} from './score-inputs'

/** Everything an era's scores were computed against (the old ScoreMetadata, plus the weights and the salt). */
export interface ScoreMetadata {
    era: number
    weights: ScoreWeights
    inclusionEras: number
    spanInclusionEras: number
    randomnessMaxPerbill: number
    randomnessSalt: string
    candidateCount: number
    components: Record<ComponentName, DistributionStats>
}

export interface CandidateScore {
    era: number
    stash: string
    components: Record<ComponentName, ComponentScore>
    /** Σ weighted components. */
    aggregateNanopoints: bigint
    randomSeedHex: string
    randomPerbill: number
    /** What selection sorts by. */
    totalNanopoints: bigint
}

export interface EraScores {
    metadata: ScoreMetadata
    /** Ordered by stash, so the same inputs give the same rows in the same order. */
    candidates: CandidateScore[]
}

/** The value of a location-family component: city, region, country or provider. */
const LOCATION_FIELD: Record<(typeof LOCATION_COMPONENTS)[number], keyof CandidateLocation> = {
    location: 'city',
    region: 'region',
    country: 'country',
    provider: 'provider',
}

export const PARITY_CLIENT = 'Parity Polkadot'

export function scoreEra(inputs: ScoreInputs): EraScores {
    checkEraInputs(inputs)
    const candidates = [...inputs.candidates].sort((a, b) => (a.stash < b.stash ? -1 : a.stash > b.stash ? 1 : 0))
    const programmeNominators = new Set(inputs.programmeNominators)
    const bannedProviders = new Set(inputs.bannedProviders)

    // Raw values and conditions, per component, in candidate order.
    const raws = {} as Record<ComponentName, (bigint | null)[]>
    const conditions = {} as Record<ComponentName, (ComponentCondition | null)[]>
    const distributions = {} as Record<ComponentName, bigint[]>
    const perCandidate = (name: ComponentName, raw: (c: CandidateScoreInputs) => bigint) => {
        raws[name] = candidates.map(raw)
        conditions[name] = candidates.map(() => null)
        distributions[name] = raws[name] as bigint[]
    }
    perCandidate('inclusion', c => erasWithPointsIn(c, inputs.era, inputs.inclusionEras))
    perCandidate('spanInclusion', c => erasWithPointsIn(c, inputs.era, inputs.spanInclusionEras))
    perCandidate('discovered', c => BigInt(c.discoveredAtMs))
    perCandidate('nominated', c => BigInt(c.lastEraWithPoints ?? 0))
    perCandidate('rank', c => BigInt(c.rank))
    perCandidate('bonded', c => c.selfStakePlanck)
    perCandidate('faults', c => BigInt(c.faults))
    perCandidate('offline', c => BigInt(c.offlineMs))
    perCandidate('nominatorStake', c => nominatorStakeMicros(c.stash, c.nominators, programmeNominators, inputs.tokenDecimals))
    perCandidate('client', c => (c.implementation !== null && c.implementation !== PARITY_CLIENT ? 1n : 0n))

    for (const name of LOCATION_COMPONENTS) {
        const values = candidates.map(c => nonEmpty(c.location?.[LOCATION_FIELD[name]]))
        const counts = new Map<string, bigint>()
        for (const v of values) if (v !== null) counts.set(v, (counts.get(v) ?? 0n) + 1n)
        raws[name] = values.map(v => (v === null ? null : (counts.get(v) as bigint)))
        conditions[name] = candidates.map((c, i) => {
            const provider = nonEmpty(c.location?.provider)
            if (provider !== null && bannedProviders.has(provider)) return 'bannedProvider'
            return values[i] === null ? 'noValue' : null
        })
        distributions[name] = [...counts.values()]
    }

    const stats = {} as Record<ComponentName, DistributionStats>
    for (const name of COMPONENT_NAMES) {
        const scale = COMPONENT_RULES[name].scale
        const [lowerPercent, upperPercent] = scale === 'binary' ? [0, 100] : [scale.lowerPercent, scale.upperPercent]
        stats[name] = describeDistribution(distributions[name], lowerPercent, upperPercent)
    }

    const metadata: ScoreMetadata = {
        era: inputs.era,
        weights: Object.fromEntries(COMPONENT_NAMES.map(n => [n, inputs.weights[n]])) as ScoreWeights,
        inclusionEras: inputs.inclusionEras,
        spanInclusionEras: inputs.spanInclusionEras,
        randomnessMaxPerbill: inputs.randomnessMaxPerbill,
        randomnessSalt: inputs.randomnessSalt,
        candidateCount: candidates.length,
        components: stats,
    }
    const bounds = metadataBounds(metadata)
    return {
        metadata,
        candidates: candidates.map((c, i) =>
            scoreCandidate(metadata, bounds, c.stash, name => ({raw: raws[name][i], condition: conditions[name][i]})),
        ),
    }
}

/** Every component's scaling bounds, read from the metadata's stored statistics: the only bounds scoring uses. */
export function metadataBounds(metadata: ScoreMetadata): Record<ComponentName, ScaleBounds> {
    return Object.fromEntries(COMPONENT_NAMES.map(n => [n, scaleBounds(metadata.components[n])])) as Record<ComponentName, ScaleBounds>
}

/**
 * One candidate's score from the era's metadata and its raw values: the whole formula after the raw
 * values, shared with explain so that a recomputation from stored rows is the same computation.
 */
export function scoreCandidate(
    metadata: ScoreMetadata,
    bounds: Record<ComponentName, ScaleBounds>,
    stash: string,
    rawOf: (name: ComponentName) => {raw: bigint | null; condition: ComponentCondition | null},
): CandidateScore {
    const components = {} as Record<ComponentName, ComponentScore>
    let aggregateNanopoints = 0n
    for (const name of COMPONENT_NAMES) {
        const {raw, condition} = rawOf(name)
        const score = componentScore(name, raw, condition, bounds[name], metadata.weights[name])
        components[name] = score
        aggregateNanopoints += score.weightedNanopoints
    }
    const boost = randomBoost(metadata.era, metadata.randomnessSalt, stash, metadata.randomnessMaxPerbill)
    return {
        era: metadata.era,
        stash,
        components,
        aggregateNanopoints,
        randomSeedHex: boost.seedHex,
        randomPerbill: boost.perbill,
        totalNanopoints: totalNanopoints(aggregateNanopoints, boost.perbill),
    }
}

/** Eras in (era − windowEras, era] with era points, each once: the share of the window is this count / windowEras. */
function erasWithPointsIn(c: CandidateScoreInputs, era: number, windowEras: number): bigint {
    return BigInt(new Set(c.erasWithPoints.filter(e => e > era - windowEras && e <= era)).size)
}

function nonEmpty(v: string | null | undefined): string | null {
    return v === undefined || v === null || v.trim() === '' ? null : v
}

function checkEraInputs(inputs: ScoreInputs): void {
    if (!Number.isSafeInteger(inputs.era) || inputs.era < 0)
        throw new RangeError(`score inputs: era must be a whole number ≥ 0, got ${inputs.era}`)
    for (const name of COMPONENT_NAMES) {
        const w = inputs.weights[name]
        if (!Number.isSafeInteger(w) || w < 0) throw new RangeError(`score inputs: weights.${name} must be a whole number ≥ 0, got ${w}`)
    }
    for (const key of ['inclusionEras', 'spanInclusionEras', 'randomnessMaxPerbill', 'tokenDecimals'] as const) {
        if (!Number.isSafeInteger(inputs[key]) || inputs[key] < 0)
            throw new RangeError(`score inputs: ${key} must be a whole number ≥ 0, got ${inputs[key]}`)
    }
    const seen = new Set<string>()
    for (const c of inputs.candidates) {
        if (seen.has(c.stash)) throw new ScoreInputError(c.stash, 'the stash is listed twice')
        seen.add(c.stash)
        const wholes: [string, number][] = [
            ['discoveredAtMs', c.discoveredAtMs],
            ['rank', c.rank],
            ['faults', c.faults],
            ['offlineMs', c.offlineMs],
        ]
        for (const [key, v] of wholes) {
            if (!Number.isSafeInteger(v) || v < 0) throw new ScoreInputError(c.stash, `${key} must be a whole number ≥ 0, got ${v}`)
        }
        if (c.selfStakePlanck < 0n) throw new ScoreInputError(c.stash, `selfStakePlanck is negative: ${c.selfStakePlanck}`)
        const latest = c.erasWithPoints.filter(e => e <= inputs.era).reduce((m, e) => Math.max(m, e), -1)
        if (c.lastEraWithPoints !== null && c.lastEraWithPoints > inputs.era)
            throw new ScoreInputError(c.stash, `lastEraWithPoints ${c.lastEraWithPoints} is after the era scored (${inputs.era})`)
        if (latest > (c.lastEraWithPoints ?? -1))
            throw new ScoreInputError(c.stash, `erasWithPoints has era ${latest}, later than lastEraWithPoints ${c.lastEraWithPoints}`)
    }
}
