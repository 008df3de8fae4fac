/**
 * CandidateData against what the strict old clients require, as the survey of its real clients lists them:
 * subvt's serde (fields present, non-null, right number kind), onet and metaspan (validity an array with
 * `_id`), the Kusama-rank check (`invalidityReasons` truthy ⇒ invalid), and the old units.
 */
import Ajv from 'ajv'
import {describe, expect, it} from 'vitest'
import {COMPONENT_NAMES, type ComponentScore} from '../scorer/score/components'
import type {CandidateScore} from '../scorer/score/score'
import {candidateData, type CandidateDataInput} from './candidate-data'
import {candidateDataSchema} from './candidate-data-schema'

const STASH = 'HNZata7iMYWmk5RvZRTiAsSDhV8366zq2YGb3tLH5Upf74F'
const KSM_STASH = 'FFdDXFK1VKG6QkAVZcqn2TDDMXxnXt8gfxT8tRDnmYTfAFK'

function input(over: Partial<CandidateDataInput> = {}): CandidateDataInput {
    return {
        candidate: {slotId: 7, name: 'node-7', stash: STASH, kusamaStash: null, kyc: true, riotHandles: ['@op:matrix.org']},
        tokenDecimals: 10,
        verdict: 'valid',
        checkedAtMs: 1_767_225_600_000,
        checks: [
            {check: 'online', status: 'valid', sentence: 'online on telemetry', sinceMs: 1_767_000_000_000},
            {check: 'commission', status: 'valid', sentence: 'commission 5 % is at most 5 %', sinceMs: 1_767_000_000_000},
        ],
        identity: null,
        node: null,
        location: null,
        chain: {commissionPerbill: 50_000_000, bondedPlanck: 12_345_000_000_000n, active: true, rewardDestination: 'Staked'},
        programme: {rank: 12, faults: 1, inclusion: 11 / 84, spanInclusion: 0.5, nominatedAtEra: 1_500, unclaimedEras: []},
        score: null,
        nominations: {
            totalStakePlanck: 20_000_000_000_000n,
            inactiveStakePlanck: 5_000_000_000n,
            activeNominators: 3,
            inactiveNominators: 1,
        },
        ...over,
    }
}

function scored(): CandidateDataInput['score'] {
    const components = Object.fromEntries(
        COMPONENT_NAMES.map((n, i): [string, ComponentScore] => [
            n,
            {
                raw: 1n,
                condition: null,
                normalisedPerbill: 500_000_000,
                scorePerbill: 500_000_000,
                weightedNanopoints: BigInt(i + 1) * 1_500_000_000n,
            },
        ]),
    ) as CandidateScore['components']
    const score: CandidateScore = {
        era: 1_500,
        stash: STASH,
        components,
        aggregateNanopoints: 157_500_000_000n,
        randomSeedHex: '0x00',
        randomPerbill: 100_000_000,
        totalNanopoints: 173_250_000_000n,
    }
    return {score, updatedMs: 1_767_225_600_000, session: 9_000}
}

const ajv = new Ajv({allErrors: true})
const validate = ajv.compile(candidateDataSchema)
function expectSchema(data: unknown) {
    const ok = validate(data)
    expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([])
    expect(ok).toBe(true)
}

