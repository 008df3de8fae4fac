import {createHash} from 'crypto'
import path from 'path'
import {describe, expect, it} from 'vitest'
import {loadConfig} from '../../config/load'
import {COMPONENT_NAMES, componentScore, formatNanopoints, totalNanopoints, type ComponentName, type ScoreWeights} from './components'
import {describeDistribution, scaleBounds} from './distribution'
import {explainScore, renderExplanation} from './explain'
import {randomBoost} from './random-boost'
import {scoreEra, type CandidateScore, type EraScores} from './score'
import type {CandidateScoreInputs, ScoreInputs} from './score-inputs'

const G = 1_000_000_000n // nanopoints per point
const A = '0x' + 'aa'.repeat(32)
const B = '0x' + 'bb'.repeat(32)
const C = '0x' + 'cc'.repeat(32)
const D = '0x' + 'dd'.repeat(32)
const PROGRAMME = '0x' + '01'.repeat(32)

const WEIGHTS: ScoreWeights = {
    inclusion: 100,
    spanInclusion: 50,
    discovered: 10,
    nominated: 20,
    rank: 30,
    bonded: 40,
    faults: 5,
    offline: 2,
    location: 40,
    region: 10,
    country: 10,
    provider: 100,
    nominatorStake: 60,
    client: 200,
}

const base: Omit<CandidateScoreInputs, 'stash'> = {
    erasWithPoints: [],
    lastEraWithPoints: null,
    discoveredAtMs: 0,
    rank: 0,
    selfStakePlanck: 0n,
    faults: 0,
    offlineMs: 0,
    location: null,
    nominators: [],
    implementation: 'Parity Polkadot',
}

/**
 * Four valid candidates in era 100, inclusion over 4 eras (97..100) and span inclusion over 2 (99..100),
 * tokens with 2 decimals, provider P2 banned. Every expected number below is worked out by hand in the
 * comments of the test that checks it.
 */
function world(overrides: Partial<ScoreInputs> = {}): ScoreInputs {
    return {
        era: 100,
        weights: WEIGHTS,
        inclusionEras: 4,
        spanInclusionEras: 2,
        randomnessMaxPerbill: 0,
        randomnessSalt: 'salt',
        tokenDecimals: 2,
        bannedProviders: ['P2'],
        programmeNominators: [PROGRAMME],
        candidates: [
            {
                ...base,
                stash: A,
                erasWithPoints: [97, 98, 99, 100],
                lastEraWithPoints: 100,
                discoveredAtMs: 1000,
                rank: 10,
                selfStakePlanck: 100n,
                location: {city: 'Berlin', region: 'BE', country: 'DE', provider: 'P1'},
                // 100 tokens → √ = 10; the programme's own nominator is left out
                nominators: [
                    {nominator: '0x11', bondedPlanck: 10_000n},
                    {nominator: PROGRAMME, bondedPlanck: 100_000_000n},
                ],
            },
            {
                ...base,
                stash: B,
                erasWithPoints: [99],
                lastEraWithPoints: 99,
                discoveredAtMs: 2000,
                rank: 0,
                selfStakePlanck: 200n,
                location: {city: 'Berlin', region: 'BE', country: 'DE', provider: 'P2'},
                // 4 and 9 tokens → 2 + 3
                nominators: [
                    {nominator: '0x11', bondedPlanck: 400n},
                    {nominator: '0x22', bondedPlanck: 900n},
                ],
                implementation: 'Kagome',
            },
            {
                ...base,
                stash: C,
                discoveredAtMs: 3000,
                rank: 5,
                selfStakePlanck: 300n,
                location: {city: 'Paris', region: 'IDF', country: 'FR', provider: 'P1'},
                implementation: null,
            },
            {
                // era 90 is outside both windows
                ...base,
                stash: D,
                erasWithPoints: [90, 98],
                lastEraWithPoints: 98,
                discoveredAtMs: 4000,
                rank: 5,
                selfStakePlanck: 400n,
                faults: 3,
                // 0.02 tokens → √0.02 = 0.141421…
                nominators: [{nominator: '0x33', bondedPlanck: 2n}],
            },
        ],
        ...overrides,
    }
}

