/**
 * Online: the candidate's node is on telemetry now, or has been offline (while the feed was up) for no
 * longer than the programme allows (1KV: 16 h). Time the feed was down is never counted as offline.
 */
import {checkResult, cite, missing, stale, telemetryStaleness, type CheckResult, type Evidence} from '../check-result'
import type {CandidateFacts} from '../facts'
import {formatDuration, formatTime} from '../wording'

export interface OnlineThresholds {
    maxOfflineMs: number
    maxTelemetryLagMs: number
}

const SOURCE = 'TelemetryNode'

export function online(facts: CandidateFacts, t: OnlineThresholds): CheckResult {
    const threshold = {maxOfflineMs: t.maxOfflineMs}
    const why = telemetryStaleness(facts.pass, t.maxTelemetryLagMs)
    if (why) return stale('online', SOURCE, why)
    if (!facts.node) return missing('online', 'telemetry node state', SOURCE, threshold)
    const {nowMs} = facts.pass
    // telemetryStaleness passed, so the feed is connected now.
    const feedSinceMs = facts.pass.feed!.connectedSinceMs ?? nowMs
    const node = facts.node.value
    const at = {source: facts.node.source, atMs: facts.node.atMs}
    if (node === null) {
        const watchedMs = nowMs - feedSinceMs
        return checkResult(
            'online',
            watchedMs > t.maxOfflineMs ? 'invalid' : 'unknown',
            {
                ...at,
                code: watchedMs > t.maxOfflineMs ? 'never_seen' : 'not_seen_yet',
                observed: {watchedMs, feedConnectedSinceMs: feedSinceMs},
                threshold,
            },
            render,
        )
    }
    if (node.online)
        return checkResult('online', 'valid', {...at, code: 'online', observed: {name: node.name, online: true}, threshold}, render)
    // Offline only since the current feed connection: before it the node's state is unknown.
    const offlineFromMs = Math.max(node.offlineSinceMs ?? node.lastSeenMs, feedSinceMs)
    const offlineMs = nowMs - offlineFromMs
    return checkResult(
        'online',
        offlineMs > t.maxOfflineMs ? 'invalid' : 'valid',
        {
            ...at,
            code: offlineMs > t.maxOfflineMs ? 'offline_too_long' : 'offline_within_limit',
            observed: {name: node.name, online: false, offlineFromMs, offlineMs},
            threshold,
        },
        render,
    )
}

function render(e: Evidence): string {
    const o = e.observed as {name: string; offlineMs: number; offlineFromMs: number; watchedMs: number; feedConnectedSinceMs: number}
    const max = formatDuration((e.threshold as {maxOfflineMs: number}).maxOfflineMs)
    switch (e.code) {
        case 'online':
            return `node "${o.name}" is online on telemetry ${cite(e)}`
        case 'never_seen':
            return `no telemetry node of this candidate has been seen in the ${formatDuration(o.watchedMs)} since the feed connected, longer than the programme's ${max}: check the node's --name and --telemetry-url`
        case 'not_seen_yet':
            return `unknown: no telemetry node of this candidate seen yet; the feed connected ${formatDuration(o.watchedMs)} ago, less than the programme's ${max}`
        case 'offline_too_long':
            return `node "${o.name}" has been offline for ${formatDuration(o.offlineMs)} (since ${formatTime(o.offlineFromMs)}), longer than the programme's ${max} ${cite(e)}`
        default:
            return `node "${o.name}" has been offline for ${formatDuration(o.offlineMs)}, within the programme's ${max} ${cite(e)}`
    }
}
