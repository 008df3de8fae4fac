/**
 * Which verdict changes the programme's staff hear about, as notification events: a candidate that turned
 * invalid (from valid, or from unknown: it was seen and fails), with each failing check's sentence, and one
 * that turned valid again after being invalid. A candidate's first verdict is no turn, nor is unknown →
 * valid (a candidate becoming known, as every one does after a start). Pure.
 */
import type {CandidateRef, NotifyEvent} from '../../notify/events'
import type {StoredCheck} from './candidate-evaluation'
import type {Verdict, VerdictState} from './verdict'

export interface VerdictTurn {
    candidate: CandidateRef
    to: 'valid' | 'invalid'
    /** The failing checks and their sentences (turned invalid); empty when turned valid. */
    checks: {check: string; sentence: string}[]
}

/** More turns than this in one pass are told in one message. */
export const MAX_SEPARATE_TURNS = 3

export function verdictTurn(
    candidate: CandidateRef,
    previous: VerdictState | undefined,
    verdict: Verdict,
    checks: readonly StoredCheck[],
): VerdictTurn | null {
    if (!previous || previous.status === verdict.status) return null
    if (verdict.status === 'invalid')
        return {
            candidate,
            to: 'invalid',
            checks: checks.filter(c => c.status === 'invalid').map(c => ({check: c.check, sentence: c.sentence})),
        }
    if (verdict.status === 'valid' && previous.status === 'invalid') return {candidate, to: 'valid', checks: []}
    return null
}

export function verdictEvents(turns: readonly VerdictTurn[]): NotifyEvent[] {
    if (turns.length > MAX_SEPARATE_TURNS)
        return [
            {
                kind: 'validityChanges',
                turnedInvalid: turns.filter(t => t.to === 'invalid').map(t => ({candidate: t.candidate, checks: t.checks})),
                turnedValid: turns.filter(t => t.to === 'valid').map(t => t.candidate),
            },
        ]
    return turns.map(t =>
        t.to === 'invalid'
            ? {kind: 'candidateInvalid', candidate: t.candidate, checks: t.checks}
            : {kind: 'candidateValid', candidate: t.candidate},
    )
}