const byStash = (s: EraScores) => Object.fromEntries(s.candidates.map(c => [c.stash, c]))
const weighted = (c: CandidateScore) => Object.fromEntries(COMPONENT_NAMES.map(n => [n, c.components[n].weightedNanopoints]))
const json = (x: unknown) => JSON.stringify(x, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))
const revive = <T>(s: string): T => JSON.parse(s, (_k, v) => (typeof v === 'string' && /^-?\d+n$/.test(v) ? BigInt(v.slice(0, -1)) : v))

describe('a hand-built world of four candidates', () => {
    const scores = scoreEra(world())
    const s = byStash(scores)

    it('the distributions (stored statistics) of every scaled component', () => {
        const m = scores.metadata.components
        // inclusion raw A 4, B 1, C 0, D 1 → sorted 0 1 1 4; q5: pos 0.15 → 0.15; q95: pos 2.85 → 1 + 3·0.85 = 3.55
        expect([m.inclusion.lower, m.inclusion.upper]).toEqual(['0.15', '3.55'])
        // span inclusion raw 2 1 0 0 → sorted 0 0 1 2; q5 = 0; q95: pos 2.85 → 1 + 0.85 = 1.85
        expect([m.spanInclusion.lower, m.spanInclusion.upper]).toEqual(['0.00', '1.85'])
        // discovered 1000..4000: q10 pos 0.3 → 1300; q90 pos 2.7 → 3700
        expect([m.discovered.lower, m.discovered.upper]).toEqual(['1300.00', '3700.00'])
        // nominated (last era with points, 0 if none) 100 99 0 98 → sorted 0 98 99 100; q10: 98·0.3 = 29.4; q90: 99 + 0.7 = 99.7
        expect([m.nominated.lower, m.nominated.upper]).toEqual(['29.40', '99.70'])
        // rank 10 0 5 5 → 0 5 5 10; q10 1.5; q90 5 + 5·0.7 = 8.5
        expect([m.rank.lower, m.rank.upper]).toEqual(['1.50', '8.50'])
        // bonded 100..400: q5 pos 0.15 → 115; q85 pos 2.55 → 355
        expect([m.bonded.lower, m.bonded.upper]).toEqual(['115.00', '355.00'])
        // faults 0 0 0 3: q10 0; q90 pos 2.7 → 0 + 3·0.7 = 2.1
        expect([m.faults.lower, m.faults.upper]).toEqual(['0.00', '2.10'])
        expect([m.offline.lower, m.offline.upper]).toEqual(['0.00', '0.00'])
        // cities: Berlin 2, Paris 1 (D has none and is in no city) → counts 1 2; min–max
        expect(m.location).toMatchObject({count: 2, lower: '1.00', upper: '2.00'})
        expect(m.provider).toMatchObject({count: 2, lower: '1.00', upper: '2.00'})
        // nominator stake, µ√token: A 10 000 000, B 5 000 000, C 0, D ⌊√(2·10¹²/10²)⌋ = 141 421
        // q5: 141421·0.15 = 21213.15; q95: 5 000 000 + 5 000 000·0.85 = 9 250 000
        expect([m.nominatorStake.lower, m.nominatorStake.upper]).toEqual(['21213.15', '9250000.00'])
        expect(scores.metadata.candidateCount).toBe(4)
        expect(scores.metadata.weights).toEqual(WEIGHTS)
    })

    it('raw values', () => {
        const raw = (c: CandidateScore) => Object.fromEntries(COMPONENT_NAMES.map(n => [n, c.components[n].raw]))
        expect(raw(s[A])).toEqual({
            inclusion: 4n,
            spanInclusion: 2n,
            discovered: 1000n,
            nominated: 100n,
            rank: 10n,
            bonded: 100n,
            faults: 0n,
            offline: 0n,
            location: 2n,
            region: 2n,
            country: 2n,
            provider: 2n,
            nominatorStake: 10_000_000n,
            client: 0n,
        })
        expect(raw(s[D])).toEqual({
            inclusion: 1n,
            spanInclusion: 0n,
            discovered: 4000n,
            nominated: 98n,
            rank: 5n,
            bonded: 400n,
            faults: 3n,
            offline: 0n,
            location: null,
            region: null,
            country: null,
            provider: null,
            nominatorStake: 141_421n,
            client: 0n,
        })
        expect(s[C].components.nominated.raw).toBe(0n) // never had points
        expect(s[C].components.client.raw).toBe(0n) // implementation unknown: no bonus
    })

    it('A: weighted components and total', () => {
        expect(weighted(s[A])).toEqual({
            inclusion: 0n, // 4 ≥ 3.55 → s = 1, lower is better → 0
            spanInclusion: 0n, // 2 ≥ 1.85 → 0
            discovered: 10n * G, // 1000 ≤ 1300 → s = 0 → full 10
            nominated: 0n, // 100 ≥ 99.7 → s = 1 → 0
            rank: 30n * G, // 10 ≥ 8.5 → full 30
            bonded: 0n, // 100 ≤ 115 → 0
            faults: 5n * G, // 0 ≤ 0 → full
            offline: 2n * G, // all tie at 0 → s = 0 → full
            location: 0n, // Berlin has 2 = the max count → s = 1 → 0
            region: 0n,
            country: 0n,
            provider: 0n, // P1 has 2
            nominatorStake: 60n * G, // 10 000 000 ≥ 9 250 000 → full 60
            client: 0n, // Parity Polkadot
        })
        // 10 + 30 + 5 + 2 + 60
        expect(s[A].aggregateNanopoints).toBe(107n * G)
        expect(s[A].totalNanopoints).toBe(107n * G)
    })

    it('B (provider P2 banned): weighted components and total', () => {
        expect(s[B].components.provider).toMatchObject({raw: 1n, condition: 'bannedProvider', normalisedPerbill: null, scorePerbill: 0})
        expect(weighted(s[B])).toEqual({
            inclusion: 75n * G, // (1 − 0.15) / (3.55 − 0.15) = 0.25 → 1 − 0.25 = 0.75 × 100
            spanInclusion: 22_972_973_000n, // 1 / 1.85 → 540 540 540 perbill → 459 459 460 × 50
            discovered: 7_083_333_340n, // (2000 − 1300) / 2400 → 291 666 666 → 708 333 334 × 10
            nominated: 199_146_520n, // (99 − 29.4) / 70.3 → 990 042 674 → 9 957 326 × 20
            rank: 0n, // 0 ≤ 1.5
            bonded: 14_166_666_640n, // (200 − 115) / 240 → 354 166 666 × 40
            faults: 5n * G,
            offline: 2n * G,
            location: 0n, // banned provider → 0 for the whole location family
            region: 0n,
            country: 0n,
            provider: 0n, // would have been 100: P2 has the fewest candidates
            nominatorStake: 32_369_065_980n, // (5 000 000 − 21 213.15) / (9 250 000 − 21 213.15) → 539 484 433 × 60
            client: 200n * G, // Kagome
        })
        expect(s[B].aggregateNanopoints).toBe(358_791_185_480n)
    })

    it('C: weighted components and total', () => {
        expect(weighted(s[C])).toEqual({
            inclusion: 100n * G, // 0 ≤ 0.15 → full
            spanInclusion: 50n * G,
            discovered: 2_916_666_670n, // (3000 − 1300) / 2400 → 708 333 333 → 291 666 667 × 10
            nominated: 20n * G, // 0 ≤ 29.4 → full
            rank: 15n * G, // (5 − 1.5) / 7 = 0.5 × 30
            bonded: 30_833_333_320n, // (300 − 115) / 240 → 770 833 333 × 40
            faults: 5n * G,
            offline: 2n * G,
            location: 40n * G, // Paris has 1 = the min count → s = 0 → full
            region: 10n * G,
            country: 10n * G,
            provider: 0n, // P1 has 2
            nominatorStake: 0n,
            client: 0n,
        })
        expect(s[C].aggregateNanopoints).toBe(285_749_999_990n)
    })

    it('D (no location): weighted components and total', () => {
        expect(s[D].components.location).toMatchObject({
            raw: null,
            condition: 'noValue',
            normalisedPerbill: null,
            scorePerbill: 250_000_000,
        })
        expect(weighted(s[D])).toEqual({
            inclusion: 75n * G, // like B
            spanInclusion: 50n * G, // 0 in the window
            discovered: 0n, // 4000 ≥ 3700
            nominated: 483_641_540n, // (98 − 29.4) / 70.3 → 975 817 923 → 24 182 077 × 20
            rank: 15n * G,
            bonded: 40n * G, // 400 ≥ 355
            faults: 0n, // 3 ≥ 2.1
            offline: 2n * G,
            location: 10n * G, // no location → 0.25 × 40
            region: 2_500_000_000n,
            country: 2_500_000_000n,
            provider: 25n * G,
            nominatorStake: 781_518_840n, // (141 421 − 21 213.15) / 9 228 786.85 → 13 025 314 × 60
            client: 0n,
        })
        expect(s[D].aggregateNanopoints).toBe(223_265_160_380n)
        expect(formatNanopoints(s[D].totalNanopoints)).toBe('223.265160380')
    })

    it('rows are ordered by stash whatever the input order', () => {
        const reversed = scoreEra(world({candidates: [...world().candidates].reverse()}))
        expect(reversed.candidates.map(c => c.stash)).toEqual([A, B, C, D])
        expect(json(reversed)).toBe(json(scores))
    })
})

