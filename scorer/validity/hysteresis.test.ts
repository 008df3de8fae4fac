import {describe, expect, it} from 'vitest'
import type {CheckResult, CheckStatus} from './check-result'
import {advanceCheck, type CheckState} from './hysteresis'
import {decideVerdict, type VerdictState} from './verdict'

const PASS_MS = 5 * 60_000
const result = (status: CheckStatus): CheckResult => ({
    check: 'online',
    status,
    evidence: {source: 'TelemetryNode', code: status, observed: null, threshold: null},
    sentence: status,
})

/** Runs a check through a sequence of raw results, one pass every 5 min; returns the stored status after each pass and the flips. */
function run(raw: CheckStatus[], h = {passes: 3, minMs: 0}, initial: CheckStatus = 'valid') {
    let state: CheckState | undefined = {status: initial, sinceMs: 0, pending: null}
    const statuses: CheckStatus[] = []
    const flips: {pass: number; from: CheckStatus | null; to: CheckStatus}[] = []
    raw.forEach((s, i) => {
        const next = advanceCheck('0xaa', state, result(s), (i + 1) * PASS_MS, h)
        state = next.state
        statuses.push(state.status)
        if (next.change) flips.push({pass: i, from: next.change.from, to: next.change.to})
    })
    return {statuses, flips}
}

describe('a check flips only after its hysteresis', () => {
    it('a sustained change flips exactly on the Nth consecutive pass', () => {
        const {statuses, flips} = run(['invalid', 'invalid', 'invalid', 'invalid'])
        expect(statuses).toEqual(['valid', 'valid', 'invalid', 'invalid'])
        expect(flips).toEqual([{pass: 2, from: 'valid', to: 'invalid'}])
    })

    it('a single missing reading (unknown) changes nothing', () => {
        expect(run(['valid', 'unknown', 'valid', 'valid'])).toEqual({statuses: ['valid', 'valid', 'valid', 'valid'], flips: []})
    })

    it('a single odd invalid reading changes nothing, and an interrupted streak starts again', () => {
        expect(run(['invalid', 'valid', 'invalid', 'invalid', 'unknown', 'invalid']).flips).toEqual([])
    })

    it('or after a minimum time: two readings 15 min apart flip with passes set high', () => {
        const {flips} = run(['invalid', 'invalid', 'invalid', 'invalid'], {passes: 10, minMs: 15 * 60_000})
        expect(flips).toEqual([{pass: 3, from: 'valid', to: 'invalid'}])
    })

    it("a candidate's first result is taken at once", () => {
        const r = advanceCheck('0xaa', undefined, result('invalid'), 1000, {passes: 3, minMs: 0})
        expect(r.state).toEqual({status: 'invalid', sinceMs: 1000, pending: null})
        expect(r.change).toMatchObject({candidate: '0xaa', check: 'online', from: null, to: 'invalid', atMs: 1000, sentence: 'invalid'})
    })

    it('the change records the evidence of the result that flipped it', () => {
        let state: CheckState = {status: 'valid', sinceMs: 0, pending: null}
        state = advanceCheck('0xaa', state, result('invalid'), 1, {passes: 2, minMs: 0}).state
        const flip = advanceCheck(
            '0xaa',
            state,
            {...result('invalid'), evidence: {source: 'X', block: 7, code: 'above_max', observed: 1, threshold: 0}},
            2,
            {passes: 2, minMs: 0},
        )
        expect(flip.change).toEqual({
            candidate: '0xaa',
            check: 'online',
            from: 'valid',
            to: 'invalid',
            evidence: {source: 'X', block: 7, code: 'above_max', observed: 1, threshold: 0},
            sentence: 'invalid',
            atMs: 2,
        })
    })
})

