/**
 * How far a chain layer's squid is behind the chain: its indexed height (state schema status row and hot
 * blocks) against the finalized head its processor last recorded (ChainHead).
 */
import type {SquidProgress} from './facts'

/** A layer's rows as read: the status row's height (null or -1 before the first commit), the newest hot block. */
export interface SquidRows {
    height: number | null
    hotHeight: number | null
    /** The layer's ChainHead record, if its processor wrote one. */
    head?: {finalizedHeight: number; seenMs: number}
}

/** Undefined when the progress is not known: nothing indexed, or no head known. */
export function squidProgress(rows: SquidRows, nowMs: number, maxHeadAgeMs: number): SquidProgress | undefined {
    if (rows.height === null || rows.height < 0) return undefined
    const indexedBlock = Math.max(rows.height, rows.hotHeight ?? -1)
    if (rows.head) {
        // Hot blocks above the finalized head are indexed too: not behind.
        const progress: SquidProgress = {indexedBlock, headBlock: Math.max(rows.head.finalizedHeight, indexedBlock)}
        const ageMs = nowMs - rows.head.seenMs
        if (ageMs > maxHeadAgeMs) progress.staleHead = {seenMs: rows.head.seenMs, ageMs, maxAgeMs: maxHeadAgeMs}
        return progress
    }
    // A database written before processors recorded their head: hot blocks are written only once the
    // processor has reached the unfinalized head, so then it is at the head.
    return rows.hotHeight === null ? undefined : {indexedBlock, headBlock: indexedBlock}
}
