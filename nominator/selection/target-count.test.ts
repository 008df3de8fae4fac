import {describe, expect, it} from 'vitest'
import {targetCount, type TargetCount, type TargetCountLimits} from './target-count'

const DOT = 10n ** 10n
const dot = (n: number) => BigInt(n) * DOT
/** The 1KV buffer: max(0.2 %, 20 tokens). */
const LIMITS: TargetCountLimits = {balanceBuffer: {perbill: 2_000_000, minPlanck: dot(20)}, maxNominations: 16, maxTargets: 16}
/** Five low ones (skipped), then 10, 20, 30, 40 tokens; in shuffled order, as the chain gives them. */
const ELECTED = [dot(30), dot(1), dot(10), dot(2), dot(40), dot(1), dot(20), dot(3), dot(1)]
/** 40 elected backed by 100 tokens each after the 5 lowest. */
const MANY = [...Array(5).fill(dot(1)), ...Array(40).fill(dot(100))]

describe('target count (the old autoNumNominations, in planck)', () => {
    it.each<[string, bigint, bigint[], Partial<TargetCountLimits>, Partial<TargetCount>]>([
        ['zero bonded: floor of 1', 0n, ELECTED, {}, {count: 1, bufferedPlanck: 0n, liftable: 0, limitedBy: 'floor'}],
        ['bond below the fixed buffer: floor of 1', dot(15), ELECTED, {}, {count: 1, bufferedPlanck: 0n, limitedBy: 'floor'}],
        [
            '100 tokens, buffer 20: lifts 10+20+30 = 60 < 80, ×1.05 → 4',
            dot(100),
            ELECTED,
            {},
            {count: 4, bufferedPlanck: dot(80), liftable: 3, raised: 4, limitedBy: 'lift'},
        ],
        [
            'sum equal to the buffered bond is not below it',
            dot(80),
            ELECTED,
            {},
            {count: 3, bufferedPlanck: dot(60), liftable: 2, raised: 3},
        ],
        ['one planck more and the third fits', dot(80) + 1n, ELECTED, {}, {liftable: 3, count: 4}],
        ['the 5 lowest are never counted, however small', dot(30), ELECTED, {}, {bufferedPlanck: dot(10), liftable: 0, count: 1}],
        [
            'fewer than 6 elected: nothing to lift',
            dot(1000),
            [dot(1), dot(1), dot(1), dot(1), dot(1)],
            {},
            {liftable: 0, count: 1, limitedBy: 'floor'},
        ],
        ['zero exposures are left out before skipping', dot(100), [0n, 0n, ...ELECTED], {}, {liftable: 3, count: 4}],
        ['×1.05 exact: 20 → 21', dot(2021), MANY, {maxNominations: 64, maxTargets: 24}, {liftable: 20, raised: 21, count: 21}],
        ['×1.05 rounds up: 19 → 20 (19.95)', dot(1921), MANY, {maxNominations: 64, maxTargets: 24}, {liftable: 19, raised: 20, count: 20}],
        [
            'huge bond: capped by the chain',
            dot(1_000_000),
            MANY,
            {maxNominations: 16, maxTargets: 24},
            {liftable: 40, raised: 42, count: 16, limitedBy: 'chain'},
        ],
        [
            'huge bond: capped by maxTargets below the chain',
            dot(1_000_000),
            MANY,
            {maxNominations: 16, maxTargets: 12},
            {count: 12, limitedBy: 'config'},
        ],
        ['share buffer above the fixed one: 0.2 % of 100,000', dot(100_000), ELECTED, {}, {bufferedPlanck: dot(99_800)}],
    ])('%s', (_name, bondedPlanck, elected, limits, expected) => {
        expect(targetCount(bondedPlanck, elected, {...LIMITS, ...limits})).toMatchObject(expected)
    })

    it('balances beyond 2^53 planck stay exact', () => {
        const bonded = 10n ** 30n + 7n
        const c = targetCount(bonded, [...Array(5).fill(1n), 10n ** 29n, 10n ** 29n], LIMITS)
        // 0.2 % of 10^30 + 7 is 2·10^27 (integer division drops the 7·0.002).
        expect(c.bufferedPlanck).toBe(bonded - 2n * 10n ** 27n)
        expect(c.liftable).toBe(2)
    })

    it("does not reorder the caller's exposures", () => {
        const elected = [...ELECTED]
        targetCount(dot(100), elected, LIMITS)
        expect(elected).toEqual(ELECTED)
    })
})
