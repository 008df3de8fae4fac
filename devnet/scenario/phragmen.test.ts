import {describe, expect, it} from 'vitest'
import {seqPhragmen} from './phragmen'

describe('seqPhragmen', () => {
    it('elects the best-backed candidates and splits each voter stake over its elected targets', () => {
        const candidates = [
            {who: 'A', selfStakePlanck: 10n},
            {who: 'B', selfStakePlanck: 10n},
            {who: 'C', selfStakePlanck: 10n},
        ]
        const voters = [
            {who: 'x', stakePlanck: 100n, targets: ['A', 'B']},
            {who: 'y', stakePlanck: 50n, targets: ['B']},
            {who: 'z', stakePlanck: 5n, targets: ['C']},
        ]
        const out = seqPhragmen(candidates, voters, 2)
        expect(out.map(e => e.validator).sort()).toEqual(['A', 'B'])
        for (const e of out) {
            expect(e.ownPlanck).toBe(10n)
            expect(e.totalPlanck).toBe(e.ownPlanck + e.others.reduce((s, o) => s + o.valuePlanck, 0n))
        }
        // Every planck of x is assigned, split between A and B.
        const xTotal = out
            .flatMap(e => e.others)
            .filter(o => o.who === 'x')
            .reduce((s, o) => s + o.valuePlanck, 0n)
        expect(xTotal).toBe(100n)
        expect(out.flatMap(e => e.others).some(o => o.who === 'z')).toBe(false)
    })

    it('never elects more seats than candidates with backing, and ignores votes for unknown targets', () => {
        const out = seqPhragmen([{who: 'A', selfStakePlanck: 1n}], [{who: 'x', stakePlanck: 10n, targets: ['A', 'nobody']}], 5)
        expect(out).toHaveLength(1)
        expect(out[0].totalPlanck).toBe(11n)
    })
})
