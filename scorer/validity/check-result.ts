/**
 * A validity check's result: a status, the evidence it rests on (data: a code, the source and as of when,
 * the observed value and the threshold) and one sentence rendered from that evidence only; plus the two
 * ways any check becomes unknown, missing and stale data.
 */
import type {ValidityCheckName} from '../../config/schema'
import type {FactSource, PassFacts} from './facts'
import {formatDuration, formatInt, formatTime} from './wording'

export type CheckStatus = 'valid' | 'invalid' | 'unknown'

export type Json = string | number | boolean | null | Json[] | {[key: string]: Json}

export interface Evidence extends FactSource {
    /** What the check found, e.g. `above_max`, `not_bonded`, `missing`, `stale`: the sentence is chosen by it. */
    code: string
    observed: Json
    threshold: Json
}

export interface CheckResult {
    check: ValidityCheckName
    status: CheckStatus
    evidence: Evidence
    sentence: string
}

/** Renders a result's sentence from its evidence, and only from it. */
export type Render = (e: Evidence) => string

export function checkResult(check: ValidityCheckName, status: CheckStatus, evidence: Evidence, render: Render): CheckResult {
    const sentence = evidence.code === 'missing' || evidence.code === 'stale' ? renderUnknown(evidence) : render(evidence)
    return {check, status, evidence, sentence}
}

/** The citation at the end of a sentence: "(era 1,234, ValidatorPreference at block 9,876,543)". */
export function cite(e: FactSource): string {
    const parts: string[] = []
    if (e.era !== undefined) parts.push(`era ${formatInt(e.era)}`)
    let where = e.source
    if (e.block !== undefined) where += ` at block ${formatInt(e.block)}`
    else if (e.atMs !== undefined) where += ` at ${formatTime(e.atMs)}`
    parts.push(where)
    return `(${parts.join(', ')})`
}

/** A fact that was not read: unknown, naming what is missing. */
export function missing(check: ValidityCheckName, what: string, source: string, threshold: Json): CheckResult {
    return checkResult(check, 'unknown', {code: 'missing', source, observed: what, threshold}, renderUnknown)
}

/**
 * Why a chain fact cannot be trusted now: its layer's squid is more than `maxSquidLagBlocks` behind the
 * head, its processor's head record is too old, or its progress is not known. Null when it is fresh.
 */
export function chainStaleness(fact: FactSource, pass: PassFacts, maxSquidLagBlocks: number): Omit<Evidence, 'source'> | null {
    if (!fact.layer) return null
    const progress = pass.squid[fact.layer]
    if (!progress) return {code: 'stale', observed: {layer: fact.layer, indexed: null}, threshold: {maxSquidLagBlocks}}
    const old = progress.staleHead
    if (old)
        return {
            code: 'stale',
            atMs: old.seenMs,
            observed: {layer: fact.layer, headSeenMs: old.seenMs, headAgeMs: old.ageMs},
            threshold: {maxSquidHeadAgeMs: old.maxAgeMs},
        }
    const lag = progress.headBlock - progress.indexedBlock
    if (lag <= maxSquidLagBlocks) return null
    return {
        code: 'stale',
        block: progress.indexedBlock,
        observed: {layer: fact.layer, indexedBlock: progress.indexedBlock, headBlock: progress.headBlock, lagBlocks: lag},
        threshold: {maxSquidLagBlocks},
    }
}

/**
 * Why telemetry facts cannot be trusted now: no feed connection was ever recorded, it is down, or the
 * follower has not confirmed it alive for more than `maxTelemetryLagMs`. Null when it is fresh.
 */
export function telemetryStaleness(pass: PassFacts, maxTelemetryLagMs: number): Omit<Evidence, 'source'> | null {
    const feed = pass.feed
    if (!feed) return {code: 'stale', observed: {feed: 'never connected'}, threshold: {maxTelemetryLagMs}}
    if (!feed.connected)
        return {
            code: 'stale',
            atMs: feed.aliveUntilMs,
            observed: {feed: 'disconnected', aliveUntilMs: feed.aliveUntilMs},
            threshold: {maxTelemetryLagMs},
        }
    const silentMs = pass.nowMs - feed.aliveUntilMs
    if (silentMs > maxTelemetryLagMs)
        return {
            code: 'stale',
            atMs: feed.aliveUntilMs,
            observed: {feed: 'silent', aliveUntilMs: feed.aliveUntilMs, silentMs},
            threshold: {maxTelemetryLagMs},
        }
    return null
}

export function stale(check: ValidityCheckName, source: string, why: Omit<Evidence, 'source'>): CheckResult {
    return checkResult(check, 'unknown', {source, ...why}, renderUnknown)
}

function renderUnknown(e: Evidence): string {
    const o = e.observed as {[k: string]: Json}
    if (e.code === 'missing') return `unknown: no ${String(e.observed)} has been recorded (${e.source})`
    if ('layer' in o) {
        if (o.indexed === null) return `unknown: the ${o.layer} squid's progress is not known, so ${e.source} may be out of date`
        if ('headAgeMs' in o)
            return `unknown: the ${o.layer} squid's processor has not recorded the chain head for ${formatDuration(o.headAgeMs as number)} (limit ${formatDuration((e.threshold as {maxSquidHeadAgeMs: number}).maxSquidHeadAgeMs)}), it may have stopped, so ${e.source} may be out of date`
        return `unknown: the ${o.layer} squid is ${formatInt(o.lagBlocks as number)} blocks behind the chain head (block ${formatInt(o.indexedBlock as number)} of ${formatInt(o.headBlock as number)}, limit ${formatInt((e.threshold as {maxSquidLagBlocks: number}).maxSquidLagBlocks)}), so ${e.source} may be out of date`
    }
    if (o.feed === 'never connected') return 'unknown: the telemetry feed has never been connected'
    if (o.feed === 'disconnected') return `unknown: the telemetry feed is disconnected (last alive ${formatTime(o.aliveUntilMs as number)})`
    return `unknown: the telemetry follower has not confirmed its feed for ${formatDuration(o.silentMs as number)} (limit ${formatDuration((e.threshold as {maxTelemetryLagMs: number}).maxTelemetryLagMs)})`
}

/** The unknown result for a chain fact that is missing or stale; undefined when the fact can be used. */
export function unusableChainFact(
    check: ValidityCheckName,
    fact: FactSource | undefined,
    pass: PassFacts,
    maxSquidLagBlocks: number,
    what: string,
    source: string,
    threshold: Json,
): CheckResult | undefined {
    if (!fact) return missing(check, what, source, threshold)
    const why = chainStaleness(fact, pass, maxSquidLagBlocks)
    return why ? stale(check, fact.source, why) : undefined
}
