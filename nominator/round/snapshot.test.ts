import {describe, expect, it} from 'vitest'
import {canonicalHash, canonicalJson} from './canonical'
import {inputHash, normalise, parseSnapshot, policyHash, serialiseSnapshot, SnapshotError, type RoundInput} from './snapshot'
import {syntheticRound} from '../synthetic-round'
import type {SelectionPolicy} from '../selection/select'

const POLICY: SelectionPolicy = {
    maxTargets: 16,
    balanceBuffer: {perbill: 2_000_000, minPlanck: 200_000_000_000n},
    caps: {perIdentityGroup: 2, perProvider: 40, perCountry: null},
    ampleBackingPlanck: 30_000_000n * 10n ** 10n,
}
const ROUND = syntheticRound({candidates: 50, accounts: 4, seed: 7, policy: POLICY})

/** The same object with every object's keys in reverse order. */
function reverseKeys(v: unknown): unknown {
    if (Array.isArray(v)) return v.map(reverseKeys)
    if (v !== null && typeof v === 'object')
        return Object.fromEntries(
            Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reverseKeys(x)]),
        )
    return v
}

describe('canonical JSON', () => {
    it('sorts keys, writes bigint as decimal strings, leaves out undefined', () => {
        expect(canonicalJson({b: 1n, a: [{d: null, c: 'x'}], u: undefined, n: 1.5})).toBe('{"a":[{"c":"x","d":null}],"b":"1","n":1.5}')
        expect(canonicalJson(2n ** 80n)).toBe('"1208925819614629174706176"')
    })

    it('refuses what has no canonical form, naming where', () => {
        expect(() => canonicalJson({a: [1, Number.POSITIVE_INFINITY]})).toThrow('$.a[1]: Infinity has no canonical form')
        expect(() => canonicalJson({m: new Map()})).toThrow('$.m: a Map has no canonical form')
        expect(() => canonicalJson({f: () => 1})).toThrow('$.f: a function has no canonical form')
        expect(() => canonicalJson({d: new Date(0)})).toThrow('$.d: a Date has no canonical form')
        expect(() => canonicalJson([1, undefined])).toThrow('$[1]: undefined has no canonical form in a list')
    })

    it('the hash is blake2-256 of the canonical bytes (values from Python hashlib.blake2b, digest_size=32)', () => {
        expect(canonicalHash({})).toBe('0xc09da522dac261c3d2566230bed10d2f3ef13f8e7654576c12e857e07f786098')
        expect(canonicalHash({n: 1.5, b: 1n, a: [{d: null, c: 'x'}]})).toBe(
            '0x42b290acbaa0a66925f80c3005d203b353152de473afaab88f292dc18120eaf1',
        )
    })
})

describe('round input snapshot', () => {
    it('the input hash is stable across key order', () => {
        const shuffled = reverseKeys(ROUND) as RoundInput
        expect(JSON.stringify(Object.keys(shuffled))).not.toBe(JSON.stringify(Object.keys(ROUND)))
        expect(inputHash(shuffled)).toBe(inputHash(ROUND))
        expect(serialiseSnapshot(shuffled)).toBe(serialiseSnapshot(ROUND))
    })

    it('the input hash does not depend on the order lists were read in', () => {
        const reordered: RoundInput = {
            ...ROUND,
            candidates: [...ROUND.candidates].reverse(),
            accounts: [...ROUND.accounts].reverse(),
            chain: {...ROUND.chain, electedExposuresPlanck: [...ROUND.chain.electedExposuresPlanck].reverse()},
        }
        expect(inputHash(reordered)).toBe(inputHash(ROUND))
    })

    it('any change of input changes the hash: a score, a bond, a cap, the chain state', () => {
        const h = inputHash(ROUND)
        const c0 = ROUND.candidates[0]
        expect(inputHash({...ROUND, candidates: [{...c0, scoreTotal: c0.scoreTotal + 0.01}, ...ROUND.candidates.slice(1)]})).not.toBe(h)
        expect(
            inputHash({
                ...ROUND,
                accounts: [{...ROUND.accounts[0], bondedPlanck: ROUND.accounts[0].bondedPlanck + 1n}, ...ROUND.accounts.slice(1)],
            }),
        ).not.toBe(h)
        expect(inputHash({...ROUND, policy: {...POLICY, caps: {...POLICY.caps, perCountry: 5}}})).not.toBe(h)
        expect(inputHash({...ROUND, chain: {...ROUND.chain, maxNominations: 24}})).not.toBe(h)
    })

    it('the policy hash covers the config part only', () => {
        expect(policyHash({policy: reverseKeys(POLICY) as SelectionPolicy})).toBe(policyHash(ROUND))
        expect(policyHash({...ROUND, candidates: []})).toBe(policyHash(ROUND))
        expect(policyHash({policy: {...POLICY, maxTargets: 12}})).not.toBe(policyHash(ROUND))
    })

    it('a stored snapshot reads back to the same input, bigint included', () => {
        const text = serialiseSnapshot(ROUND)
        const back = parseSnapshot(text)
        expect(back).toEqual(normalise(ROUND))
        expect(typeof back.accounts[0].bondedPlanck).toBe('bigint')
        expect(serialiseSnapshot(back)).toBe(text)
    })

    it('a damaged snapshot is refused, naming each bad path', () => {
        const json = JSON.parse(serialiseSnapshot(ROUND))
        json.accounts[1].bondedPlanck = 12
        json.policy.caps.perCountry = 0
        delete json.chain.blockHash
        const error = (() => {
            try {
                parseSnapshot(JSON.stringify(json))
            } catch (e) {
                return e
            }
        })() as SnapshotError
        expect(error).toBeInstanceOf(SnapshotError)
        expect(error.problems).toEqual([
            'chain.blockHash: Invalid input: expected string, received undefined',
            'accounts.1.bondedPlanck: Invalid input: expected string, received number',
            'policy.caps.perCountry: Too small: expected number to be >=1',
        ])
        expect(() => parseSnapshot('{')).toThrow('not JSON')
    })
})
