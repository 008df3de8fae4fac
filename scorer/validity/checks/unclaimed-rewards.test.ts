import {describe, expect, it} from 'vitest'
import type {CandidateFacts} from '../facts'
import {factsWith} from '../example-facts'
import {unclaimedRewards} from './unclaimed-rewards'

// Active era 1,234; with maxEras 4 an era e is overdue when 1234 − e > 4, i.e. e ≤ 1229.
const T = {maxEras: 4, maxSquidLagBlocks: 100}
const unclaimed =
    (...eras: number[]) =>
    (f: CandidateFacts) => {
        f.unclaimedEras!.value = eras
    }
const AT = '(era 1,234, Payout at block 9,876,543)'
const cases: [string, (f: CandidateFacts) => void, string, string][] = [
    ['valid: all claimed', () => {}, 'valid', `no unclaimed payouts ${AT}`],
    [
        'invalid: eras 1,228 and 1,229 overdue',
        unclaimed(1233, 1229, 1228),
        'invalid',
        `payouts of eras 1,228, 1,229 are unclaimed more than the programme's 4 eras later ${AT}`,
    ],
    [
        'exactly at the threshold: era 1,230 is 4 eras old',
        unclaimed(1230, 1233),
        'valid',
        `payouts of eras 1,230, 1,233 are unclaimed, within the programme's 4 eras ${AT}`,
    ],
    [
        'data missing',
        f => {
            delete f.unclaimedEras
        },
        'unknown',
        'unknown: no payouts has been recorded (Payout)',
    ],
    [
        'data missing: no active era',
        f => {
            delete f.unclaimedEras!.era
        },
        'unknown',
        'unknown: no active era has been recorded (Era)',
    ],
    [
        'data stale',
        f => {
            unclaimed(1000)(f)
            f.pass.squid.assetHub = {indexedBlock: 0, headBlock: 101}
        },
        'unknown',
        'unknown: the assetHub squid is 101 blocks behind the chain head (block 0 of 101, limit 100), so Payout may be out of date',
    ],
]

describe('unclaimedRewards', () => {
    it.each(cases)('%s', (_name, change, status, sentence) => {
        const r = unclaimedRewards(factsWith(change), T)
        expect([r.status, r.sentence]).toEqual([status, sentence])
    })
})
