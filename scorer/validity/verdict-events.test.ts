import {describe, expect, it} from 'vitest'
import type {StoredCheck} from './candidate-evaluation'
import {MAX_SEPARATE_TURNS, verdictEvents, verdictTurn, type VerdictTurn} from './verdict-events'
import type {Verdict, VerdictState} from './verdict'

const candidate = {stash: 'HNZata7iMYWmk5RvZRTiAsSDhV8366zq2YGb3tLH5Upf74F', name: 'node-1'}
const state = (status: VerdictState['status']): VerdictState => ({status, sinceMs: 0, lastKnownAtMs: 0})
const verdict = (status: Verdict['status']): Verdict => ({
    ...state(status),
    held: false,
    invalidChecks: [],
    unknownChecks: [],
    changed: true,
})
const row = (check: StoredCheck['check'], status: StoredCheck['status'], sentence: string): StoredCheck => ({
    check,
    status,
    sinceMs: 0,
    pending: null,
    evidence: {code: 'x', source: 'test', observed: null, threshold: null},
    sentence,
    pendingEvidence: null,
    pendingSentence: null,
})
const checks = [
    row('commission', 'invalid', "commission 10 % is above the programme's 5 %"),
    row('online', 'valid', 'online'),
    row('identity', 'invalid', 'no verified identity'),
]

describe('verdict turns', () => {
    it('a candidate turned invalid, from valid or from unknown, with each failing check and its sentence', () => {
        const expected: VerdictTurn = {
            candidate,
            to: 'invalid',
            checks: [
                {check: 'commission', sentence: "commission 10 % is above the programme's 5 %"},
                {check: 'identity', sentence: 'no verified identity'},
            ],
        }
        expect(verdictTurn(candidate, state('valid'), verdict('invalid'), checks)).toEqual(expected)
        expect(verdictTurn(candidate, state('unknown'), verdict('invalid'), checks)).toEqual(expected)
    })

    it('a candidate turned valid again after being invalid', () => {
        expect(verdictTurn(candidate, state('invalid'), verdict('valid'), [])).toEqual({candidate, to: 'valid', checks: []})
    })

    it('no turn: a first verdict, an unchanged one, a candidate becoming known (unknown → valid), or one becoming unknown', () => {
        expect(verdictTurn(candidate, undefined, verdict('invalid'), checks)).toBeNull()
        expect(verdictTurn(candidate, state('invalid'), verdict('invalid'), checks)).toBeNull()
        expect(verdictTurn(candidate, state('unknown'), verdict('valid'), [])).toBeNull()
        expect(verdictTurn(candidate, state('valid'), verdict('unknown'), [])).toBeNull()
        expect(verdictTurn(candidate, state('invalid'), verdict('unknown'), [])).toBeNull()
    })
})

describe('verdict events', () => {
    const invalid = (n: number): VerdictTurn => ({
        candidate: {stash: `G${n}`},
        to: 'invalid',
        checks: [{check: 'online', sentence: 'offline'}],
    })
    const valid = (n: number): VerdictTurn => ({candidate: {stash: `G${n}`}, to: 'valid', checks: []})

    it(`one event per candidate for up to ${MAX_SEPARATE_TURNS} turns in a pass`, () => {
        expect(verdictEvents([invalid(1), valid(2)])).toEqual([
            {kind: 'candidateInvalid', candidate: {stash: 'G1'}, checks: [{check: 'online', sentence: 'offline'}]},
            {kind: 'candidateValid', candidate: {stash: 'G2'}},
        ])
        expect(verdictEvents([])).toEqual([])
    })

    it('one summary for more, so the rate limit does not spread a pass over minutes', () => {
        const turns = [invalid(1), valid(2), invalid(3), valid(4)]
        expect(verdictEvents(turns)).toEqual([
            {
                kind: 'validityChanges',
                turnedInvalid: [
                    {candidate: {stash: 'G1'}, checks: [{check: 'online', sentence: 'offline'}]},
                    {candidate: {stash: 'G3'}, checks: [{check: 'online', sentence: 'offline'}]},
                ],
                turnedValid: [{stash: 'G2'}, {stash: 'G4'}],
            },
        ])
    })
})
