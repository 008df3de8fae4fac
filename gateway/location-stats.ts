import {componentScore, LOCATION_COMPONENTS, type ScoreWeights} from '../scorer/score/components'
import {describeDistribution, scaleBounds} from '../scorer/score/distribution'

/**
 * The old `/locationstats` figures from the candidates' node locations: nodes per city, region, country and
 * provider, the population variance of each of those counts, and their mean ("decentralization").
 */

export interface NodeLocation {
    city: string | null
    region: string | null
    country: string | null
    provider: string | null
}

export interface LocationCount {
    /** A stable key per category and name, for clients that upsert sub-documents by `_id`. */
    _id: string
    name: string
    numberOfNodes: number
}

export interface LocationStats {
    totalNodes: number
    locations: LocationCount[]
    regions: LocationCount[]
    countries: LocationCount[]
    providers: LocationCount[]
    locationVariance: number
    regionVariance: number
    /** The old payload's spelling, kept: clients read it. */
    countyVariance: number
    /** The old payload's spelling, kept: clients read it. */
    providerVaraince: number
    decentralization: number
}

/** Population variance (the old job's `Score.variance`); 0 for no values. */
export function variance(values: number[]): number {
    if (values.length === 0) return 0
    const mean = values.reduce((a, b) => a + b, 0) / values.length
    return values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length
}

function countBy(nodes: NodeLocation[], field: keyof NodeLocation, category: string): LocationCount[] {
    const counts = new Map<string, number>()
    for (const n of nodes) {
        const name = n[field]
        // The old job dropped "None"; our location rows leave an unknown field null instead.
        if (!name || name === 'None') continue
        counts.set(name, (counts.get(name) ?? 0) + 1)
    }
    return [...counts]
        .map(([name, numberOfNodes]) => ({_id: `${category}:${name}`, name, numberOfNodes}))
        .sort((a, b) => b.numberOfNodes - a.numberOfNodes || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}

/**
 * Every node with a location counts in `totalNodes`; each category counts the nodes whose field is known
 * (the offline IP database knows countries and providers, not regions or cities).
 */
export function locationStats(nodes: NodeLocation[]): LocationStats {
    const known = nodes.filter(n => n.city || n.region || n.country || n.provider)
    const locations = countBy(known, 'city', 'location')
    const regions = countBy(known, 'region', 'region')
    const countries = countBy(known, 'country', 'country')
    const providers = countBy(known, 'provider', 'provider')
    const v = (c: LocationCount[]) => variance(c.map(x => x.numberOfNodes))
    const locationVariance = v(locations)
    const regionVariance = v(regions)
    const countyVariance = v(countries)
    const providerVaraince = v(providers)
    return {
        totalNodes: known.length,
        locations,
        regions,
        countries,
        providers,
        locationVariance,
        regionVariance,
        countyVariance,
        providerVaraince,
        decentralization: (locationVariance + regionVariance + countyVariance + providerVaraince) / 4,
    }
}

export type ScoredLocationCount = LocationCount & {
    /** Points a valid candidate there earns for this category: the scorer's own rule over these counts. */
    score: number
}

export type ScoredLocationStats = Omit<LocationStats, 'locations' | 'regions' | 'countries' | 'providers'> & {
    locations: ScoredLocationCount[]
    regions: ScoredLocationCount[]
    countries: ScoredLocationCount[]
    providers: ScoredLocationCount[]
}

const CATEGORY: Record<(typeof LOCATION_COMPONENTS)[number], 'locations' | 'regions' | 'countries' | 'providers'> = {
    location: 'locations',
    region: 'regions',
    country: 'countries',
    provider: 'providers',
}

/**
 * The old `/locationstats/valid` per-item score: what the location family of the score gives a candidate whose
 * city (region, country, provider) has that many valid nodes, (1 − min–max scaled count) × weight, and 0 for a
 * banned provider. The same formula as the scorer's (componentScore over a 0–100 % distribution of the counts),
 * with the configured weights where the old route used the defaults.
 */
export function withLocationScores(stats: LocationStats, weights: ScoreWeights, bannedProviders: readonly string[]): ScoredLocationStats {
    const banned = new Set(bannedProviders)
    const scored = {...stats} as unknown as ScoredLocationStats
    for (const name of LOCATION_COMPONENTS) {
        const items = stats[CATEGORY[name]]
        const bounds = scaleBounds(
            describeDistribution(
                items.map(i => BigInt(i.numberOfNodes)),
                0,
                100,
            ),
        )
        scored[CATEGORY[name]] = items.map(i => {
            const condition = name === 'provider' && banned.has(i.name) ? 'bannedProvider' : null
            const {weightedNanopoints} = componentScore(name, BigInt(i.numberOfNodes), condition, bounds, weights[name])
            return {...i, score: Number(weightedNanopoints) / 1e9}
        })
    }
    return scored
}