describe('weights', () => {
    it('a weight of 0 switches a component off: weighted 0, raw and normalised still stored', () => {
        const off = byStash(scoreEra(world({weights: {...WEIGHTS, client: 0, inclusion: 0}})))
        expect(off[B].components.client).toEqual({
            raw: 1n,
            condition: null,
            normalisedPerbill: 1_000_000_000,
            scorePerbill: 1_000_000_000,
            weightedNanopoints: 0n,
        })
        expect(off[B].components.inclusion).toMatchObject({
            raw: 1n,
            normalisedPerbill: 250_000_000,
            scorePerbill: 750_000_000,
            weightedNanopoints: 0n,
        })
        // B lost its client 200 and inclusion 75
        expect(off[B].aggregateNanopoints).toBe(358_791_185_480n - 275n * G)
    })

    it('all weights 0: every total is 0', () => {
        const zero = Object.fromEntries(COMPONENT_NAMES.map(n => [n, 0])) as ScoreWeights
        expect(scoreEra(world({weights: zero, randomnessMaxPerbill: 150_000_000})).candidates.map(c => c.totalNanopoints)).toEqual([
            0n,
            0n,
            0n,
            0n,
        ])
    })

    it("the config's weights are exactly the components, in their order", () => {
        const cfg = loadConfig(path.join(__dirname, '../../config/devnet.json'), {})
        expect(Object.keys(cfg.score.weights)).toEqual([...COMPONENT_NAMES])
        expect(scoreEra(world({weights: cfg.score.weights})).metadata.weights).toEqual(cfg.score.weights)
    })

    it('a fractional weight is refused, naming it', () => {
        expect(() => scoreEra(world({weights: {...WEIGHTS, rank: 2.5}}))).toThrow('weights.rank must be a whole number ≥ 0, got 2.5')
    })
})

