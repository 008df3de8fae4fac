import {describe, expect, it} from 'vitest'
import {COMPONENT_NAMES, COMPONENT_RULES, type ScoreWeights} from '../scorer/score/components'
import {describeDistribution} from '../scorer/score/distribution'
import {scoreEra} from '../scorer/score/score'
import type {CandidateScoreInputs} from '../scorer/score/score-inputs'
import {distributionValues} from './score-values'

const weights = Object.fromEntries(COMPONENT_NAMES.map(n => [n, 10])) as ScoreWeights
const at = (city: string, provider: string) => ({city, region: null, country: 'DE', provider})
/** Berlin 3, Rome 2, Paris 1 and one candidate without a location; providers P1 ×4, P2 (banned) ×2. */
const locations = [at('Berlin', 'P1'), at('Berlin', 'P1'), at('Berlin', 'P2'), at('Rome', 'P1'), at('Rome', 'P2'), at('Paris', 'P1'), null]
const candidates: CandidateScoreInputs[] = locations.map((location, i) => ({
    stash: `0x${String(i).padStart(64, '0')}`,
    erasWithPoints: [98, 99, 100].slice(i % 3),
    lastEraWithPoints: 100,
    discoveredAtMs: 1_000 * (i + 1),
    rank: i * 2,
    selfStakePlanck: 10n ** 12n * BigInt(i + 1),
    faults: i % 2,
    offlineMs: 60_000 * i,
    location,
    nominators: [{nominator: `0x${'11'.repeat(32)}`, bondedPlanck: 10n ** 10n * BigInt(i)}],
    implementation: i === 0 ? 'Kagome' : 'Parity Polkadot',
}))
const scores = scoreEra({
    era: 100,
    weights,
    inclusionEras: 3,
    spanInclusionEras: 2,
    randomnessMaxPerbill: 0,
    randomnessSalt: 'salt',
    tokenDecimals: 10,
    bannedProviders: ['P2'],
    programmeNominators: [],
    candidates,
})
const raws = (name: (typeof COMPONENT_NAMES)[number]) => scores.candidates.map(c => c.components[name].raw)

describe('distributionValues', () => {
    it('rebuilds every component distribution the scorer described, from the raw values it stores', () => {
        for (const name of COMPONENT_NAMES) {
            const rule = COMPONENT_RULES[name]
            const [lower, upper] = rule.scale === 'binary' ? [0, 100] : [rule.scale.lowerPercent, rule.scale.upperPercent]
            const values = distributionValues(name, raws(name))
            expect(describeDistribution(values, lower, upper), name).toEqual(scores.metadata.components[name])
        }
    })

    it('gives one value per candidate, ascending, and one per place (its count) for the location family', () => {
        expect(distributionValues('rank', raws('rank'))).toEqual([0n, 2n, 4n, 6n, 8n, 10n, 12n])
        // Seven candidates, six with a city: Berlin 3, Rome 2, Paris 1; banned providers are still counted.
        expect(raws('location')).toEqual([3n, 3n, 3n, 2n, 2n, 1n, null])
        expect(distributionValues('location', raws('location'))).toEqual([1n, 2n, 3n])
        expect(distributionValues('provider', raws('provider'))).toEqual([2n, 4n])
        expect(distributionValues('region', raws('region'))).toEqual([])
    })

    it('refuses stored counts that cannot come from whole places', () => {
        expect(() => distributionValues('country', [2n, 2n, 2n])).toThrow(
            'country: 3 candidates with a count of 2 is not a whole number of places',
        )
    })
})
