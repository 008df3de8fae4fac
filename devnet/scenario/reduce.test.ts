import {describe, expect, it} from 'vitest'
import {reduceToForest, type StakeEdge} from './reduce'
import {seqPhragmen} from './phragmen'
import {SeededRandom} from './seeded-random'

function totals(edges: readonly StakeEdge[], side: 'voter' | 'target'): Map<number, bigint> {
    const out = new Map<number, bigint>()
    for (const e of edges) out.set(e[side], (out.get(e[side]) ?? 0n) + e.weight)
    return out
}

/** True when no set of edges forms a cycle (union-find over voter and target nodes). */
function isForest(edges: readonly StakeEdge[], voters: number): boolean {
    const up = new Map<number, number>()
    const find = (x: number): number => {
        while (up.has(x)) x = up.get(x)!
        return x
    }
    for (const e of edges) {
        const a = find(e.voter)
        const b = find(voters + e.target)
        if (a === b) return false
        up.set(a, b)
    }
    return true
}

function randomAssignment(seed: number, voters: number, targets: number, perVoter: number): StakeEdge[] {
    const rnd = new SeededRandom(seed)
    const edges: StakeEdge[] = []
    for (let v = 0; v < voters; v++) {
        const chosen = new Set<number>()
        while (chosen.size < Math.min(perVoter, targets)) chosen.add(rnd.int(targets))
        for (const target of chosen) edges.push({voter: v, target, weight: BigInt(1 + rnd.int(1_000_000))})
    }
    return edges
}

describe('reduceToForest', () => {
    it('cancels the one cycle of two voters sharing two targets, keeping every total', () => {
        const edges = [
            {voter: 0, target: 0, weight: 10n},
            {voter: 0, target: 1, weight: 10n},
            {voter: 1, target: 0, weight: 5n},
            {voter: 1, target: 1, weight: 20n},
        ]
        const out = reduceToForest(edges, 2, 2)
        expect(out).toHaveLength(3)
        expect(totals(out, 'voter')).toEqual(totals(edges, 'voter'))
        expect(totals(out, 'target')).toEqual(totals(edges, 'target'))
    })

    it("leaves a forest with every voter's stake and every target's backing unchanged", () => {
        for (const seed of [1, 2, 3]) {
            const edges = randomAssignment(seed, 400, 30, 8)
            const out = reduceToForest(edges, 400, 30)
            expect(isForest(out, 400), `seed ${seed}`).toBe(true)
            expect(out.length).toBeLessThanOrEqual(400 + 30 - 1)
            expect(out.every(e => e.weight > 0n)).toBe(true)
            expect(totals(out, 'voter')).toEqual(totals(edges, 'voter'))
            expect(totals(out, 'target')).toEqual(totals(edges, 'target'))
        }
    })

    it("gives seqPhragmen's winners the same backing with about one edge per nominator", () => {
        const rnd = new SeededRandom(7)
        const candidates = Array.from({length: 60}, (_, i) => ({who: `c${i}`, selfStakePlanck: BigInt(1000 + rnd.int(1000))}))
        const voters = Array.from({length: 500}, (_, i) => ({
            who: `n${i}`,
            stakePlanck: BigInt(100 + rnd.int(10_000)),
            targets: [...new Set(Array.from({length: 16}, () => `c${rnd.int(60)}`))],
        }))
        const full = seqPhragmen(candidates, voters, 20)
        const reduced = seqPhragmen(candidates, voters, 20, {reduce: true})
        expect(reduced.map(e => [e.validator, e.totalPlanck, e.ownPlanck])).toEqual(
            full.map(e => [e.validator, e.totalPlanck, e.ownPlanck]),
        )
        const edges = (x: typeof full) => x.reduce((n, e) => n + e.others.length, 0)
        expect(edges(full)).toBeGreaterThan(3 * 500)
        expect(edges(reduced)).toBeLessThanOrEqual(500 + 20)
    })
})
