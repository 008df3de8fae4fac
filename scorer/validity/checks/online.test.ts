import {describe, expect, it} from 'vitest'
import type {CandidateFacts} from '../facts'
import {DAY_MS, HOUR_MS, NOW_MS, factsWith} from '../example-facts'
import {online} from './online'

const T = {maxOfflineMs: 16 * HOUR_MS, maxTelemetryLagMs: 300_000}
const offlineFor = (ms: number) => (f: CandidateFacts) => {
    Object.assign(f.node!.value!, {online: false, offlineSinceMs: NOW_MS - ms, lastSeenMs: NOW_MS - ms})
}
const cases: [string, (f: CandidateFacts) => void, string, string][] = [
    ['valid: online', () => {}, 'valid', 'node "node-1" is online on telemetry (TelemetryNode at 2025-01-15 11:59:59 UTC)'],
    [
        'valid: offline 2 h',
        offlineFor(2 * HOUR_MS),
        'valid',
        'node "node-1" has been offline for 2 h, within the programme\'s 16 h (TelemetryNode at 2025-01-15 11:59:59 UTC)',
    ],
    [
        'invalid: offline 17 h',
        offlineFor(17 * HOUR_MS),
        'invalid',
        'node "node-1" has been offline for 17 h (since 2025-01-14 19:00 UTC), longer than the programme\'s 16 h (TelemetryNode at 2025-01-15 11:59:59 UTC)',
    ],
    [
        'exactly at the threshold: offline 16 h',
        offlineFor(16 * HOUR_MS),
        'valid',
        'node "node-1" has been offline for 16 h, within the programme\'s 16 h (TelemetryNode at 2025-01-15 11:59:59 UTC)',
    ],
    [
        'offline since before a feed outage: only the time since the feed reconnected counts',
        f => {
            offlineFor(2 * DAY_MS)(f)
            f.pass.feed!.connectedSinceMs = NOW_MS - 3 * HOUR_MS
        },
        'valid',
        'node "node-1" has been offline for 3 h, within the programme\'s 16 h (TelemetryNode at 2025-01-15 11:59:59 UTC)',
    ],
    [
        'never seen while the feed was up longer than the limit',
        f => {
            f.node!.value = null
        },
        'invalid',
        "no telemetry node of this candidate has been seen in the 30 days since the feed connected, longer than the programme's 16 h: check the node's --name and --telemetry-url",
    ],
    [
        'never seen, the feed up only 1 h',
        f => {
            f.node!.value = null
            f.pass.feed!.connectedSinceMs = NOW_MS - HOUR_MS
        },
        'unknown',
        "unknown: no telemetry node of this candidate seen yet; the feed connected 1 h ago, less than the programme's 16 h",
    ],
    [
        'data missing',
        f => {
            delete f.node
        },
        'unknown',
        'unknown: no telemetry node state has been recorded (TelemetryNode)',
    ],
    [
        'data stale: the feed disconnected',
        f => {
            offlineFor(17 * HOUR_MS)(f)
            Object.assign(f.pass.feed!, {connected: false, connectedSinceMs: null, aliveUntilMs: NOW_MS - HOUR_MS})
        },
        'unknown',
        'unknown: the telemetry feed is disconnected (last alive 2025-01-15 11:00 UTC)',
    ],
    [
        'data stale: the follower silent 6 min',
        f => {
            f.pass.feed!.aliveUntilMs = NOW_MS - 360_000
        },
        'unknown',
        'unknown: the telemetry follower has not confirmed its feed for 6 min (limit 5 min)',
    ],
    [
        'data stale: never connected',
        f => {
            delete f.pass.feed
        },
        'unknown',
        'unknown: the telemetry feed has never been connected',
    ],
]

describe('online', () => {
    it.each(cases)('%s', (_name, change, status, sentence) => {
        const r = online(factsWith(change), T)
        expect([r.status, r.sentence]).toEqual([status, sentence])
    })
})
