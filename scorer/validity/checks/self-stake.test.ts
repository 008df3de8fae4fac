import {describe, expect, it} from 'vitest'
import type {CandidateFacts} from '../facts'
import {factsWith} from '../example-facts'
import {selfStake} from './self-stake'

const T = {minPlanck: 50_000_000_000_000n, token: {symbol: 'DOT', decimals: 10}, maxSquidLagBlocks: 100}
const cases: [string, (f: CandidateFacts) => void, string, string][] = [
    [
        'valid: 6,000 DOT',
        () => {},
        'valid',
        "self-stake 6,000 DOT is at least the programme's 5,000 DOT (era 1,234, Staking.Ledger at block 9,876,543)",
    ],
    [
        'invalid: 4,999.5 DOT',
        f => {
            f.selfStake!.value = {activePlanck: 49_995_000_000_000n}
        },
        'invalid',
        "self-stake 4,999.5 DOT is below the programme's 5,000 DOT (era 1,234, Staking.Ledger at block 9,876,543)",
    ],
    [
        'exactly at the threshold',
        f => {
            f.selfStake!.value = {activePlanck: 50_000_000_000_000n}
        },
        'valid',
        "self-stake 5,000 DOT is at least the programme's 5,000 DOT (era 1,234, Staking.Ledger at block 9,876,543)",
    ],
    [
        'one planck below',
        f => {
            f.selfStake!.value = {activePlanck: 49_999_999_999_999n}
        },
        'invalid',
        "self-stake 4,999.9999999999 DOT is below the programme's 5,000 DOT (era 1,234, Staking.Ledger at block 9,876,543)",
    ],
    [
        'not bonded',
        f => {
            f.selfStake!.value = null
        },
        'invalid',
        'the stash is not bonded; the programme needs 5,000 DOT of its own (era 1,234, Staking.Ledger at block 9,876,543)',
    ],
    [
        'skipSelfStake honoured, even with no data',
        f => {
            f.candidate.skipSelfStake = true
            delete f.selfStake
        },
        'valid',
        'exempt from the self-stake rule by the candidate list (skipSelfStake)',
    ],
    [
        'data missing',
        f => {
            delete f.selfStake
        },
        'unknown',
        'unknown: no staking ledger has been recorded (Staking.Ledger)',
    ],
    [
        'data stale',
        f => {
            f.selfStake!.value = null
            f.pass.squid.assetHub = {indexedBlock: 1000, headBlock: 1101}
        },
        'unknown',
        'unknown: the assetHub squid is 101 blocks behind the chain head (block 1,000 of 1,101, limit 100), so Staking.Ledger may be out of date',
    ],
]

describe('selfStake', () => {
    it.each(cases)('%s', (_name, change, status, sentence) => {
        const r = selfStake(factsWith(change), T)
        expect([r.status, r.sentence]).toEqual([status, sentence])
    })

    it('evidence holds planck as decimal strings (JSON has no bigint)', () => {
        expect(
            selfStake(
                factsWith(() => {}),
                T,
            ).evidence,
        ).toMatchObject({observed: {activePlanck: '60000000000000'}, threshold: {minPlanck: '50000000000000'}})
    })
})
