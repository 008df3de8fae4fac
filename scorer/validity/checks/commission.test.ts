import {describe, expect, it} from 'vitest'
import type {CandidateFacts} from '../facts'
import {factsWith} from '../example-facts'
import {commission} from './commission'

const T = {maxPerbill: 50_000_000, maxSquidLagBlocks: 100}
const cases: [string, (f: CandidateFacts) => void, string, string][] = [
    ['valid: 3 %', () => {}, 'valid', "commission 3 % is within the programme's 5 % (era 1,234, ValidatorPreference at block 9,876,543)"],
    [
        'invalid: 7 %',
        f => {
            f.prefs!.value = {commissionPerbill: 70_000_000, blocked: false}
        },
        'invalid',
        "commission 7 % is above the programme's 5 % (era 1,234, ValidatorPreference at block 9,876,543)",
    ],
    [
        'exactly at the threshold: 5 % is allowed',
        f => {
            f.prefs!.value = {commissionPerbill: 50_000_000, blocked: false}
        },
        'valid',
        "commission 5 % is within the programme's 5 % (era 1,234, ValidatorPreference at block 9,876,543)",
    ],
    [
        'one perbill above',
        f => {
            f.prefs!.value = {commissionPerbill: 50_000_001, blocked: false}
        },
        'invalid',
        "commission 5.0000001 % is above the programme's 5 % (era 1,234, ValidatorPreference at block 9,876,543)",
    ],
    [
        'never set prefs',
        f => {
            f.prefs!.value = null
        },
        'unknown',
        'unknown: the stash has never set validator preferences (era 1,234, ValidatorPreference at block 9,876,543)',
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
        'data stale: the squid 101 blocks behind',
        f => {
            f.pass.squid.assetHub = {indexedBlock: 1000, headBlock: 1101}
        },
        'unknown',
        'unknown: the assetHub squid is 101 blocks behind the chain head (block 1,000 of 1,101, limit 100), so ValidatorPreference may be out of date',
    ],
    [
        "data stale: the squid's processor stopped recording the chain head",
        f => {
            f.pass.squid.assetHub = {indexedBlock: 1000, headBlock: 1000, staleHead: {seenMs: 0, ageMs: 300_000, maxAgeMs: 120_000}}
        },
        'unknown',
        "unknown: the assetHub squid's processor has not recorded the chain head for 5 min (limit 2 min), it may have stopped, so ValidatorPreference may be out of date",
    ],
    [
        "data stale: the squid's progress unknown",
        f => {
            delete f.pass.squid.assetHub
        },
        'unknown',
        "unknown: the assetHub squid's progress is not known, so ValidatorPreference may be out of date",
    ],
]

describe('commission', () => {
    it.each(cases)('%s', (_name, change, status, sentence) => {
        const r = commission(factsWith(change), T)
        expect([r.status, r.sentence]).toEqual([status, sentence])
        expect(r.check).toBe('commission')
    })

    it('evidence is data: source, block, era, observed and threshold', () => {
        const r = commission(
            factsWith(f => {
                f.prefs!.value = {commissionPerbill: 70_000_000, blocked: false}
            }),
            T,
        )
        expect(r.evidence).toEqual({
            source: 'ValidatorPreference',
            layer: 'assetHub',
            block: 9_876_543,
            era: 1234,
            code: 'above_max',
            observed: {commissionPerbill: 70_000_000},
            threshold: {maxPerbill: 50_000_000},
        })
    })
})
