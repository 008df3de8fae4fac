import {describe, expect, it} from 'vitest'
import type {CandidateFacts} from '../facts'
import {HOUR_MS, NOW_MS, factsWith} from '../example-facts'
import {clientUpgrade} from './client-upgrade'

const FORCED = {forcedVersion: '1.15.2', graceMs: 48 * HOUR_MS, maxTelemetryLagMs: 300_000}
const RELEASED = {graceMs: 48 * HOUR_MS, maxTelemetryLagMs: 300_000}
const version =
    (v: string | null, impl = 'Parity Polkadot') =>
    (f: CandidateFacts) => {
        Object.assign(f.node!.value!, {version: v, implementation: impl})
    }
const release = (v: string, ageMs: number) => (f: CandidateFacts) => {
    f.pass.latestRelease = {source: 'Release', atMs: NOW_MS, value: {version: v, publishedAtMs: NOW_MS - ageMs}}
}
const both =
    (...changes: ((f: CandidateFacts) => void)[]) =>
    (f: CandidateFacts) =>
        changes.forEach(c => c(f))
const AT = '(TelemetryNode at 2025-01-15 11:59:59 UTC)'
const cases: [string, object, (f: CandidateFacts) => void, string, string][] = [
    ['valid: the forced version', FORCED, () => {}, 'valid', `runs 1.15.2-2c9d2dc4bd9, at least the latest release 1.15.2 ${AT}`],
    ['valid: newer than forced', FORCED, version('1.16.0-abc'), 'valid', `runs 1.16.0-abc, at least the latest release 1.15.2 ${AT}`],
    [
        'invalid: older than forced (forced counts as long released)',
        FORCED,
        version('1.15.1-abc'),
        'invalid',
        `runs 1.15.1-abc, older than the latest release 1.15.2 ${AT}`,
    ],
    [
        'invalid: an unreadable version',
        FORCED,
        version('nightly'),
        'invalid',
        `reports version "nightly", which is not a version number; the programme needs 1.15.2 or later ${AT}`,
    ],
    [
        'inside the grace window: valid',
        RELEASED,
        both(version('1.15.1-x'), release('1.16.0', 47 * HOUR_MS)),
        'valid',
        `runs 1.15.1-x; release 1.16.0 came out 2025-01-13 13:00 UTC, still inside the 2 days upgrade window ${AT}`,
    ],
    [
        'exactly at the end of the grace window: still valid',
        RELEASED,
        both(version('1.15.1-x'), release('1.16.0', 48 * HOUR_MS)),
        'valid',
        `runs 1.15.1-x; release 1.16.0 came out 2025-01-13 12:00 UTC, still inside the 2 days upgrade window ${AT}`,
    ],
    [
        '1 ms after the grace window: invalid',
        RELEASED,
        both(version('1.15.1-x'), release('1.16.0', 48 * HOUR_MS + 1)),
        'invalid',
        `runs 1.15.1-x, older than the latest release 1.16.0 (out since 2025-01-13 11:59:59 UTC, upgrade window 2 days) ${AT}`,
    ],
    [
        'Kagome is exempt, as in 1KV',
        FORCED,
        version('0.9.1', 'Kagome Node'),
        'valid',
        `runs Kagome Node 0.9.1, exempt from the Parity release check ${AT}`,
    ],
    [
        'another implementation: no release to compare with',
        FORCED,
        version('0.3.0', 'Gossamer'),
        'unknown',
        `unknown: runs "Gossamer" 0.3.0; no release of it is known to compare with ${AT}`,
    ],
    ['data missing: no release known', RELEASED, () => {}, 'unknown', 'unknown: no client release has been recorded (Release)'],
    [
        'data missing: no node',
        FORCED,
        f => {
            delete f.node
        },
        'unknown',
        'unknown: no telemetry node state has been recorded (TelemetryNode)',
    ],
    [
        'data stale',
        FORCED,
        f => {
            version('1.0.0')(f)
            f.pass.feed!.connected = false
            f.pass.feed!.aliveUntilMs = NOW_MS - HOUR_MS
        },
        'unknown',
        'unknown: the telemetry feed is disconnected (last alive 2025-01-15 11:00 UTC)',
    ],
]

describe('clientUpgrade', () => {
    it.each(cases)('%s', (_name, t, change, status, sentence) => {
        const r = clientUpgrade(factsWith(change), t as typeof RELEASED)
        expect([r.status, r.sentence]).toEqual([status, sentence])
    })
})
