import {describe, expect, it} from 'vitest'
import type {CandidateFacts} from '../facts'
import {HOUR_MS, NOW_MS, factsWith} from '../example-facts'
import {kusamaRank} from './kusama-rank'

const T = {minRank: 100, maxAgeMs: HOUR_MS}
const KSM = 'HNZata7iMYWmk5RvZRTiAsSDhV8366zq2YGb3tLH5Upf74F'
const AT = '(Kusama /candidate at 2025-01-15 11:59 UTC)'
const rank =
    (r: number, valid: boolean | null = true) =>
    (f: CandidateFacts) => {
        f.kusamaRank!.value = {rank: r, valid}
    }
const cases: [string, (f: CandidateFacts) => void, string, string][] = [
    ['valid: rank 150', () => {}, 'valid', `its Kusama node ${KSM} has rank 150, at least the programme's 100 ${AT}`],
    ['invalid: rank 99', rank(99), 'invalid', `its Kusama node ${KSM} has rank 99, below the programme's 100 ${AT}`],
    ['exactly at the threshold', rank(100), 'valid', `its Kusama node ${KSM} has rank 100, at least the programme's 100 ${AT}`],
    [
        'invalid: the Kusama node is invalid there',
        rank(300, false),
        'invalid',
        `its Kusama node ${KSM} is invalid in the Kusama programme ${AT}`,
    ],
    [
        'invalid: no Kusama stash listed',
        f => {
            f.candidate.kusamaStash = null
        },
        'invalid',
        'no Kusama stash is listed for it; the programme needs a Kusama rank of at least 100',
    ],
    [
        'an HTTP error is unknown, never a silent valid',
        f => {
            f.kusamaRank!.value = {error: 'HTTP 502'}
        },
        'unknown',
        `unknown: the Kusama programme could not be asked about ${KSM}: HTTP 502 ${AT}`,
    ],
    [
        'data missing',
        f => {
            delete f.kusamaRank
        },
        'unknown',
        'unknown: no Kusama programme answer has been recorded (Kusama /candidate)',
    ],
    [
        'data stale: an answer 2 h old',
        f => {
            f.kusamaRank!.atMs = NOW_MS - 2 * HOUR_MS
            rank(1)(f)
        },
        'unknown',
        `unknown: the Kusama programme's answer for ${KSM} is 2 h old (limit 1 h) (Kusama /candidate at 2025-01-15 10:00 UTC)`,
    ],
]

describe('kusamaRank', () => {
    it.each(cases)('%s', (_name, change, status, sentence) => {
        const r = kusamaRank(factsWith(change), T)
        expect([r.status, r.sentence]).toEqual([status, sentence])
    })
})
