/**
 * One candidate's step in a validity pass, pure: its facts (or why they could not be read) through the
 * enabled checks, each result through the check's hysteresis against its stored state, and the verdict
 * from the stored statuses; plus which stored rows this changes.
 */
import type {ValidityCheckName} from '../../config/schema'
import type {CheckResult, CheckStatus, Evidence} from './check-result'
import type {EnabledCheck} from './checks'
import type {CandidateFacts} from './facts'
import {advanceCheck, type CheckState, type ValidityChange} from './hysteresis'
import {decideVerdict, type Verdict, type VerdictState} from './verdict'

/** A check's stored row: its state, the evidence of its status and of a pending result. */
export interface StoredCheck extends CheckState {
    check: ValidityCheckName
    evidence: Evidence
    sentence: string
    pendingEvidence: Evidence | null
    pendingSentence: string | null
}

export interface CandidateEvaluation {
    /** The enabled checks' rows after the pass (every one, changed or not). */
    checks: StoredCheck[]
    /** Rows that differ from the stored ones (status, hysteresis state or sentence) and must be written. */
    changedChecks: StoredCheck[]
    changes: ValidityChange[]
    verdict: Verdict
}

/** The result every check gets when the candidate's facts could not be read or a check failed on them. */
export function badDataResult(check: ValidityCheckName, reason: string): CheckResult {
    return {
        check,
        status: 'unknown',
        evidence: {code: 'bad_data', source: 'scorer', observed: reason, threshold: null},
        sentence: `unknown: the scorer could not read this candidate's data (${reason})`,
    }
}

export function evaluateCandidate(
    candidateId: string,
    facts: CandidateFacts | {error: string},
    checks: EnabledCheck[],
    stored: ReadonlyMap<ValidityCheckName, StoredCheck>,
    verdictState: VerdictState | undefined,
    nowMs: number,
    keepLastKnownMs: number,
): CandidateEvaluation {
    const rows: StoredCheck[] = []
    const changedChecks: StoredCheck[] = []
    const changes: ValidityChange[] = []
    for (const c of checks) {
        const result = runCheck(c, facts)
        const previous = stored.get(c.name)
        const {state, change} = advanceCheck(candidateId, previous, result, nowMs, c.hysteresis)
        // The status's evidence is refreshed whenever a result confirms it; a pending result keeps its own.
        const confirms = result.status === state.status
        const row: StoredCheck = {
            check: c.name,
            ...state,
            evidence: confirms || !previous ? result.evidence : previous.evidence,
            sentence: confirms || !previous ? result.sentence : previous.sentence,
            pendingEvidence: state.pending ? result.evidence : null,
            pendingSentence: state.pending ? result.sentence : null,
        }
        rows.push(row)
        if (!previous || differs(previous, row)) changedChecks.push(row)
        if (change) changes.push(change)
    }
    const verdict = decideVerdict(
        verdictState,
        rows.map(r => ({check: r.check, status: r.status})),
        nowMs,
        keepLastKnownMs,
    )
    return {checks: rows, changedChecks, changes, verdict}
}

function runCheck(c: EnabledCheck, facts: CandidateFacts | {error: string}): CheckResult {
    if ('error' in facts) return badDataResult(c.name, facts.error)
    try {
        return c.run(facts)
    } catch (e) {
        return badDataResult(c.name, `${c.name}: ${e instanceof Error ? e.message : String(e)}`)
    }
}

/** The sentence is rendered from the evidence, so a row whose sentence and state are the same needs no write. */
function differs(a: StoredCheck, b: StoredCheck): boolean {
    return (
        a.status !== b.status ||
        a.sinceMs !== b.sinceMs ||
        a.sentence !== b.sentence ||
        a.pendingSentence !== b.pendingSentence ||
        pendingKey(a.pending) !== pendingKey(b.pending)
    )
}

function pendingKey(p: CheckState['pending']): string {
    return p ? `${p.status}:${p.count}:${p.sinceMs}` : ''
}

export function countVerdicts(verdicts: {status: CheckStatus}[]): Record<CheckStatus, number> {
    const counts = {valid: 0, invalid: 0, unknown: 0}
    for (const v of verdicts) counts[v.status]++
    return counts
}