describe('edge cases', () => {
    it('no candidates: no rows, every statistic 0', () => {
        const empty = scoreEra(world({candidates: []}))
        expect(empty.candidates).toEqual([])
        expect(empty.metadata.components.bonded).toMatchObject({count: 0, lower: '0.00', upper: '0.00', mean: '0.00'})
    })

    it('a single candidate: every quantile is its own value, so it scores where "lower is better" and not where higher is', () => {
        const [only] = scoreEra(world({candidates: [world().candidates[0]]})).candidates
        // inclusion 100 + span 50 + discovered 10 + nominated 20 + faults 5 + offline 2 + location family 40 + 10 + 10 + 100;
        // rank, bonded, nominator stake scale to 0; client 0 (Parity)
        expect(only.aggregateNanopoints).toBe(347n * G)
        expect(only.components.rank.normalisedPerbill).toBe(0)
    })

    it('no candidate has a location: every location-family component is 0.25 of its weight', () => {
        const none = scoreEra(world({candidates: world().candidates.map(c => ({...c, location: null}))}))
        expect(none.metadata.components.location.count).toBe(0)
        for (const c of none.candidates) {
            expect(
                [c.components.location, c.components.region, c.components.country, c.components.provider].map(x => x.weightedNanopoints),
            ).toEqual([10n * G, 2_500_000_000n, 2_500_000_000n, 25n * G])
        }
    })

    it('an empty string is no value', () => {
        const blank = byStash(
            scoreEra(
                world({
                    candidates: world().candidates.map(c =>
                        c.stash === C ? {...c, location: {city: ' ', region: 'IDF', country: 'FR', provider: 'P1'}} : c,
                    ),
                }),
            ),
        )
        expect(blank[C].components.location.condition).toBe('noValue')
        expect(blank[C].components.region.condition).toBeNull()
    })

    it('bad inputs are refused naming the candidate and the field', () => {
        const dup = world().candidates[0]
        expect(() => scoreEra(world({candidates: [dup, dup]}))).toThrow(`score inputs of ${A}: the stash is listed twice`)
        expect(() => scoreEra(world({candidates: [{...dup, offlineMs: -1}]}))).toThrow(
            `score inputs of ${A}: offlineMs must be a whole number ≥ 0, got -1`,
        )
        expect(() => scoreEra(world({candidates: [{...dup, lastEraWithPoints: 99}]}))).toThrow(
            `score inputs of ${A}: erasWithPoints has era 100, later than lastEraWithPoints 99`,
        )
        expect(() =>
            scoreEra(
                world({
                    candidates: [
                        {
                            ...dup,
                            nominators: [
                                {nominator: '0x11', bondedPlanck: 1n},
                                {nominator: '0x11', bondedPlanck: 2n},
                            ],
                        },
                    ],
                }),
            ),
        ).toThrow(`score inputs of ${A}: nominator 0x11 is listed twice`)
    })
})

