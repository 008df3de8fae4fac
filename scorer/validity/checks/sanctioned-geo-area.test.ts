import {describe, expect, it} from 'vitest'
import type {CandidateFacts} from '../facts'
import {HOUR_MS, NOW_MS, factsWith} from '../example-facts'
import {sanctionedGeoArea} from './sanctioned-geo-area'

const T = {countries: ['RU', 'IR', 'CU', 'KP', 'SY'], regions: ['Crimea', 'Luhanska Oblast', 'Donetsk'], maxTelemetryLagMs: 300_000}
const place = (country: string | null, region: string | null) => (f: CandidateFacts) => {
    Object.assign(f.location!.value!, {country, region})
}
const AT = '(TelemetryNodeLocation at 2025-01-14 12:00 UTC)'
const cases: [string, (f: CandidateFacts) => void, string, string][] = [
    ['valid', () => {}, 'valid', `the node is located in Bavaria, DE, not a sanctioned area ${AT}`],
    ['invalid: a sanctioned country', place('RU', 'Moscow'), 'invalid', `the node is located in Moscow, RU, a sanctioned area ${AT}`],
    [
        'invalid: a sanctioned region, matched case-insensitively and trimmed',
        place('UA', ' luhanska oblast '),
        'invalid',
        `the node is located in  luhanska oblast , UA, a sanctioned area ${AT}`,
    ],
    ['at the edge: a lower-case country code', place(' ir', null), 'invalid', `the node is located in  ir, a sanctioned area ${AT}`],
    [
        'an accepted country with no region known passes, and says so',
        place('DE', null),
        'valid',
        `the node is located in DE, not a sanctioned country (its region is not known) ${AT}`,
    ],
    ['no country known', place(null, 'Bavaria'), 'unknown', `unknown: the node's country is not known ${AT}`],
    [
        'no location',
        f => {
            f.location!.value = null
        },
        'unknown',
        "unknown: the node's location is not known (the feed exposes no IP for it)",
    ],
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
            place('RU', null)(f)
            f.pass.feed!.aliveUntilMs = NOW_MS - HOUR_MS
        },
        'unknown',
        'unknown: the telemetry follower has not confirmed its feed for 1 h (limit 5 min)',
    ],
]

describe('sanctionedGeoArea', () => {
    it.each(cases)('%s', (_name, change, status, sentence) => {
        const r = sanctionedGeoArea(factsWith(change), T)
        expect([r.status, r.sentence]).toEqual([status, sentence])
    })
})
