import {describe, expect, it} from 'vitest'
import {readAnswer} from './kusama-rank-source'

describe("reading the Kusama instance's /candidate answer", () => {
    it("takes rank and valid from this backend's CandidateData and from the old 1KV one", () => {
        expect(readAnswer(JSON.stringify({rank: 120, valid: true, verdict: 'valid', invalidityReasons: ''}))).toEqual({
            rank: 120,
            valid: true,
        })
        expect(readAnswer(JSON.stringify({rank: 120, valid: false, verdict: 'invalid'}))).toEqual({rank: 120, valid: false})
        // The old gateway sends no verdict.
        expect(readAnswer(JSON.stringify({rank: 7, valid: false}))).toEqual({rank: 7, valid: false})
        expect(readAnswer(JSON.stringify({rank: 7}))).toEqual({rank: 7, valid: null})
    })

    it('makes an unknown or not yet reached Kusama verdict an error (unknown), not invalid', () => {
        expect(readAnswer(JSON.stringify({rank: 120, valid: false, verdict: 'unknown'}))).toEqual({
            error: 'its verdict in the Kusama programme is unknown',
        })
        expect(readAnswer(JSON.stringify({rank: 0, valid: false, verdict: null}))).toEqual({
            error: 'the Kusama programme has not checked it yet',
        })
    })

    it('makes anything without a whole-number rank an error, never a rank', () => {
        expect(readAnswer('')).toEqual({error: 'the answer is not JSON'})
        expect(readAnswer('null')).toEqual({error: 'the answer is not a candidate document'})
        expect(readAnswer(JSON.stringify({rank: '120', valid: true}))).toEqual({error: 'the answer has no whole-number rank'})
        expect(readAnswer(JSON.stringify({rank: 1.5}))).toEqual({error: 'the answer has no whole-number rank'})
        expect(readAnswer(JSON.stringify([]))).toEqual({error: 'the answer has no whole-number rank'})
    })
})