describe('the seeded random boost', () => {
    it('is sha256("era:salt:stash"), its first 8 bytes scaled to [0, max]', () => {
        const seed = createHash('sha256').update(`100:salt:${A}`).digest()
        const expected = Number((seed.readBigUInt64BE(0) * 150_000_001n) >> 64n)
        expect(randomBoost(100, 'salt', A, 150_000_000)).toEqual({seedHex: seed.toString('hex'), perbill: expected})
    })

    it('total = aggregate + ⌊aggregate × boost / 10⁹⌋, with the seed stored in the row', () => {
        const scores = scoreEra(world({randomnessMaxPerbill: 150_000_000}))
        for (const c of scores.candidates) {
            const boost = randomBoost(100, 'salt', c.stash, 150_000_000)
            expect(c.randomSeedHex).toBe(boost.seedHex)
            expect(c.randomPerbill).toBe(boost.perbill)
            expect(c.totalNanopoints).toBe(c.aggregateNanopoints + (c.aggregateNanopoints * BigInt(boost.perbill)) / G)
        }
        expect(totalNanopoints(107n * G, 100_000_000)).toBe(117_700_000_000n) // +10 %
        expect(totalNanopoints(3n, 500_000_000)).toBe(4n) // 3 + ⌊1.5⌋
    })

    it('another salt or era draws another boost; the same ones the same', () => {
        expect(randomBoost(100, 'salt', A, 150_000_000)).toEqual(randomBoost(100, 'salt', A, 150_000_000))
        expect(randomBoost(100, 'other', A, 150_000_000).seedHex).not.toBe(randomBoost(100, 'salt', A, 150_000_000).seedHex)
        expect(randomBoost(101, 'salt', A, 150_000_000).seedHex).not.toBe(randomBoost(100, 'salt', A, 150_000_000).seedHex)
    })

    it('spreads over [0, max]: 4000 draws have mean near max/2 and reach both ends', () => {
        const draws = Array.from(
            {length: 4000},
            (_, i) => randomBoost(7, 'spread', `0x${i.toString(16).padStart(64, '0')}`, 150_000_000).perbill,
        )
        const mean = draws.reduce((a, b) => a + b, 0) / draws.length
        expect(Math.abs(mean - 75_000_000)).toBeLessThan(3_000_000)
        expect(Math.min(...draws)).toBeLessThan(1_000_000)
        expect(Math.max(...draws)).toBeGreaterThan(149_000_000)
        expect(Math.max(...draws)).toBeLessThanOrEqual(150_000_000)
    })

    it('a maximum of 0 leaves totals equal to aggregates', () => {
        for (const c of scoreEra(world()).candidates) expect(c.totalNanopoints).toBe(c.aggregateNanopoints)
    })
})

