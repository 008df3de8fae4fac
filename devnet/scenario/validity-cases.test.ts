import {cryptoWaitReady} from '@polkadot/util-crypto'
import {beforeAll, describe, expect, it} from 'vitest'
import {devAccounts} from './dev-accounts'
import {scenarioByName} from './scenario-spec'
import {assignValidityCases, CASE_VALUES, VALIDITY_CASES} from './validity-cases'
import {genesisWorld, PLANCK_PER_DOT, type World} from './world'

beforeAll(async () => {
    await cryptoWaitReady()
})

const world = (scenario: string, seed: number): World => genesisWorld(scenarioByName(scenario), seed, devAccounts(0))
const DUMMY_BEEFY = '0x62656566'

describe('validity cases', () => {
    it('gives each case one candidate (the identity group two adjacent ones), drawn from the seed', () => {
        for (const seed of [1, 2, 11, 99]) {
            const cases = assignValidityCases(24, seed)
            expect([...cases.values()].sort()).toEqual([...VALIDITY_CASES, 'identityGroup'].sort())
            const group = [...cases].filter(([, c]) => c === 'identityGroup').map(([i]) => i)
            expect(group[1] - group[0]).toBe(1)
            expect([...cases.keys()].every(i => i >= 0 && i < 24)).toBe(true)
            expect(assignValidityCases(24, seed)).toEqual(cases)
        }
        expect(assignValidityCases(24, 1)).not.toEqual(assignValidityCases(24, 2))
        expect(() => assignValidityCases(9, 1)).toThrow('validity cases need at least 10 candidates, the scenario has 9')
    })

    it('in the current world: each case breaks its rule, every other candidate keeps every rule', () => {
        const w = world('current', 11)
        const candidates = [...w.validators.values()].filter(v => v.isCandidate)
        const rootOf = (stash: string) => w.superOf.get(stash)?.[0] ?? stash
        for (const v of candidates) {
            const c = v.validityCase
            const judgements = w.identities.get(rootOf(v.stash))!.judgements.map(j => j.judgement)
            const group = candidates.filter(x => rootOf(x.stash) === rootOf(v.stash))
            expect(v.commissionPerbill > CASE_VALUES.maxCommissionPerbill, v.nodeName).toBe(c === 'commission')
            expect(v.blocked, v.nodeName).toBe(c === 'blocked')
            expect(v.sessionKeys.beefy.startsWith(DUMMY_BEEFY), v.nodeName).toBe(c === 'beefy')
            expect(
                judgements.some(j => j === 'Reasonable' || j === 'KnownGood'),
                v.nodeName,
            ).toBe(c !== 'identity')
            expect(group.length, v.nodeName).toBe(c === 'identityGroup' ? 2 : 1)
            expect(v.nodeOfflineFromBlock !== undefined, v.nodeName).toBe(c === 'offline')
            expect(v.clientVersion, v.nodeName).toEqual(
                c === 'clientVersion' ? CASE_VALUES.oldVersion : expect.stringMatching(/^1\.1[56]\./),
            )
            expect(v.nodeIp?.startsWith(CASE_VALUES.blacklistedIpPrefix), v.nodeName).toBe(c === 'provider')
            expect(w.ledgers.get(v.stash)!.activePlanck, v.nodeName).toBeGreaterThanOrEqual(CASE_VALUES.minSelfStakeDot * PLANCK_PER_DOT)
            expect(w.randomEventsMay(v)).toBe(false)
        }
        // The group's two are an operator and its sub-identity.
        const group = candidates.filter(v => v.validityCase === 'identityGroup')
        expect(w.superOf.get(group[1].stash)?.[0]).toBe(group[0].stash)
        expect(world('current', 11).validators).toEqual(w.validators)
    })

    it('leaves the legacy and kusama-scale worlds as they were: no case, random events for every validator', () => {
        const w = world('legacy', 7)
        expect([...w.validators.values()].some(v => v.validityCase || v.nodeIp || v.nodeOfflineFromBlock)).toBe(false)
        expect([...w.validators.values()].every(v => w.randomEventsMay(v))).toBe(true)
        expect(scenarioByName('kusama-scale').validityCases).toBeUndefined()
        // Still the random world: some candidates break rules, some operators run several nodes.
        expect([...w.validators.values()].some(v => v.isCandidate && v.sessionKeys.beefy.startsWith(DUMMY_BEEFY))).toBe(true)
        expect(w.superOf.size).toBeGreaterThan(0)
    })
})
