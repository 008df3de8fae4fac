import {describe, expect, it} from 'vitest'
import type {CandidateFacts} from '../facts'
import {factsWith} from '../example-facts'
import {identity} from './identity'

const T = {requireVerified: true, maxSquidLagBlocks: 100}
const AT = '(Identity at block 4,999,000)'
const judged =
    (...j: string[]) =>
    (f: CandidateFacts) => {
        f.identity!.value!.judgements = j
    }
const sub =
    (...j: string[]) =>
    (f: CandidateFacts) => {
        f.identity!.value = {
            accountHex: '0xbb',
            display: null,
            parent: {accountHex: '0xcc', display: 'Parent Org'},
            subName: 'node-1',
            judgements: j,
        }
    }
const cases: [string, object, (f: CandidateFacts) => void, string, string][] = [
    ['valid: Reasonable', T, () => {}, 'valid', `identity "Node Operator" is verified by a registrar ${AT}`],
    [
        'valid: KnownGood among others',
        T,
        judged('FeePaid', 'KnownGood'),
        'valid',
        `identity "Node Operator" is verified by a registrar ${AT}`,
    ],
    [
        'invalid: no identity',
        T,
        f => {
            f.identity!.value = null
        },
        'invalid',
        `has no on-chain identity set ${AT}`,
    ],
    [
        'invalid: only FeePaid and LowQuality',
        T,
        judged('FeePaid', 'LowQuality'),
        'invalid',
        `identity "Node Operator" has no Reasonable or KnownGood judgement from a registrar (it has FeePaid, LowQuality) ${AT}`,
    ],
    [
        "a sub-identity inherits its parent's judgement",
        T,
        sub('Reasonable'),
        'valid',
        `identity "Parent Org/node-1" (a sub-identity: its parent's judgements count) is verified by a registrar ${AT}`,
    ],
    [
        'a sub-identity of an unverified parent',
        T,
        sub(),
        'invalid',
        `identity "Parent Org/node-1" (a sub-identity: its parent's judgements count) has no Reasonable or KnownGood judgement from a registrar ${AT}`,
    ],
    ['at the edge: verification not required', {...T, requireVerified: false}, judged(), 'valid', `identity "Node Operator" is set ${AT}`],
    [
        'data missing',
        T,
        f => {
            delete f.identity
        },
        'unknown',
        'unknown: no identity has been recorded (Identity)',
    ],
    [
        'data stale: the People squid behind',
        T,
        f => {
            f.identity!.value = null
            f.pass.squid.people = {indexedBlock: 10, headBlock: 200}
        },
        'unknown',
        'unknown: the people squid is 190 blocks behind the chain head (block 10 of 200, limit 100), so Identity may be out of date',
    ],
]

describe('identity', () => {
    it.each(cases)('%s', (_name, t, change, status, sentence) => {
        const r = identity(factsWith(change), t as typeof T)
        expect([r.status, r.sentence]).toEqual([status, sentence])
    })
})
