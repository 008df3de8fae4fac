import {describe, expect, it} from 'vitest'
import {squidProgress} from './squid-progress'

const NOW = 1_800_000_000_000
const MAX_AGE = 120_000

describe('squidProgress', () => {
    it('is behind by the recorded finalized head less what the squid indexed, hot blocks included', () => {
        expect(squidProgress({height: 900, hotHeight: null, head: {finalizedHeight: 1000, seenMs: NOW}}, NOW, MAX_AGE)).toEqual({
            indexedBlock: 900,
            headBlock: 1000,
        })
        expect(squidProgress({height: 998, hotHeight: 1001, head: {finalizedHeight: 999, seenMs: NOW}}, NOW, MAX_AGE)).toEqual({
            indexedBlock: 1001,
            headBlock: 1001,
        })
    })

    it('marks a head record older than the limit: its processor may have stopped', () => {
        const head = {finalizedHeight: 1000, seenMs: NOW - MAX_AGE}
        expect(squidProgress({height: 1000, hotHeight: null, head}, NOW, MAX_AGE)?.staleHead).toBeUndefined()
        expect(squidProgress({height: 1000, hotHeight: null, head}, NOW + 1, MAX_AGE)).toEqual({
            indexedBlock: 1000,
            headBlock: 1000,
            staleHead: {seenMs: NOW - MAX_AGE, ageMs: MAX_AGE + 1, maxAgeMs: MAX_AGE},
        })
    })

    it('without a head record, is at the head only once it writes hot blocks', () => {
        expect(squidProgress({height: 500, hotHeight: 503}, NOW, MAX_AGE)).toEqual({indexedBlock: 503, headBlock: 503})
        expect(squidProgress({height: 500, hotHeight: null}, NOW, MAX_AGE)).toBeUndefined()
    })

    it('is not known before the first commit', () => {
        const head = {finalizedHeight: 10, seenMs: NOW}
        expect(squidProgress({height: null, hotHeight: null, head}, NOW, MAX_AGE)).toBeUndefined()
        expect(squidProgress({height: -1, hotHeight: null, head}, NOW, MAX_AGE)).toBeUndefined()
    })
})
