import {describe, expect, it} from 'vitest'
import type {CandidateFacts} from '../facts'
import {factsWith} from '../example-facts'
import {maxNodesPerIdentity} from './max-nodes-per-identity'

const T = {maxNodes: 2, maxSquidLagBlocks: 100}
const group =
    (...names: string[]) =>
    (f: CandidateFacts) => {
        f.identityGroup!.value.candidateNames = names
    }
const AT = '(Identity.root at block 4,999,000)'
const cases: [string, (f: CandidateFacts) => void, string, string][] = [
    ['valid: one node', () => {}, 'valid', `identity "Node Operator" has 1 node in the programme, within the programme's 2 ${AT}`],
    [
        'invalid: three nodes under one root',
        group('node-1', 'node-3', 'node-2'),
        'invalid',
        `identity "Node Operator" has 3 nodes in the programme (node-1, node-2, node-3), more than the programme's 2 ${AT}`,
    ],
    [
        'exactly at the threshold',
        group('node-1', 'node-2'),
        'valid',
        `identity "Node Operator" has 2 nodes in the programme, within the programme's 2 ${AT}`,
    ],
    [
        'data missing',
        f => {
            delete f.identityGroup
        },
        'unknown',
        'unknown: no identity group has been recorded (Identity.root)',
    ],
    [
        'data stale',
        f => {
            group('a', 'b', 'c')(f)
            f.pass.squid.people = {indexedBlock: 0, headBlock: 1000}
        },
        'unknown',
        'unknown: the people squid is 1,000 blocks behind the chain head (block 0 of 1,000, limit 100), so Identity.root may be out of date',
    ],
]

describe('maxNodesPerIdentity', () => {
    it.each(cases)('%s', (_name, change, status, sentence) => {
        const r = maxNodesPerIdentity(factsWith(change), T)
        expect([r.status, r.sentence]).toEqual([status, sentence])
    })
})
