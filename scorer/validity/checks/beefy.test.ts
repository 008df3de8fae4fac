import {describe, expect, it} from 'vitest'
import type {CandidateFacts} from '../facts'
import {factsWith} from '../example-facts'
import {beefy} from './beefy'

const T = {maxSquidLagBlocks: 100}
const cases: [string, (f: CandidateFacts) => void, string, string][] = [
    ['valid: a real key', () => {}, 'valid', 'has a BEEFY key set (era 1,234, SessionKeys at block 24,999,000)'],
    [
        'invalid: the dummy "beef" key',
        f => {
            f.sessionKeys!.value = {beefyHex: '0x62656566' + '00'.repeat(29)}
        },
        'invalid',
        'its BEEFY key is the dummy 0x62656566… ("beef"); set real session keys (era 1,234, SessionKeys at block 24,999,000)',
    ],
    [
        'at the edge: a key that only starts like the dummy one',
        f => {
            f.sessionKeys!.value = {beefyHex: '0x626565' + '00'.repeat(30)}
        },
        'valid',
        'has a BEEFY key set (era 1,234, SessionKeys at block 24,999,000)',
    ],
    [
        'invalid: no session keys at all',
        f => {
            f.sessionKeys!.value = null
        },
        'invalid',
        'has no session keys set (call session.setKeys) (era 1,234, SessionKeys at block 24,999,000)',
    ],
    [
        "keys without a BEEFY field: the runtime's lack, unknown",
        f => {
            f.sessionKeys!.value = {beefyHex: null}
        },
        'unknown',
        'unknown: the indexed session keys have no BEEFY key (the runtime may not have one) (era 1,234, SessionKeys at block 24,999,000)',
    ],
    [
        'data missing',
        f => {
            delete f.sessionKeys
        },
        'unknown',
        'unknown: no session keys has been recorded (SessionKeys)',
    ],
    [
        'data stale: the relay squid behind',
        f => {
            f.pass.squid.relay = {indexedBlock: 1, headBlock: 500}
        },
        'unknown',
        'unknown: the relay squid is 499 blocks behind the chain head (block 1 of 500, limit 100), so SessionKeys may be out of date',
    ],
]

describe('beefy', () => {
    it.each(cases)('%s', (_name, change, status, sentence) => {
        const r = beefy(factsWith(change), T)
        expect([r.status, r.sentence]).toEqual([status, sentence])
    })
})