describe('determinism', () => {
    it('the same inputs twice give deep-equal, byte-equal rows', () => {
        const a = scoreEra(world({randomnessMaxPerbill: 150_000_000}))
        const b = scoreEra(world({randomnessMaxPerbill: 150_000_000}))
        expect(b).toEqual(a)
        expect(json(b)).toBe(json(a))
    })

    it('the order of eras and nominators within a candidate does not matter', () => {
        const shuffled = world({
            candidates: world().candidates.map(c => ({
                ...c,
                erasWithPoints: [...c.erasWithPoints].reverse(),
                nominators: [...c.nominators].reverse(),
            })),
        })
        expect(json(scoreEra(shuffled))).toBe(json(scoreEra(world())))
    })
})

describe('explain: recomputed from stored rows alone', () => {
    const scores = scoreEra(world({randomnessMaxPerbill: 150_000_000}))
    // What the adapter would store and read back: JSON with bigints as strings.
    const stored = revive<EraScores>(json(scores))

    it('equals the stored score, component by component, for every candidate', () => {
        for (const c of stored.candidates) {
            const e = explainScore(stored.metadata, c)
            expect(e.equal).toBe(true)
            expect(e.recomputed.totalNanopoints).toBe(c.totalNanopoints)
            expect(e.components.map(x => x.recomputed)).toEqual(COMPONENT_NAMES.map(n => c.components[n]))
        }
    })

    it('renders a table naming every component, stored beside recomputed', () => {
        const b = stored.candidates.find(c => c.stash === B) as CandidateScore
        const text = renderExplanation(explainScore(stored.metadata, b), stored.metadata)
        expect(text).toContain('equal to the stored score')
        for (const n of COMPONENT_NAMES) expect(text).toMatch(new RegExp(`^${n} .* equal$`, 'm'))
        expect(text).toMatch(
            /^inclusion +100 +1 +q5 0\.15 \.\. q95 3\.55 +0\.250000000 +0\.750000000 \(1 − n\) +75\.000000000 +75\.000000000 +equal$/m,
        )
        expect(text).toMatch(/^provider .*1 \(bannedProvider\)/m)
        expect(text).toContain(b.randomSeedHex)
        expect(text).not.toContain('DIFFERS')
    })

    it('a stored row that does not follow from the statistics is caught', () => {
        const c = revive<EraScores>(json(scores)).candidates[0]
        c.components.bonded.weightedNanopoints += 1n
        const e = explainScore(stored.metadata, c)
        expect(e.equal).toBe(false)
        expect(e.components.filter(x => !x.equal).map(x => x.component)).toEqual(['bonded'])
        expect(renderExplanation(e, stored.metadata)).toMatch(/^bonded .* DIFFERS$/m)

        const meta = revive<EraScores>(json(scores)).metadata
        meta.components.rank.upper = '9.50'
        const a = stored.candidates.find(x => x.stash === C) as CandidateScore
        expect(
            explainScore(meta, a)
                .components.filter(x => !x.equal)
                .map(x => x.component),
        ).toEqual(['rank'])
    })
})

describe('componentScore', () => {
    const stats = scaleBounds(describeDistribution([0n, 10n], 0, 100))
    it.each<[ComponentName, bigint, number]>([
        ['rank', 5n, 500_000_000], // higher is better: s
        ['faults', 5n, 500_000_000], // lower is better: 1 − s
        ['faults', 2n, 800_000_000],
        ['rank', 2n, 200_000_000],
    ])('%s raw %s → score share %i', (name, raw, share) => {
        expect(componentScore(name, raw, null, stats, 10).scorePerbill).toBe(share)
    })

    it('conditions belong to the location family only (a stored row cannot claim one elsewhere)', () => {
        expect(componentScore('provider', null, 'noValue', stats, 100).weightedNanopoints).toBe(25n * G)
        expect(() => componentScore('bonded', 5n, 'noValue', stats, 10)).toThrow(
            'bonded: only the location family has conditions, got noValue',
        )
    })
})
