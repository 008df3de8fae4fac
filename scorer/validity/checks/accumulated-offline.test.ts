import {describe, expect, it} from 'vitest'
import type {CandidateFacts} from '../facts'
import {DAY_MS, HOUR_MS, NOW_MS, factsWith} from '../example-facts'
import {accumulatedOffline} from './accumulated-offline'

// 2 % of a week = 3 h 21 min 36 s = 12,096,000 ms.
const T = {windowMs: 7 * DAY_MS, maxPerbill: 20_000_000, maxTelemetryLagMs: 300_000}
const LIMIT_MS = 12_096_000
const uptime =
    (offlineMs: number, unknownMs = 0) =>
    (f: CandidateFacts) => {
        Object.assign(f.uptime!.value, {offlineMs, unknownMs, onlineMs: 7 * DAY_MS - offlineMs - unknownMs})
    }
const cases: [string, (f: CandidateFacts) => void, string, string][] = [
    [
        'valid: never offline',
        () => {},
        'valid',
        "never offline in the last 7 days, within the programme's 3 h 21 min 36 s (2 % of 7 days) (TelemetryNodeInterval at 2025-01-15 12:00 UTC)",
    ],
    [
        'invalid: offline 4 h',
        uptime(4 * HOUR_MS),
        'invalid',
        "offline 4 h in the last 7 days, more than the programme's 3 h 21 min 36 s (2 % of 7 days) (TelemetryNodeInterval at 2025-01-15 12:00 UTC)",
    ],
    [
        'exactly at the threshold',
        uptime(LIMIT_MS),
        'valid',
        "offline 3 h 21 min 36 s in the last 7 days, within the programme's 3 h 21 min 36 s (2 % of 7 days) (TelemetryNodeInterval at 2025-01-15 12:00 UTC)",
    ],
    [
        '1 ms over the threshold',
        uptime(LIMIT_MS + 1),
        'invalid',
        "offline 3 h 21 min 36 s in the last 7 days, more than the programme's 3 h 21 min 36 s (2 % of 7 days) (TelemetryNodeInterval at 2025-01-15 12:00 UTC)",
    ],
    [
        'a 2-day feed outage is unknown, never offline',
        uptime(HOUR_MS, 2 * DAY_MS),
        'valid',
        "offline 1 h in the last 7 days, within the programme's 3 h 21 min 36 s (2 % of 7 days); 2 days unknown (feed down or node not yet seen) is not counted (TelemetryNodeInterval at 2025-01-15 12:00 UTC)",
    ],
    ['nothing observed in the window', uptime(0, 7 * DAY_MS), 'unknown', 'unknown: nothing observed of the node in the last 7 days'],
    [
        'data missing',
        f => {
            delete f.uptime
        },
        'unknown',
        'unknown: no uptime over the window has been recorded (TelemetryNodeInterval)',
    ],
    [
        'data stale',
        f => {
            uptime(4 * HOUR_MS)(f)
            f.pass.feed!.aliveUntilMs = NOW_MS - HOUR_MS
        },
        'unknown',
        'unknown: the telemetry follower has not confirmed its feed for 1 h (limit 5 min)',
    ],
]

describe('accumulatedOffline', () => {
    it.each(cases)('%s', (_name, change, status, sentence) => {
        const r = accumulatedOffline(factsWith(change), T)
        expect([r.status, r.sentence]).toEqual([status, sentence])
    })

    it('the evidence carries online, offline and unknown time and the limit in ms', () => {
        expect(accumulatedOffline(factsWith(uptime(HOUR_MS, 2 * DAY_MS)), T).evidence).toMatchObject({
            observed: {offlineMs: HOUR_MS, unknownMs: 2 * DAY_MS, onlineMs: 5 * DAY_MS - HOUR_MS},
            threshold: {maxOfflineMs: LIMIT_MS, maxPerbill: 20_000_000, windowMs: 7 * DAY_MS},
        })
    })
})
