import {describe, expect, it} from 'vitest'
import type {CandidateFacts} from '../facts'
import {HOUR_MS, NOW_MS, factsWith} from '../example-facts'
import {provider} from './provider'

const T = {blacklisted: ['Hetzner Online GmbH', 'Contabo Inc.', 'Contabo GmbH'], maxTelemetryLagMs: 300_000}
const at = (p: string | null) => (f: CandidateFacts) => {
    f.location!.value!.provider = p
}
const AT = '(TelemetryNodeLocation at 2025-01-14 12:00 UTC)'
const cases: [string, (f: CandidateFacts) => void, string, string][] = [
    ['valid: an accepted provider', () => {}, 'valid', `the node runs at OVH SAS, an accepted provider ${AT}`],
    [
        'invalid: Hetzner',
        at('Hetzner Online GmbH'),
        'invalid',
        `the node runs at Hetzner Online GmbH, a provider the programme does not accept ${AT}`,
    ],
    [
        'at the edge: case and spaces do not matter',
        at('  hetzner online gmbh '),
        'invalid',
        `the node runs at   hetzner online gmbh , a provider the programme does not accept ${AT}`,
    ],
    [
        'no location (no IP exposed)',
        f => {
            f.location!.value = null
        },
        'unknown',
        "unknown: the node's IP and its provider are not known (the feed exposes no IP for it)",
    ],
    ['no operator for the IP', at(null), 'unknown', `unknown: no network operator is known for the node's IP 203.0.113.7 ${AT}`],
    [
        'data missing',
        f => {
            delete f.location
        },
        'unknown',
        'unknown: no node location has been recorded (TelemetryNodeLocation)',
    ],
    [
        'data stale',
        f => {
            at('Hetzner Online GmbH')(f)
            f.pass.feed!.aliveUntilMs = NOW_MS - HOUR_MS
        },
        'unknown',
        'unknown: the telemetry follower has not confirmed its feed for 1 h (limit 5 min)',
    ],
]

describe('provider', () => {
    it.each(cases)('%s', (_name, change, status, sentence) => {
        const r = provider(factsWith(change), T)
        expect([r.status, r.sentence]).toEqual([status, sentence])
    })
})
