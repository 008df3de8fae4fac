import {describe, expect, it} from 'vitest'
import type {CandidateFacts} from '../facts'
import {DAY_MS, NOW_MS, factsWith} from '../example-facts'
import {connectionTime} from './connection-time'

const T = {minMs: 7 * DAY_MS, maxTelemetryLagMs: 300_000}
const firstSeen = (ms: number) => (f: CandidateFacts) => {
    f.node!.value!.firstSeenMs = NOW_MS - ms
}
const cases: [string, (f: CandidateFacts) => void, string, string][] = [
    [
        'valid: first seen 20 days ago',
        () => {},
        'valid',
        "first seen on telemetry 20 days ago, at least the programme's 7 days (TelemetryNode.firstSeenAt at 2024-12-26 12:00 UTC)",
    ],
    [
        'invalid: first seen 2 days ago',
        firstSeen(2 * DAY_MS),
        'invalid',
        "first seen on telemetry only 2 days ago, less than the programme's 7 days (TelemetryNode.firstSeenAt at 2025-01-13 12:00 UTC)",
    ],
    [
        'exactly at the threshold',
        firstSeen(7 * DAY_MS),
        'valid',
        "first seen on telemetry 7 days ago, at least the programme's 7 days (TelemetryNode.firstSeenAt at 2025-01-08 12:00 UTC)",
    ],
    [
        'never seen',
        f => {
            f.node!.value = null
        },
        'invalid',
        "never seen on telemetry, so not connected for the programme's 7 days",
    ],
    [
        'seen when records began 2 days ago: may be older',
        f => {
            firstSeen(2 * DAY_MS)(f)
            f.pass.feed!.firstConnectedMs = NOW_MS - 2 * DAY_MS - 5000
        },
        'unknown',
        "unknown: seen since telemetry records began 2 days ago (2025-01-13 12:00 UTC), less than the programme's 7 days; it may have been connected before",
    ],
    [
        'a long first sighting stays valid while the feed is down',
        f => {
            Object.assign(f.pass.feed!, {connected: false})
        },
        'valid',
        "first seen on telemetry 20 days ago, at least the programme's 7 days (TelemetryNode.firstSeenAt at 2024-12-26 12:00 UTC)",
    ],
    [
        'data missing',
        f => {
            delete f.node
        },
        'unknown',
        'unknown: no telemetry node state has been recorded (TelemetryNode.firstSeenAt)',
    ],
    [
        'data stale: a recent node while the feed is down',
        f => {
            firstSeen(2 * DAY_MS)(f)
            Object.assign(f.pass.feed!, {connected: false, aliveUntilMs: NOW_MS - 60_000})
        },
        'unknown',
        'unknown: the telemetry feed is disconnected (last alive 2025-01-15 11:59 UTC)',
    ],
]

describe('connectionTime', () => {
    it.each(cases)('%s', (_name, change, status, sentence) => {
        const r = connectionTime(factsWith(change), T)
        expect([r.status, r.sentence]).toEqual([status, sentence])
    })
})
