/**
 * Sanctioned location: the node's country (ISO code) and region are not on the programme's lists,
 * compared case-insensitively, trimmed. An unknown country is unknown; an unknown region with an
 * accepted country passes (the offline location source gives countries only), and the evidence says so.
 */
import {checkResult, cite, missing, stale, telemetryStaleness, type CheckResult, type Evidence} from '../check-result'
import type {CandidateFacts} from '../facts'
import {normalize} from './provider'

export interface SanctionedGeoAreaThresholds {
    countries: string[]
    regions: string[]
    maxTelemetryLagMs: number
}

export function sanctionedGeoArea(facts: CandidateFacts, t: SanctionedGeoAreaThresholds): CheckResult {
    const threshold = {countries: t.countries, regions: t.regions}
    const why = telemetryStaleness(facts.pass, t.maxTelemetryLagMs)
    if (why) return stale('sanctionedGeoArea', 'TelemetryNodeLocation', why)
    if (!facts.location) return missing('sanctionedGeoArea', 'node location', 'TelemetryNodeLocation', threshold)
    const loc = facts.location.value
    const at = {source: facts.location.source, atMs: facts.location.atMs}
    if (!loc) return checkResult('sanctionedGeoArea', 'unknown', {...at, code: 'no_location', observed: null, threshold}, render)
    const observed = {country: loc.country, region: loc.region}
    const inList = (v: string | null, list: string[]) => v !== null && list.some(x => normalize(x) === normalize(v))
    if (inList(loc.country, t.countries) || inList(loc.region, t.regions))
        return checkResult('sanctionedGeoArea', 'invalid', {...at, code: 'sanctioned', observed, threshold}, render)
    if (loc.country === null) return checkResult('sanctionedGeoArea', 'unknown', {...at, code: 'no_country', observed, threshold}, render)
    return checkResult(
        'sanctionedGeoArea',
        'valid',
        {...at, code: loc.region === null ? 'country_allowed_region_unknown' : 'allowed', observed, threshold},
        render,
    )
}

function render(e: Evidence): string {
    const o = e.observed as {country: string | null; region: string | null}
    const where = [o?.region, o?.country].filter(Boolean).join(', ')
    switch (e.code) {
        case 'no_location':
            return "unknown: the node's location is not known (the feed exposes no IP for it)"
        case 'sanctioned':
            return `the node is located in ${where}, a sanctioned area ${cite(e)}`
        case 'no_country':
            return `unknown: the node's country is not known ${cite(e)}`
        case 'country_allowed_region_unknown':
            return `the node is located in ${o.country}, not a sanctioned country (its region is not known) ${cite(e)}`
        default:
            return `the node is located in ${where}, not a sanctioned area ${cite(e)}`
    }
}
