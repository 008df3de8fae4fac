import {describe, expect, it} from 'vitest'
import type {CandidateFacts} from '../facts'
import {factsWith} from '../example-facts'
import {blocked} from './blocked'

const T = {maxSquidLagBlocks: 100}
const cases: [string, (f: CandidateFacts) => void, string, string][] = [
    [
        'valid: open to nominations',
        () => {},
        'valid',
        'accepts nominations from anyone (era 1,234, ValidatorPreference at block 9,876,543)',
    ],
    [
        'invalid: blocked',
        f => {
            f.prefs!.value!.blocked = true
        },
        'invalid',
        'blocks nominations from other accounts, so the programme cannot nominate it (era 1,234, ValidatorPreference at block 9,876,543)',
    ],
    [
        'exactly at the threshold: squid lag equal to the limit is fresh',
        f => {
            f.prefs!.value!.blocked = true
            f.pass.squid.assetHub = {indexedBlock: 1000, headBlock: 1100}
        },
        'invalid',
        'blocks nominations from other accounts, so the programme cannot nominate it (era 1,234, ValidatorPreference at block 9,876,543)',
    ],
    [
        'data missing',
        f => {
            delete f.prefs
        },
        'unknown',
        'unknown: no validator preferences has been recorded (ValidatorPreference)',
    ],
    [
        'data stale',
        f => {
            f.prefs!.value!.blocked = true
            f.pass.squid.assetHub = {indexedBlock: 1000, headBlock: 1101}
        },
        'unknown',
        'unknown: the assetHub squid is 101 blocks behind the chain head (block 1,000 of 1,101, limit 100), so ValidatorPreference may be out of date',
    ],
]

describe('blocked', () => {
    it.each(cases)('%s', (_name, change, status, sentence) => {
        const r = blocked(factsWith(change), T)
        expect([r.status, r.sentence]).toEqual([status, sentence])
    })
})
