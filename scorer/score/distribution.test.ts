import {describe, expect, it} from 'vitest'
import {describeDistribution, formatHundredths, parseHundredths, quantile, scaleBounds, scaledPerbill, squareRoot} from './distribution'

const big = (xs: number[]) => xs.map(BigInt)
/** 1KV's quantile (score.ts), in floating point, for comparison. */
function floatQuantile(arr: number[], q: number): number {
    const sorted = [...arr].sort((a, b) => a - b)
    const pos = (sorted.length - 1) * q
    const base = Math.floor(pos)
    const rest = pos - base
    return sorted[base + 1] !== undefined ? sorted[base] + rest * (sorted[base + 1] - sorted[base]) : sorted[base]
}

describe('quantile: sort ascending, pos = (n − 1)·q, linear interpolation, in hundredths', () => {
    it.each<[string, number[], number, bigint]>([
        ['q10 of 1..4: pos 0.3 → 1.3', [1, 2, 3, 4], 10, 130n],
        ['q50 of 1..4: pos 1.5 → 2.5', [1, 2, 3, 4], 50, 250n],
        ['q90 of 1..4: pos 2.7 → 3.7', [1, 2, 3, 4], 90, 370n],
        ['q0 is the minimum', [9, 3, 5], 0, 300n],
        ['q100 is the maximum', [9, 3, 5], 100, 900n],
        ['a single value is every quantile', [7], 25, 700n],
        ['ties: all equal', [5, 5, 5], 90, 500n],
        ['no values: 0, as the old getStats', [], 50, 0n],
        ['q5 of 0,1,1,4: pos 0.15 → 0.15', [0, 1, 1, 4], 5, 15n],
        ['q95 of 0,1,1,4: pos 2.85 → 1 + 3·0.85 = 3.55', [0, 1, 1, 4], 95, 355n],
    ])('%s', (_name, values, percent, expected) => {
        const sorted = big(values).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
        expect(quantile(sorted, percent)).toBe(expected)
    })

    it('agrees with the old floating-point formula on random inputs (to float precision)', () => {
        let seed = 7
        const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31)
        for (let k = 0; k < 200; k++) {
            const values = Array.from({length: 1 + (next() % 40)}, () => next() % 100_000)
            const sorted = big(values).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
            for (const p of [5, 10, 25, 50, 75, 85, 90, 95]) {
                expect(Number(quantile(sorted, p)) / 100).toBeCloseTo(floatQuantile(values, p / 100), 6)
            }
        }
    })

    it('refuses a fractional percent', () => {
        expect(() => quantile([1n], 12.5)).toThrow(/whole number from 0 to 100, got 12.5/)
    })
})

describe('scaledPerbill: 1KV scaledDefined, in perbill', () => {
    // 0, 10, …, 100: q10 = 10, q90 = 90
    const stats = scaleBounds(describeDistribution(big([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]), 10, 90))
    it.each<[number, number]>([
        [0, 0],
        [10, 0], // at the lower bound: 0
        [30, 250_000_000], // (30 − 10) / (90 − 10)
        [33, 287_500_000],
        [50, 500_000_000],
        [90, 1_000_000_000], // at the upper bound: 1
        [1000, 1_000_000_000],
    ])('%i → %i', (value, expected) => {
        expect(scaledPerbill(BigInt(value), stats)).toBe(expected)
    })

    it('rounds down: 1/3 of the way is 333333333', () => {
        expect(scaledPerbill(1n, scaleBounds(describeDistribution(big([0, 3]), 0, 100)))).toBe(333_333_333)
    })

    it('equal bounds (ties) give 0, the lower-bound test coming first', () => {
        const ties = scaleBounds(describeDistribution(big([5, 5, 5]), 10, 90))
        expect([scaledPerbill(4n, ties), scaledPerbill(5n, ties), scaledPerbill(6n, ties)]).toEqual([0, 0, 1_000_000_000])
    })

    it('an empty distribution scales everything to 0', () => {
        expect(scaledPerbill(123n, scaleBounds(describeDistribution([], 5, 95)))).toBe(0)
    })
})

describe('describeDistribution: the statistics stored per component and era', () => {
    it('2, 4, 4, 4, 5, 5, 7, 9: mean 5, sample sd √(32/7) = 2.138… → 2.13', () => {
        expect(describeDistribution(big([9, 4, 2, 4, 5, 4, 7, 5]), 5, 95)).toEqual({
            count: 8,
            lowerPercent: 5,
            upperPercent: 95,
            lower: '2.70', // pos 0.35: 2 + 2·0.35
            upper: '8.30', // pos 6.65: 7 + 2·0.65
            min: '2.00',
            max: '9.00',
            q10: '3.40', // pos 0.7: 2 + 2·0.7
            q25: '4.00',
            q50: '4.50',
            q75: '5.50', // pos 5.25: 5 + 2·0.25
            q90: '7.60', // pos 6.3: 7 + 2·0.3
            mean: '5.00',
            standardDeviation: '2.13',
        })
    })

    it('the mean rounds half up: 1/8 = 0.125 → 0.13', () => {
        expect(describeDistribution(big([0, 0, 0, 0, 0, 0, 0, 1]), 10, 90).mean).toBe('0.13')
    })

    it('one value: sd 0; no values: all 0', () => {
        expect(describeDistribution([42n], 10, 90)).toMatchObject({
            count: 1,
            min: '42.00',
            max: '42.00',
            mean: '42.00',
            standardDeviation: '0.00',
        })
        expect(describeDistribution([], 10, 90)).toMatchObject({
            count: 0,
            lower: '0.00',
            upper: '0.00',
            mean: '0.00',
            standardDeviation: '0.00',
        })
    })

    it('planck-sized values stay exact', () => {
        const d = describeDistribution([10n ** 22n, 10n ** 22n + 1n], 5, 85)
        expect(d.lower).toBe('10000000000000000000000.05')
        expect(d.upper).toBe('10000000000000000000000.85')
    })
})

describe('integer square root and hundredths', () => {
    it.each<[bigint, bigint]>([
        [0n, 0n],
        [1n, 1n],
        [3n, 1n],
        [4n, 2n],
        [2n * 10n ** 10n, 141421n],
        [(2n ** 53n + 1n) ** 2n, 2n ** 53n + 1n],
        [10n ** 40n - 1n, 10n ** 20n - 1n],
        [10n ** 400n, 10n ** 200n], // beyond a float's range
    ])('√%s = %s', (n, root) => {
        expect(squareRoot(n)).toBe(root)
    })

    it('x² ≤ n < (x + 1)² around squares of every size', () => {
        for (let bits = 1n; bits < 300n; bits += 7n) {
            const r = (1n << bits) + bits * 12345n
            for (const n of [r * r - 1n, r * r, r * r + 1n, r * r + 2n * r]) {
                const x = squareRoot(n)
                expect(x * x <= n && n < (x + 1n) * (x + 1n)).toBe(true)
            }
        }
    })

    it('hundredths print with two decimals and read back exactly', () => {
        for (const h of [0n, 5n, 100n, 12345n, -7n, 10n ** 30n + 1n]) expect(parseHundredths(formatHundredths(h))).toBe(h)
        expect(formatHundredths(5n)).toBe('0.05')
        expect(() => parseHundredths('1.5')).toThrow(/two decimals/)
    })
})
