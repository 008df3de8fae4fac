import {describe, expect, it} from 'vitest'
import {COMPONENT_NAMES, type ScoreWeights} from '../scorer/score/components'
import {locationStats, variance, withLocationScores} from './location-stats'

const node = (city: string | null, region: string | null, country: string | null, provider: string | null) => ({
    city,
    region,
    country,
    provider,
})

describe('locationStats', () => {
    it('counts each category over the nodes that know it, with population variances and their mean', () => {
        const s = locationStats([
            node('Zurich', 'ZH', 'CH', 'Init7'),
            node('Berlin', null, 'DE', 'Init7'),
            node(null, null, 'DE', 'Hetzner'),
            node(null, null, null, null),
        ])
        expect(s.totalNodes).toBe(3)
        expect(s.locations).toEqual([
            {_id: 'location:Berlin', name: 'Berlin', numberOfNodes: 1},
            {_id: 'location:Zurich', name: 'Zurich', numberOfNodes: 1},
        ])
        expect(s.regions).toEqual([{_id: 'region:ZH', name: 'ZH', numberOfNodes: 1}])
        expect(s.countries.map(c => [c.name, c.numberOfNodes])).toEqual([
            ['DE', 2],
            ['CH', 1],
        ])
        expect(s.providers.map(c => [c.name, c.numberOfNodes])).toEqual([
            ['Init7', 2],
            ['Hetzner', 1],
        ])
        expect([s.locationVariance, s.regionVariance, s.countyVariance, s.providerVaraince]).toEqual([0, 0, 0.25, 0.25])
        expect(s.decentralization).toBe(0.125)
    })

    it('skips the old "None" placeholder and has zeros for no nodes', () => {
        expect(locationStats([node('None', 'None', 'None', 'None')]).countries).toEqual([])
        expect(locationStats([])).toMatchObject({totalNodes: 0, decentralization: 0})
        expect(variance([1, 2, 3, 4])).toBe(1.25)
    })
})

describe('withLocationScores', () => {
    const weights = {
        ...Object.fromEntries(COMPONENT_NAMES.map(n => [n, 1])),
        location: 40,
        region: 10,
        country: 10,
        provider: 100,
    } as ScoreWeights
    const nodes = [
        node('Zurich', 'ZH', 'CH', 'Init7'),
        node('Zurich', 'ZH', 'CH', 'Init7'),
        node('Zurich', null, 'CH', 'Hetzner'),
        node('Berlin', null, 'DE', 'Hetzner'),
        node('Paris', null, 'FR', 'OVH'),
    ]

    it('gives the fewest nodes the whole weight, the most none, and min-max scales between (lower is better)', () => {
        const s = withLocationScores(locationStats(nodes), weights, [])
        // Cities 3, 1, 1: min 1, max 3.
        expect(s.locations.map(l => [l.name, l.score])).toEqual([
            ['Zurich', 0],
            ['Berlin', 40],
            ['Paris', 40],
        ])
        // Countries 3, 1, 1 and providers 2, 2, 1: a count of 2 between 1 and 2 scales to 1 (nothing left).
        expect(s.countries.map(c => c.score)).toEqual([0, 10, 10])
        expect(s.providers.map(p => [p.name, p.score])).toEqual([
            ['Hetzner', 0],
            ['Init7', 0],
            ['OVH', 100],
        ])
        // One region only: every value is both min and max, which scales to 0 and earns the whole weight.
        expect(s.regions).toEqual([{_id: 'region:ZH', name: 'ZH', numberOfNodes: 2, score: 10}])
        expect(s.totalNodes).toBe(5)
    })

    it('scales a count halfway between the extremes to half the weight', () => {
        const s = withLocationScores(locationStats([...nodes, node('Berlin', null, 'DE', 'OVH')]), weights, [])
        // Cities Zurich 3, Berlin 2, Paris 1.
        expect(s.locations.map(l => [l.name, l.score])).toEqual([
            ['Zurich', 0],
            ['Berlin', 20],
            ['Paris', 40],
        ])
    })

    it('gives a banned provider nothing, however few its nodes', () => {
        const s = withLocationScores(locationStats(nodes), weights, ['OVH'])
        expect(s.providers.find(p => p.name === 'OVH')?.score).toBe(0)
    })
})
