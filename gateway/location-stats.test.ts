import {describe, expect, it} from 'vitest'
import {locationStats, variance} from './location-stats'

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
