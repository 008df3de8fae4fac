/**
 * A check's stored status moves to a new result only once that result has held for the check's
 * hysteresis (N consecutive passes, or a minimum time between the first and a later pass seeing it), so a
 * single odd reading (an RPC gap, a feed blip) never flips it; each flip is a ValidityChange to record.
 */
import type {ValidityCheckName} from '../../config/schema'
import type {CheckResult, CheckStatus, Evidence} from './check-result'
import type {Hysteresis} from './checks'

export interface CheckState {
    status: CheckStatus
    /** When the check flipped to `status`. */
    sinceMs: number
    /** A different result seen on the latest passes, not yet held long enough to flip to. */
    pending: {status: CheckStatus; count: number; sinceMs: number} | null
}

export interface ValidityChange {
    /** The candidate's stash public key (hex). */
    candidate: string
    check: ValidityCheckName
    /** null: the check's first result. */
    from: CheckStatus | null
    to: CheckStatus
    evidence: Evidence
    sentence: string
    atMs: number
}

/**
 * The check's next state after this pass's result. A candidate's first result is taken at once (there is
 * nothing to flap from); after that any result other than the stored one, unknown included, must repeat.
 * A result that differs from the pending one starts a new count.
 */
export function advanceCheck(
    candidate: string,
    previous: CheckState | undefined,
    result: CheckResult,
    nowMs: number,
    h: Hysteresis,
): {state: CheckState; change: ValidityChange | null} {
    const flip = (from: CheckStatus | null) => ({
        state: {status: result.status, sinceMs: nowMs, pending: null},
        change: {
            candidate,
            check: result.check,
            from,
            to: result.status,
            evidence: result.evidence,
            sentence: result.sentence,
            atMs: nowMs,
        },
    })
    if (!previous) return flip(null)
    if (result.status === previous.status) return {state: {...previous, pending: null}, change: null}
    const pending =
        previous.pending?.status === result.status
            ? {...previous.pending, count: previous.pending.count + 1}
            : {status: result.status, count: 1, sinceMs: nowMs}
    const held = pending.count >= h.passes || (h.minMs > 0 && nowMs - pending.sinceMs >= h.minMs)
    return held ? flip(previous.status) : {state: {...previous, pending}, change: null}
}