describe('property: outages and missing readings never flip a valid candidate to invalid', () => {
    // A seeded generator: the same sequences on every run.
    function* sequences(seed: number, count: number): Generator<CheckStatus[]> {
        let x = seed
        const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
        for (let i = 0; i < count; i++) yield Array.from({length: 50}, () => (next() < 0.6 ? 'valid' : 'unknown'))
    }

    it('over 500 random valid/unknown sequences, 3 checks, any hysteresis: never invalid', () => {
        let outages = 0
        for (const [i, seq] of [...sequences(42, 500)].entries()) {
            const h = {passes: 1 + (i % 3), minMs: (i % 2) * 10 * 60_000}
            const checks: (CheckState | undefined)[] = [
                {status: 'valid', sinceMs: 0, pending: null},
                {status: 'valid', sinceMs: 0, pending: null},
                {status: 'valid', sinceMs: 0, pending: null},
            ]
            let verdict: VerdictState = {status: 'valid', sinceMs: 0, lastKnownAtMs: 0}
            seq.forEach((s, pass) => {
                const now = (pass + 1) * PASS_MS
                // Check 0 follows the sequence (an outage of its source); the others stay valid.
                const raw: CheckStatus[] = [s, 'valid', 'valid']
                const statuses = raw.map((r, c) => {
                    const next = advanceCheck('0xaa', checks[c], result(r), now, h)
                    checks[c] = next.state
                    return {check: 'online' as const, status: next.state.status}
                })
                const v = decideVerdict(verdict, statuses, now, 60 * 60_000)
                if (v.held) outages++
                expect(v.status).not.toBe('invalid')
                verdict = v
            })
        }
        expect(outages).toBeGreaterThan(0)
    })

    it('a long feed outage: valid, held valid for keepLastKnownMs, then unknown; never invalid; valid again after recovery', () => {
        const keepMs = 30 * 60_000
        const raw: CheckStatus[] = ['valid', ...Array(20).fill('unknown'), 'valid', 'valid', 'valid']
        let check: CheckState | undefined = {status: 'valid', sinceMs: 0, pending: null}
        let verdict: VerdictState | undefined
        const seen: string[] = []
        raw.forEach((s, pass) => {
            const now = (pass + 1) * PASS_MS
            check = advanceCheck('0xaa', check, result(s), now, {passes: 2, minMs: 0}).state
            const v = decideVerdict(verdict, [{check: 'online', status: check.status}], now, keepMs)
            seen.push(v.status + (v.held ? '(held)' : ''))
            verdict = v
        })
        // Pass 2 (10 min) still has the check valid (one unknown reading is pending); pass 3 flips it to
        // unknown, and the verdict holds valid until 30 min after pass 2 (pass 8, 40 min).
        expect(seen).toEqual(['valid', 'valid', ...Array(6).fill('valid(held)'), ...Array(13).fill('unknown'), 'unknown', 'valid', 'valid'])
    })
})

describe('decideVerdict', () => {
    const c = (check: 'online' | 'commission', status: CheckStatus) => ({check, status})

    it('valid when every check is valid, invalid when any is, naming it', () => {
        expect(decideVerdict(undefined, [c('online', 'valid'), c('commission', 'valid')], 10, 0)).toMatchObject({
            status: 'valid',
            held: false,
            changed: true,
            sinceMs: 10,
            lastKnownAtMs: 10,
        })
        expect(decideVerdict(undefined, [c('online', 'unknown'), c('commission', 'invalid')], 10, 0)).toMatchObject({
            status: 'invalid',
            invalidChecks: ['commission'],
            unknownChecks: ['online'],
        })
    })

    it('keeps the last known verdict for exactly keepLastKnownMs, then unknown', () => {
        const prev: VerdictState = {status: 'invalid', sinceMs: 0, lastKnownAtMs: 100}
        expect(decideVerdict(prev, [c('online', 'unknown')], 100 + 500, 500)).toMatchObject({
            status: 'invalid',
            held: true,
            changed: false,
            sinceMs: 0,
            lastKnownAtMs: 100,
        })
        expect(decideVerdict(prev, [c('online', 'unknown')], 100 + 501, 500)).toMatchObject({
            status: 'unknown',
            held: false,
            changed: true,
            sinceMs: 601,
        })
    })

    it('a new candidate with unknown checks is unknown', () => {
        expect(decideVerdict(undefined, [c('online', 'unknown')], 5, 1000)).toMatchObject({status: 'unknown', lastKnownAtMs: null})
    })
})
