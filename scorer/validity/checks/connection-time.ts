/**
 * Connection time: the candidate's node was first seen on telemetry at least the programme's minimum ago
 * (1KV: a week). A node already there when telemetry records began may be older than they show: unknown.
 */
import {checkResult, cite, missing, stale, telemetryStaleness, type CheckResult, type Evidence} from '../check-result'
import type {CandidateFacts} from '../facts'
import {formatDuration, formatTime} from '../wording'

export interface ConnectionTimeThresholds {
    minMs: number
    maxTelemetryLagMs: number
}

/** Nodes seen this soon after the first feed connection were connected before it (the feed lists them all at once). */
export const RECORDS_BEGAN_SLACK_MS = 60_000

const SOURCE = 'TelemetryNode.firstSeenAt'

export function connectionTime(facts: CandidateFacts, t: ConnectionTimeThresholds): CheckResult {
    const threshold = {minMs: t.minMs}
    const node = facts.node?.value
    const nowMs = facts.pass.nowMs
    const at = {source: SOURCE, atMs: node?.firstSeenMs}
    // A first sighting long enough ago stays true whatever the feed does now.
    if (node && nowMs - node.firstSeenMs >= t.minMs) {
        return checkResult(
            'connectionTime',
            'valid',
            {...at, code: 'long_enough', observed: {firstSeenMs: node.firstSeenMs, connectedMs: nowMs - node.firstSeenMs}, threshold},
            render,
        )
    }
    const why = telemetryStaleness(facts.pass, t.maxTelemetryLagMs)
    if (why) return stale('connectionTime', SOURCE, why)
    if (!facts.node) return missing('connectionTime', 'telemetry node state', SOURCE, threshold)
    if (!node) return checkResult('connectionTime', 'invalid', {source: SOURCE, code: 'never_seen', observed: null, threshold}, render)
    const connectedMs = nowMs - node.firstSeenMs
    if (node.firstSeenMs <= facts.pass.feed!.firstConnectedMs + RECORDS_BEGAN_SLACK_MS) {
        return checkResult(
            'connectionTime',
            'unknown',
            {...at, code: 'seen_since_records_began', observed: {firstSeenMs: node.firstSeenMs, connectedMs}, threshold},
            render,
        )
    }
    return checkResult(
        'connectionTime',
        'invalid',
        {...at, code: 'too_recent', observed: {firstSeenMs: node.firstSeenMs, connectedMs}, threshold},
        render,
    )
}

function render(e: Evidence): string {
    const o = e.observed as {firstSeenMs: number; connectedMs: number}
    const min = formatDuration((e.threshold as {minMs: number}).minMs)
    switch (e.code) {
        case 'long_enough':
            return `first seen on telemetry ${formatDuration(o.connectedMs)} ago, at least the programme's ${min} ${cite(e)}`
        case 'never_seen':
            return `never seen on telemetry, so not connected for the programme's ${min}`
        case 'seen_since_records_began':
            return `unknown: seen since telemetry records began ${formatDuration(o.connectedMs)} ago (${formatTime(o.firstSeenMs)}), less than the programme's ${min}; it may have been connected before`
        default:
            return `first seen on telemetry only ${formatDuration(o.connectedMs)} ago, less than the programme's ${min} ${cite(e)}`
    }
}
