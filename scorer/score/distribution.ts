/**
 * The distribution of one score component's raw values over an era's valid candidates: exact quantiles,
 * the bounds a value is scaled between, and the statistics stored so candidates can check their score.
 */

/**
 * Hundredths of a component's raw unit. Raw values are whole numbers and quantiles are taken at whole
 * percents, so linear interpolation lands on a hundredth exactly: no quantile is ever rounded.
 */
export type Hundredths = bigint

export const PERBILL = 1_000_000_000

/** The stored statistics of one component in one era (the old ScoreMetadata), as decimal strings with two decimals. */
export interface DistributionStats {
    /** Values in the distribution: one per candidate, or one per distinct value for the location family. */
    count: number
    /** The quantiles, in percent, that a value is scaled between. */
    lowerPercent: number
    upperPercent: number
    /** Those quantiles: the bounds of the scaling (exact). */
    lower: string
    upper: string
    /** Exact. */
    min: string
    max: string
    q10: string
    q25: string
    q50: string
    q75: string
    q90: string
    /** Rounded half up to two decimals. */
    mean: string
    /** Sample standard deviation (n − 1), rounded down to two decimals; 0 for fewer than two values. */
    standardDeviation: string
}

/**
 * The q-quantile of ascending values, q in whole percent: pos = (n − 1)·q, interpolated linearly between
 * sorted[floor(pos)] and the next value. 0 for no values (as the old getStats).
 */
export function quantile(sorted: readonly bigint[], percent: number): Hundredths {
    if (!Number.isInteger(percent) || percent < 0 || percent > 100)
        throw new RangeError(`quantile: percent must be a whole number from 0 to 100, got ${percent}`)
    if (sorted.length === 0) return 0n
    const t = BigInt(sorted.length - 1) * BigInt(percent)
    const i = Number(t / 100n)
    const rest = t % 100n
    const base = sorted[i] * 100n
    return rest === 0n ? base : base + (sorted[i + 1] - sorted[i]) * rest
}

/** A distribution's scaling bounds, read once from its stored statistics. */
export interface ScaleBounds {
    count: number
    lower: Hundredths
    upper: Hundredths
}

export function scaleBounds(stats: Pick<DistributionStats, 'count' | 'lower' | 'upper'>): ScaleBounds {
    return {count: stats.count, lower: parseHundredths(stats.lower), upper: parseHundredths(stats.upper)}
}

/**
 * 1KV's scaledDefined(value, values, lower, upper) in perbill: 0 at or below the lower bound (checked first,
 * so equal bounds give 0), 1 at or above the upper bound, linear between, rounded down. An empty
 * distribution scales every value to 0.
 */
export function scaledPerbill(value: bigint, bounds: ScaleBounds): number {
    if (bounds.count === 0) return 0
    const v = value * 100n
    const {lower, upper} = bounds
    if (v <= lower) return 0
    if (v >= upper) return PERBILL
    return Number(((v - lower) * BigInt(PERBILL)) / (upper - lower))
}

export function describeDistribution(values: readonly bigint[], lowerPercent: number, upperPercent: number): DistributionStats {
    const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    const n = BigInt(sorted.length)
    const q = (percent: number) => formatHundredths(quantile(sorted, percent))
    let sum = 0n
    let sumOfSquares = 0n
    for (const v of sorted) {
        if (v < 0n) throw new RangeError(`a raw score value is negative: ${v}`)
        sum += v
        sumOfSquares += v * v
    }
    // mean·100 rounded half up = floor((200·Σx + n) / 2n)
    const mean = n === 0n ? 0n : (200n * sum + n) / (2n * n)
    // sample variance = (n·Σx² − (Σx)²) / (n(n − 1)); sd·100 = floor(√(variance·10⁴))
    const standardDeviation = n < 2n ? 0n : squareRoot(((n * sumOfSquares - sum * sum) * 10_000n) / (n * (n - 1n)))
    return {
        count: sorted.length,
        lowerPercent,
        upperPercent,
        lower: q(lowerPercent),
        upper: q(upperPercent),
        min: q(0),
        max: q(100),
        q10: q(10),
        q25: q(25),
        q50: q(50),
        q75: q(75),
        q90: q(90),
        mean: formatHundredths(mean),
        standardDeviation: formatHundredths(standardDeviation),
    }
}

/** floor(√n) of a non-negative integer, exactly (Math.sqrt rounds above 2^53). */
export function squareRoot(n: bigint): bigint {
    if (n < 0n) throw new RangeError(`square root of a negative number: ${n}`)
    if (n < 2n) return n
    // Newton's method decreases monotonically to floor(√n) from any start at or above it: the float root
    // with a margin for its rounding, or a power of two where the float overflows.
    const estimate = Math.sqrt(Number(n))
    let x = Number.isFinite(estimate)
        ? BigInt(Math.ceil(estimate * (1 + 2 ** -40))) + 1n
        : 1n << BigInt(Math.ceil(n.toString(2).length / 2))
    for (;;) {
        const y = (x + n / x) / 2n
        if (y >= x) return x
        x = y
    }
}

/** 1234n → "12.34". */
export function formatHundredths(h: Hundredths): string {
    const sign = h < 0n ? '-' : ''
    const a = h < 0n ? -h : h
    return `${sign}${a / 100n}.${(a % 100n).toString().padStart(2, '0')}`
}

/** "12.34" → 1234n; anything but a decimal with exactly two decimals is refused (stored rows are always written so). */
export function parseHundredths(s: string): Hundredths {
    const m = /^(-?)(\d+)\.(\d\d)$/.exec(s)
    if (!m) throw new RangeError(`expected a decimal with two decimals like "12.34", got ${JSON.stringify(s)}`)
    const h = BigInt(m[2]) * 100n + BigInt(m[3])
    return m[1] ? -h : h
}
