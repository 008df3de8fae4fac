/**
 * A candidate's verdict from its checks' stored statuses: valid when every enabled check is valid, invalid
 * when any is invalid, and otherwise (some unknown, none invalid) its last known verdict for
 * `keepLastKnownMs`, then unknown. An unknown check therefore never makes a valid candidate invalid.
 */
import type {ValidityCheckName} from '../../config/schema'
import type {CheckStatus} from './check-result'

export interface VerdictState {
    status: CheckStatus
    /** When the verdict became `status`. */
    sinceMs: number
    /** Last pass whose checks gave a known verdict (all valid, or one invalid); null: never. */
    lastKnownAtMs: number | null
}

export interface Verdict extends VerdictState {
    /** The status is the last known one, kept while some checks are unknown. */
    held: boolean
    invalidChecks: ValidityCheckName[]
    unknownChecks: ValidityCheckName[]
    changed: boolean
}

export function decideVerdict(
    previous: VerdictState | undefined,
    checks: {check: ValidityCheckName; status: CheckStatus}[],
    nowMs: number,
    keepLastKnownMs: number,
): Verdict {
    const invalidChecks = checks.filter(c => c.status === 'invalid').map(c => c.check)
    const unknownChecks = checks.filter(c => c.status === 'unknown').map(c => c.check)
    let status: CheckStatus
    let lastKnownAtMs = previous?.lastKnownAtMs ?? null
    let held = false
    if (invalidChecks.length > 0 || unknownChecks.length === 0) {
        status = invalidChecks.length > 0 ? 'invalid' : 'valid'
        lastKnownAtMs = nowMs
    } else if (previous && previous.status !== 'unknown' && lastKnownAtMs !== null && nowMs - lastKnownAtMs <= keepLastKnownMs) {
        status = previous.status
        held = true
    } else {
        status = 'unknown'
    }
    const changed = previous?.status !== status
    return {status, sinceMs: changed ? nowMs : previous!.sinceMs, lastKnownAtMs, held, invalidChecks, unknownChecks, changed}
}
