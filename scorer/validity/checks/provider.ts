/**
 * Provider: the network operator of the node's IP (its ASN organisation) is not one the programme bans
 * (1KV: Hetzner, Contabo); compared case-insensitively, trimmed. No location or no operator: unknown.
 */
import {checkResult, cite, missing, stale, telemetryStaleness, type CheckResult, type Evidence} from '../check-result'
import type {CandidateFacts} from '../facts'

export interface ProviderThresholds {
    blacklisted: string[]
    maxTelemetryLagMs: number
}

export function provider(facts: CandidateFacts, t: ProviderThresholds): CheckResult {
    const threshold = {blacklisted: t.blacklisted}
    const why = telemetryStaleness(facts.pass, t.maxTelemetryLagMs)
    if (why) return stale('provider', 'TelemetryNodeLocation', why)
    if (!facts.location) return missing('provider', 'node location', 'TelemetryNodeLocation', threshold)
    const loc = facts.location.value
    const at = {source: facts.location.source, atMs: facts.location.atMs}
    if (!loc || loc.provider === null)
        return checkResult(
            'provider',
            'unknown',
            {...at, code: loc ? 'no_provider' : 'no_location', observed: loc ? {ip: loc.ip} : null, threshold},
            render,
        )
    const banned = t.blacklisted.find(b => normalize(b) === normalize(loc.provider!))
    return checkResult(
        'provider',
        banned ? 'invalid' : 'valid',
        {...at, code: banned ? 'blacklisted' : 'allowed', observed: {provider: loc.provider, ip: loc.ip}, threshold},
        render,
    )
}

export function normalize(s: string): string {
    return s.trim().toLowerCase()
}

function render(e: Evidence): string {
    const o = e.observed as {provider: string; ip: string}
    switch (e.code) {
        case 'no_location':
            return "unknown: the node's IP and its provider are not known (the feed exposes no IP for it)"
        case 'no_provider':
            return `unknown: no network operator is known for the node's IP ${o.ip} ${cite(e)}`
        case 'blacklisted':
            return `the node runs at ${o.provider}, a provider the programme does not accept ${cite(e)}`
        default:
            return `the node runs at ${o.provider}, an accepted provider ${cite(e)}`
    }
}
