/**
 * Accumulated offline: the node's offline time over a rolling window stays within the programme's share
 * of it (1KV: 2 % of a week). Time the feed was down, or before the node was first seen, is unknown: it
 * is reported but never counted as offline.
 */
import {checkResult, cite, missing, stale, telemetryStaleness, type CheckResult, type Evidence} from '../check-result'
import type {CandidateFacts} from '../facts'
import {formatDuration, formatPerbill} from '../wording'

export interface AccumulatedOfflineThresholds {
    windowMs: number
    maxPerbill: number
    maxTelemetryLagMs: number
}

export function accumulatedOffline(facts: CandidateFacts, t: AccumulatedOfflineThresholds): CheckResult {
    const maxOfflineMs = Number((BigInt(t.windowMs) * BigInt(t.maxPerbill)) / 1_000_000_000n)
    const threshold = {maxOfflineMs, maxPerbill: t.maxPerbill, windowMs: t.windowMs}
    const why = telemetryStaleness(facts.pass, t.maxTelemetryLagMs)
    if (why) return stale('accumulatedOffline', 'TelemetryNodeInterval', why)
    if (!facts.uptime) return missing('accumulatedOffline', 'uptime over the window', 'TelemetryNodeInterval', threshold)
    const u = facts.uptime.value
    const e = {source: facts.uptime.source, atMs: facts.uptime.atMs}
    const observed = {offlineMs: u.offlineMs, onlineMs: u.onlineMs, unknownMs: u.unknownMs}
    if (u.onlineMs + u.offlineMs === 0)
        return checkResult('accumulatedOffline', 'unknown', {...e, code: 'nothing_observed', observed, threshold}, render)
    const over = u.offlineMs > maxOfflineMs
    return checkResult(
        'accumulatedOffline',
        over ? 'invalid' : 'valid',
        {...e, code: over ? 'above_max' : 'within_max', observed, threshold},
        render,
    )
}

function render(e: Evidence): string {
    const o = e.observed as {offlineMs: number; unknownMs: number}
    const t = e.threshold as {maxOfflineMs: number; maxPerbill: number; windowMs: number}
    const limit = `the programme's ${formatDuration(t.maxOfflineMs)} (${formatPerbill(t.maxPerbill)} of ${formatDuration(t.windowMs)})`
    const unknown = o.unknownMs > 0 ? `; ${formatDuration(o.unknownMs)} unknown (feed down or node not yet seen) is not counted` : ''
    if (e.code === 'nothing_observed') return `unknown: nothing observed of the node in the last ${formatDuration(t.windowMs)}`
    const offline = o.offlineMs === 0 ? 'never offline' : `offline ${formatDuration(o.offlineMs)}`
    return `${offline} in the last ${formatDuration(t.windowMs)}, ${e.code === 'above_max' ? 'more than' : 'within'} ${limit}${unknown} ${cite(e)}`
}
