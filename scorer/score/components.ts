/**
 * The score's components: what each one's raw value is, how it is scaled against the era's distribution,
 * which direction is better, and the one formula that turns a raw value into a weighted score (used by
 * the scoring pass and by explain alike, so the two cannot drift apart).
 */
import type {ConfigFile} from '../../config/schema'
import {PERBILL, scaledPerbill, type ScaleBounds} from './distribution'

export const COMPONENT_NAMES = [
    'inclusion',
    'spanInclusion',
    'discovered',
    'nominated',
    'rank',
    'bonded',
    'faults',
    'offline',
    'location',
    'region',
    'country',
    'provider',
    'nominatorStake',
    'client',
] as const satisfies readonly (keyof ConfigFile['score']['weights'])[]

export type ComponentName = (typeof COMPONENT_NAMES)[number]

/** Whole points per component (config `score.weights`); 0 switches a component off. */
export type ScoreWeights = Record<ComponentName, number>

export interface ComponentRule {
    /** The raw value and its unit, as SCORES.md and explain print it. */
    raw: string
    /** Quantiles (percent) the raw value is scaled between; binary: raw 1 scores fully, 0 not at all. */
    scale: {lowerPercent: number; upperPercent: number} | 'binary'
    /** lower: the score share is 1 − scaled (a lower raw value earns more). */
    better: 'higher' | 'lower'
    /** candidates: one value per candidate; valueCounts: one value per distinct location value (its candidate count). */
    distribution: 'candidates' | 'valueCounts'
}

const q10to90 = {lowerPercent: 10, upperPercent: 90}

export const COMPONENT_RULES: Record<ComponentName, ComponentRule> = {
    inclusion: {
        raw: 'eras with era points among the last inclusionEras',
        scale: {lowerPercent: 5, upperPercent: 95},
        better: 'lower',
        distribution: 'candidates',
    },
    spanInclusion: {
        raw: 'eras with era points among the last spanInclusionEras',
        scale: {lowerPercent: 5, upperPercent: 95},
        better: 'lower',
        distribution: 'candidates',
    },
    discovered: {raw: 'first seen, ms since 1970', scale: q10to90, better: 'lower', distribution: 'candidates'},
    nominated: {raw: 'last era with era points (0 if none)', scale: q10to90, better: 'lower', distribution: 'candidates'},
    rank: {raw: 'rank', scale: q10to90, better: 'higher', distribution: 'candidates'},
    bonded: {raw: 'self-stake, planck', scale: {lowerPercent: 5, upperPercent: 85}, better: 'higher', distribution: 'candidates'},
    faults: {raw: 'fault events in the fault window', scale: q10to90, better: 'lower', distribution: 'candidates'},
    offline: {raw: 'offline time in the validity window, ms', scale: q10to90, better: 'lower', distribution: 'candidates'},
    location: {
        raw: 'valid candidates in the same city',
        scale: {lowerPercent: 0, upperPercent: 100},
        better: 'lower',
        distribution: 'valueCounts',
    },
    region: {
        raw: 'valid candidates in the same region',
        scale: {lowerPercent: 0, upperPercent: 100},
        better: 'lower',
        distribution: 'valueCounts',
    },
    country: {
        raw: 'valid candidates in the same country',
        scale: {lowerPercent: 0, upperPercent: 100},
        better: 'lower',
        distribution: 'valueCounts',
    },
    provider: {
        raw: 'valid candidates with the same provider',
        scale: {lowerPercent: 0, upperPercent: 100},
        better: 'lower',
        distribution: 'valueCounts',
    },
    nominatorStake: {
        raw: 'Σ√(bonded tokens) of outside nominators, millionths',
        scale: {lowerPercent: 5, upperPercent: 95},
        better: 'higher',
        distribution: 'candidates',
    },
    client: {raw: '1 for a client other than Parity Polkadot, else 0', scale: 'binary', better: 'higher', distribution: 'candidates'},
}

export const LOCATION_COMPONENTS = ['location', 'region', 'country', 'provider'] as const satisfies readonly ComponentName[]

/** Why a location-family component was not scaled: no value known, or a banned provider. */
export type ComponentCondition = 'noValue' | 'bannedProvider'

/** The share of the weight a location-family component earns when its value is unknown (1KV: 0.25). */
export const NO_VALUE_SCORE_PERBILL = 250_000_000

export interface ComponentScore {
    /** In the unit of COMPONENT_RULES[name].raw; null when the candidate has no value (condition noValue). */
    raw: bigint | null
    condition: ComponentCondition | null
    /** The raw value scaled against the era's distribution, [0, 1] in perbill; null when a condition decided the score. */
    normalisedPerbill: number | null
    /** The share of the weight earned, [0, 1] in perbill: normalised, or 1 − normalised where lower is better. */
    scorePerbill: number
    /** weight × scorePerbill: points in billionths, exact. Kept at 0 for a weight of 0, while raw and normalised are still stored. */
    weightedNanopoints: bigint
}

export function componentScore(
    name: ComponentName,
    raw: bigint | null,
    condition: ComponentCondition | null,
    bounds: ScaleBounds,
    weight: number,
): ComponentScore {
    const rule = COMPONENT_RULES[name]
    if (!Number.isSafeInteger(weight) || weight < 0) throw new RangeError(`weight of ${name} must be a whole number ≥ 0, got ${weight}`)
    if (condition === null && raw === null) throw new RangeError(`${name}: a raw value is required unless a condition decides the score`)
    if (condition !== null && rule.distribution !== 'valueCounts')
        throw new RangeError(`${name}: only the location family has conditions, got ${condition}`)
    let normalisedPerbill: number | null = null
    let scorePerbill: number
    if (condition === 'bannedProvider') scorePerbill = 0
    else if (condition === 'noValue') scorePerbill = NO_VALUE_SCORE_PERBILL
    else {
        const v = raw as bigint
        normalisedPerbill = rule.scale === 'binary' ? (v === 0n ? 0 : PERBILL) : scaledPerbill(v, bounds)
        scorePerbill = rule.better === 'lower' ? PERBILL - normalisedPerbill : normalisedPerbill
    }
    return {raw, condition, normalisedPerbill, scorePerbill, weightedNanopoints: BigInt(weight) * BigInt(scorePerbill)}
}

/** total = aggregate + floor(aggregate × randomPerbill / 10⁹): the one rounding in a score. */
export function totalNanopoints(aggregateNanopoints: bigint, randomPerbill: number): bigint {
    return aggregateNanopoints + (aggregateNanopoints * BigInt(randomPerbill)) / BigInt(PERBILL)
}

/** 123_456_789_012n → "123.456789012" points. */
export function formatNanopoints(n: bigint): string {
    const sign = n < 0n ? '-' : ''
    const a = n < 0n ? -n : n
    return `${sign}${a / 1_000_000_000n}.${(a % 1_000_000_000n).toString().padStart(9, '0')}`
}