describe('CandidateData for the strict clients', () => {
    it('sends kusamaStash as "" when a candidate has none (subvt fails on a missing or null one on Kusama)', () => {
        const d = candidateData(input())
        expect(d.kusamaStash).toBe('')
        expect(candidateData(input({candidate: {...input().candidate, kusamaStash: KSM_STASH}})).kusamaStash).toBe(KSM_STASH)
        expectSchema(d)
    })

    it('always sends validity as an array (onet and metaspan need one), each item with _id, valid, type, details (a string) and updated (ms)', () => {
        expect(candidateData(input({checks: []})).validity).toEqual([])
        const d = candidateData(
            input({
                verdict: 'invalid',
                checks: [
                    {check: 'online', status: 'valid', sentence: 'online on telemetry', sinceMs: 1},
                    {check: 'commission', status: 'invalid', sentence: 'commission 10 % is above the maximum 5 %', sinceMs: 2},
                    {check: 'identity', status: 'unknown', sentence: 'unknown: no identity has been recorded (Identity)', sinceMs: 3},
                ],
            }),
        )
        expect(d.validity).toEqual([
            {_id: `${STASH}:online`, valid: true, type: 'ONLINE', details: '', updated: 1_767_225_600_000},
            {
                _id: `${STASH}:commission`,
                valid: false,
                type: 'COMMISION',
                details: 'commission 10 % is above the maximum 5 %',
                updated: 1_767_225_600_000,
            },
            {
                _id: `${STASH}:identity`,
                valid: false,
                type: 'IDENTITY',
                details: 'unknown: no identity has been recorded (Identity)',
                updated: 1_767_225_600_000,
            },
        ])
        expect(d.valid).toBe(false)
        expectSchema(d)
    })

    it('gives invalidityReasons "" for a valid candidate and the sentences for an invalid one (the Kusama-rank check reads it as truthy ⇒ invalid)', () => {
        expect(candidateData(input()).invalidityReasons).toBe('')
        const d = candidateData(
            input({verdict: 'invalid', checks: [{check: 'online', status: 'invalid', sentence: 'offline for 2 days', sinceMs: 5}]}),
        )
        expect(d.invalidityReasons).toBe('offline for 2 days')
        expect(d.valid).toBe(false)
    })

    it('uses the check time as updated, or the flip time before the first pass time is known', () => {
        const d = candidateData(input({checkedAtMs: null}))
        expect(d.validity.map(v => v.updated)).toEqual([1_767_000_000_000, 1_767_000_000_000])
    })

    it('sends an identity object with string _id and name even without an on-chain identity (subvt and r-candidates read them unguarded)', () => {
        const none = candidateData(input()).identity
        expect(none).toMatchObject({_id: STASH, name: '', address: STASH, verified: false, subIdentities: [], judgements: []})
        const d = candidateData(
            input({
                identity: {
                    address: KSM_STASH,
                    display: 'OPERATOR',
                    verified: true,
                    legal: null,
                    email: 'op@example.org',
                    web: null,
                    twitter: null,
                    matrix: '@op:matrix.org',
                    judgements: ['Reasonable'],
                    subIdentities: [{address: STASH, name: 'node-7'}],
                },
            }),
        )
        expect(d.identity).toEqual({
            _id: KSM_STASH,
            name: 'OPERATOR',
            address: KSM_STASH,
            verified: true,
            subIdentities: [{_id: STASH, name: 'node-7', address: STASH}],
            display: 'OPERATOR',
            email: 'op@example.org',
            judgements: ['Reasonable'],
            legal: '',
            riot: '@op:matrix.org',
            twitter: '',
            web: '',
        })
        expectSchema(d)
    })

    it('sends every score field as a non-null number, zeros before the first score (subvt f64; metaspan-exporter runs Object.keys(score))', () => {
        const before = candidateData(input()).score
        for (const [k, v] of Object.entries(before)) if (k !== 'address') expect(Number.isFinite(v), k).toBe(true)
        expect(before).toMatchObject({updated: 0, session: 0, total: 0, aggregate: 0, randomness: 1, unclaimed: 0, address: STASH})
        const d = candidateData(input({score: scored()}))
        // weightedNanopoints (i + 1) × 1.5e9 → (i + 1) × 1.5 points, in COMPONENT_NAMES order.
        expect(d.score.inclusion).toBe(1.5)
        expect(d.score.client).toBe(COMPONENT_NAMES.length * 1.5)
        expect(d.score).toMatchObject({updated: 1_767_225_600_000, session: 9_000, aggregate: 157.5, total: 173.25, randomness: 1.1})
        expect(d.total).toBe(173.25)
        expectSchema(d)
    })

    it('keeps the old units: commission in percent (a float, 1 perbill → 1e-7), bonded and nomination stakes in tokens', () => {
        const d = candidateData(input())
        expect(d.commission).toBe(5)
        expect(candidateData(input({chain: {...input().chain, commissionPerbill: 1}})).commission).toBe(1e-7)
        expect(candidateData(input({chain: {...input().chain, commissionPerbill: null}})).commission).toBeNull()
        expect(d.bonded).toBe(1234.5)
        expect(d.nominations).toEqual({totalStake: 2000, inactiveStake: 0.5, activeNominators: 3, inactiveNominators: 1})
    })

    it('sends times as integer ms (offlineAccumulated may be negative, as subvt i64 allows), nominatedAt as an era index', () => {
        const d = candidateData(
            input({
                node: {
                    discoveredAtMs: 1_700_000_000_123,
                    offlineSinceMs: 0,
                    offlineAccumulatedMs: -5,
                    version: '1.16.2',
                    implementation: 'Parity Polkadot',
                },
            }),
        )
        expect(d).toMatchObject({
            discoveredAt: 1_700_000_000_123,
            offlineSince: 0,
            offlineAccumulated: -5,
            nominatedAt: 1_500,
            version: '1.16.2',
            implementation: 'Parity Polkadot',
        })
        for (const k of ['discoveredAt', 'offlineSince', 'offlineAccumulated', 'nominatedAt', 'rank', 'faults'] as const)
            expect(Number.isInteger(d[k]), k).toBe(true)
        expectSchema(d)
        expect(candidateData(input())).toMatchObject({discoveredAt: 0, offlineSince: 0, offlineAccumulated: 0, version: null})
    })

    it('sends location, region, country and provider from the location, and nothing else about the node (no IP field)', () => {
        const d = candidateData(input({location: {city: 'Zurich', region: null, country: 'CH', provider: 'Init7'}}))
        expect(d).toMatchObject({location: 'Zurich', region: null, country: 'CH', provider: 'Init7'})
        // additionalProperties: false in the schema: a field not in the contract fails.
        expectSchema(d)
        expectSchema(candidateData(input({location: null})))
    })
})
