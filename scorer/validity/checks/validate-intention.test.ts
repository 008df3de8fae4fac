import {describe, expect, it} from 'vitest'
import type {CandidateFacts} from '../facts'
import {factsWith} from '../example-facts'
import {validateIntention} from './validate-intention'

const T = {maxSquidLagBlocks: 100}
const cases: [string, (f: CandidateFacts) => void, string, string][] = [
    [
        'valid: in Validators',
        () => {},
        'valid',
        'intends to validate: the stash is in the validator list (era 1,234, Staking.Validators at block 9,876,543)',
    ],
    [
        'invalid: not in Validators',
        f => {
            f.validateIntention!.value = false
        },
        'invalid',
        'does not intend to validate: the stash is not in the validator list (call staking.validate) (era 1,234, Staking.Validators at block 9,876,543)',
    ],
    [
        'exactly at the threshold: lag 100 of 100 is fresh',
        f => {
            f.pass.squid.assetHub = {indexedBlock: 1000, headBlock: 1100}
        },
        'valid',
        'intends to validate: the stash is in the validator list (era 1,234, Staking.Validators at block 9,876,543)',
    ],
    [
        "data missing (no list read: not 1KV's silent valid)",
        f => {
            delete f.validateIntention
        },
        'unknown',
        'unknown: no validator list has been recorded (Staking.Validators)',
    ],
    [
        'data stale',
        f => {
            f.validateIntention!.value = false
            f.pass.squid.assetHub = {indexedBlock: 1000, headBlock: 5000}
        },
        'unknown',
        'unknown: the assetHub squid is 4,000 blocks behind the chain head (block 1,000 of 5,000, limit 100), so Staking.Validators may be out of date',
    ],
]

describe('validateIntention', () => {
    it.each(cases)('%s', (_name, change, status, sentence) => {
        const r = validateIntention(factsWith(change), T)
        expect([r.status, r.sentence]).toEqual([status, sentence])
    })
})
