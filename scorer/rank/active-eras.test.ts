import {describe, expect, it} from 'vitest'
import {countActiveEraRanks, extendActiveEraRanks, rankState, type ActiveSetFact} from './active-eras'
import {candidateRank} from './candidate-rank'

const facts = (stash: string, eras: number[]): ActiveSetFact[] => eras.map(era => ({era, stash}))
const range = (from: number, to: number) => Array.from({length: to - from + 1}, (_, i) => from + i)

describe('rank by active eras of the identity group (1KV §5.1)', () => {
    const groups = new Map([
        ['s1', 'alice'],
        ['s2', 'alice'],
        ['s3', 'bob'],
    ])

    it('counts eras in which any stash of the group was active, once per era', () => {
        // alice: s1 in 1,2,3 and s2 in 3,4 → eras 1,2,3,4 = 4; bob: s3 in 2 = 1; s9 has no identity: its own group
        const events = countActiveEraRanks(
            [...facts('s1', [1, 2, 3]), ...facts('s2', [3, 4]), ...facts('s3', [2]), ...facts('s9', [7])],
            groups,
        )
        expect(events).toEqual([
            {rule: 'activeEras', identityGroup: 'alice', era: 1, activeStashes: ['s1'], change: 1, rank: 1},
            {rule: 'activeEras', identityGroup: 'alice', era: 2, activeStashes: ['s1'], change: 1, rank: 2},
            {rule: 'activeEras', identityGroup: 'alice', era: 3, activeStashes: ['s1', 's2'], change: 1, rank: 3},
            {rule: 'activeEras', identityGroup: 'alice', era: 4, activeStashes: ['s2'], change: 1, rank: 4},
            {rule: 'activeEras', identityGroup: 'bob', era: 2, activeStashes: ['s3'], change: 1, rank: 1},
            {rule: 'activeEras', identityGroup: 's9', era: 7, activeStashes: ['s9'], change: 1, rank: 1},
        ])
        const state = rankState(events, 7)
        expect(['s1', 's2', 's3', 's9', 'never'].map(s => candidateRank(s, {rule: 'activeEras', groups, state}))).toEqual([4, 4, 1, 1, 0])
    })

    it('duplicate facts count once', () => {
        expect(countActiveEraRanks([...facts('s1', [5, 5]), ...facts('s2', [5])], groups).map(e => e.rank)).toEqual([1])
    })

    it('a stash move under the same identity keeps the rank', () => {
        // The operator validated with s1 for eras 1..10, then moved to s2 (same identity) for 11..15.
        const history = [...facts('s1', range(1, 10)), ...facts('s2', range(11, 15))]
        const before = rankState(countActiveEraRanks(facts('s1', range(1, 10)), groups), 10)
        const after = rankState(countActiveEraRanks(history, groups), 15)
        expect(candidateRank('s1', {rule: 'activeEras', groups, state: before})).toBe(10)
        expect(candidateRank('s2', {rule: 'activeEras', groups, state: after})).toBe(15)
        // Extended era by era, and even after s1 leaves the identity, the counted eras stay with alice.
        const extended = extendActiveEraRanks(before, facts('s2', range(11, 15)), new Map([['s2', 'alice']]))
        expect(extended.map(e => e.rank)).toEqual([11, 12, 13, 14, 15])
    })

    it('extending by new eras gives the same events as a full recount (random histories)', () => {
        let seed = 11
        const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31)
        for (let k = 0; k < 50; k++) {
            const all: ActiveSetFact[] = []
            for (let era = 0; era < 40; era++)
                for (const s of ['s1', 's2', 's3', 's4', 's5']) if (next() % 3 === 0) all.push({era, stash: s})
            const groupsK = new Map([
                ['s1', 'g1'],
                ['s2', 'g1'],
                ['s3', 'g2'],
            ])
            const cut = next() % 40
            const first = countActiveEraRanks(
                all.filter(f => f.era <= cut),
                groupsK,
            )
            const rest = extendActiveEraRanks(
                rankState(first, cut),
                all.filter(f => f.era > cut),
                groupsK,
            )
            const key = (e: {identityGroup: string; era: number}) => `${e.identityGroup}:${String(e.era).padStart(3, '0')}`
            const incremental = [...first, ...rest].sort((a, b) => (key(a) < key(b) ? -1 : 1))
            expect(incremental).toEqual(countActiveEraRanks(all, groupsK))
        }
    })

    it('refuses facts of eras already counted, naming them', () => {
        expect(() => extendActiveEraRanks({throughEra: 10, ranks: new Map()}, facts('s1', [10]), groups)).toThrow(
            'active-set fact of s1 in era 10: eras up to 10 are already counted',
        )
    })
})
