/**
 * Whether a chain processor has stalled: its indexed height stands still while finalized blocks of its
 * range wait above it, for longer than the configured time; and the one line that says what it waits for.
 */
import type {SquidStalled} from '../../notify/events'

/** One look at the processor and its chain. */
export interface ProgressSample {
    atMs: number
    /** The processor's finalized height in its state schema (-1 before its first commit). */
    indexedHeight: number
    /** The chain's finalized head. */
    finalizedHeight: number
}

/** The indexed height last seen, and since when it has stood still with finalized blocks waiting. */
export interface StallWatch {
    indexedHeight: number
    sinceMs: number
}

export interface StallSettings {
    timeoutMs: number
    /** The processor's block range: finalized blocks outside it are not waited for. */
    fromBlock: number
    toBlock?: number
}

export interface StallVerdict {
    /** Undefined while nothing waits to be indexed (caught up, or the range not finalized yet). */
    watch?: StallWatch
    /** How long the height has stood still with blocks waiting; 0 while it moves or nothing waits. */
    stalledMs: number
    stalled: boolean
}

export function judgeProgress(watch: StallWatch | undefined, sample: ProgressSample, settings: StallSettings): StallVerdict {
    const target = Math.min(sample.finalizedHeight, settings.toBlock ?? Infinity)
    const waiting = target >= Math.max(sample.indexedHeight + 1, settings.fromBlock)
    if (!waiting) return {stalledMs: 0, stalled: false}
    const kept =
        watch !== undefined && watch.indexedHeight === sample.indexedHeight
            ? watch
            : {indexedHeight: sample.indexedHeight, sinceMs: sample.atMs}
    const stalledMs = sample.atMs - kept.sinceMs
    return {watch: kept, stalledMs, stalled: stalledMs > settings.timeoutMs}
}

/** A statement of the processor's that waits for a lock, and the sessions holding it. */
export interface LockWait {
    pid: number
    query: string
    waitingMs: number
    blockedBy: {pid: number; application: string; state: string; query: string}[]
}

/** What the stall notification carries (plain data). */
export interface StallReport {
    chain: string
    indexedHeight: number
    finalizedHeight: number
    waitedMs: number
    /** Statements of the processor's database connections that wait for a lock, with what holds it. */
    lockWaits: LockWait[]
    /** Era snapshots whose markers are committed and not written yet. */
    pendingEras: number[]
    /** Era snapshots queued in the processor's snapshot thread and not written yet. */
    queuedEras: number[]
}

/** The notification event for a stall: the first statement that waits for a lock, with what holds it. */
export function stallEvent(r: StallReport): SquidStalled {
    const w = r.lockWaits[0]
    const blockingQuery =
        w &&
        `${w.query}${w.blockedBy.length ? ` (blocked by ${w.blockedBy.map(b => `${b.application || 'pid ' + b.pid}: ${b.query}`).join('; ')})` : ''}`
    return {
        kind: 'squidStalled',
        chain: r.chain,
        indexedHeight: r.indexedHeight,
        finalizedHeight: r.finalizedHeight,
        waitedMs: r.waitedMs,
        ...(blockingQuery ? {blockingQuery} : {}),
    }
}

/** Longest statement text quoted in the message. */
const QUERY_CHARS = 200

export function describeStall(r: StallReport): string {
    const waits =
        r.lockWaits.length === 0
            ? 'no statement of its waits for a lock'
            : r.lockWaits
                  .map(
                      w =>
                          `pid ${w.pid} has waited ${Math.round(w.waitingMs)} ms on ${quote(w.query)}, blocked by ` +
                          w.blockedBy
                              .map(b => `pid ${b.pid} (${b.application || 'no application name'}, ${b.state}) ${quote(b.query)}`)
                              .join(' and '),
                  )
                  .join('; ')
    const eras = (list: number[]) => (list.length ? list.join(', ') : 'none')
    return (
        `${r.chain} processor stalled: its indexed height ${r.indexedHeight} has not moved for ${Math.round(r.waitedMs)} ms ` +
        `while the chain's finalized head is ${r.finalizedHeight}; waiting for: ${waits}; ` +
        `era snapshots pending: ${eras(r.pendingEras)}, queued in the snapshot thread: ${eras(r.queuedEras)}. Exiting so it is restarted.`
    )
}

function quote(query: string): string {
    const oneLine = query.replace(/\s+/g, ' ').trim()
    return `"${oneLine.length > QUERY_CHARS ? oneLine.slice(0, QUERY_CHARS) + '…' : oneLine}"`
}
