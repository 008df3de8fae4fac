/**
 * The facts adapter against rows the squid itself wrote: the devnet's current layout (relay, Asset Hub,
 * People) indexed by the three processors, then every devnet validator read as a candidate. The facts
 * equal the devnet's world (prefs, validate intention and BEEFY keys of elected and waiting validators, identities
 * and their groups), each
 * citing its table, layer and block; a pass over them gives the chain checks the world implies.
 */
import path from 'path'
import pg from 'pg'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {loadConfig} from '../../config/load'
import {pgClientConfig} from '../../db/connection'
import {applyMigrations} from '../../db/migrate'
import {startDevnet, type Devnet} from '../../devnet'
import {CHAIN_LAYERS} from '../../squid/chain-layer'
import {startProcessorChild} from '../../squid/processor-child'
import {recordHeadsAtIndexed} from '../../test/vitest/chain-heads'
import {useTestDatabase} from '../../test/vitest/database'
import type {CandidateList} from '../candidates/candidate'
import {syncCandidates} from '../candidates/candidate-sync'
import {runPass} from '../pass'
import {enabledChecks} from './checks'
import {readFacts, type PassRead} from './facts-store'
import {worldCandidateList} from './generated-world'

const db = useTestDatabase('scorer_devnet')
let devnet: Devnet
let pool: pg.Pool
let indexedTo: number
let read: PassRead
const VERIFYING = ['Reasonable', 'KnownGood']

beforeAll(async () => {
    // No finality lag: the world the devnet holds now is what the processors indexed.
    devnet = await startDevnet({scenario: 'current', seed: 11, port: 0, blockTimeMs: 0, finalityLagBlocks: 0})
    await devnet.produceBlocks(66)
    indexedTo = devnet.finalized().number
    await applyMigrations(db.settings)
    for (const layer of CHAIN_LAYERS) {
        const role = layer
        const endpoint = devnet.endpoints.find(e => e.role === role)!
        const run = startProcessorChild({layer, db: db.settings, rpcUrl: endpoint.httpUrl, toBlock: indexedTo})
        const code = await run.exited
        if (code !== 0) throw new Error(`${layer} processor exited with ${code}:\n${run.log().slice(-4000)}`)
    }
    pool = new pg.Pool(pgClientConfig(db.settings))
    const world = devnet.chain.world
    const list: CandidateList = worldCandidateList(
        [...world.validators.values()].map(v => ({name: v.nodeName, hex: v.stash})),
        'devnet',
    )
    const client = await pool.connect()
    await syncCandidates(client, list, 'devnet', Date.now())
    await recordHeadsAtIndexed(client)
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ')
    read = await readFacts(client, list.candidates, {
        nowMs: Date.now(),
        uptimeWindowMs: 7 * 86_400_000,
        slashEras: 84,
        maxSquidHeadAgeMs: 120_000,
    })
    await client.query('ROLLBACK')
    client.release()
}, 240_000)

afterAll(async () => {
    await pool?.end()
    await devnet?.stop()
})

const factsOf = (stashHex: string) => {
    const r = read.results.find(x => x.candidate.stashPublicKeyHex === stashHex)!
    if (!('facts' in r)) throw new Error(`${stashHex}: ${r.error}`)
    return r.facts
}

describe("facts read from the squid's rows of the devnet", () => {
    it("knows each layer's progress, the latest complete era and the session", async () => {
        expect(Object.keys(read.pass.squid).sort()).toEqual(['assetHub', 'people', 'relay'])
        const facts = devnet.facts()
        const completed = facts.eras.filter(e => e.index < facts.activeEra).map(e => e.index)
        expect(read.era).toBe(Math.max(...completed))
        expect(read.session).toBe((await pool.query('SELECT max(index) AS s FROM session')).rows[0].s)
        expect(read.results.every(r => 'facts' in r)).toBe(true)
    })

    it("prefs, validate intention and self-stake of every validator, elected or waiting, equal the world's, from Asset Hub rows with their block", async () => {
        const world = devnet.chain.world
        const elected = new Set(devnet.facts().eras.find(e => e.index === read.era! + 1)!.validators)
        let waiting = 0
        for (const v of world.validators.values()) {
            const f = factsOf(v.stash)
            // The era-end snapshot lists all of Staking.Validators: a waiting validator is known to validate.
            expect(f.validateIntention, v.nodeName).toMatchObject({value: v.active, layer: 'assetHub'})
            if (v.active && !elected.has(v.stash)) {
                waiting++
                expect(f.validateIntention, v.nodeName).toMatchObject({source: 'ValidatorIntention', era: read.era})
                expect(f.selfStake?.value.activePlanck, v.nodeName).toBeGreaterThan(0n)
            }
            if (!v.active && !f.prefs) continue
            expect(f.prefs?.value, v.nodeName).toEqual({commissionPerbill: v.commissionPerbill, blocked: v.blocked})
            expect(f.prefs).toMatchObject({layer: 'assetHub'})
            expect(f.prefs!.block).toBeLessThanOrEqual(indexedTo)
        }
        expect(waiting).toBeGreaterThan(0)
    })

    it("BEEFY keys of every validator, waiting ones too, equal the world's", () => {
        const world = devnet.chain.world
        for (const v of world.validators.values())
            expect(factsOf(v.stash).sessionKeys, v.nodeName).toMatchObject({
                source: 'SessionKeys',
                layer: 'relay',
                value: {beefyHex: v.sessionKeys.beefy},
            })
    })

    it("identities: own or the parent's judgements, and the group is the root's", () => {
        const world = devnet.chain.world
        let subs = 0
        for (const v of world.validators.values()) {
            const f = factsOf(v.stash)
            const parent = world.superOf.get(v.stash)
            const own = world.identities.get(v.stash)
            if (parent) {
                subs++
                expect(f.identity?.value).toMatchObject({
                    parent: {accountHex: parent[0], display: world.identities.get(parent[0])?.display ?? null},
                    subName: parent[1],
                })
                expect(f.identity!.value!.judgements).toEqual(world.identities.get(parent[0])!.judgements.map(j => j.judgement))
                expect(f.identityGroup?.value.rootHex).toBe(parent[0])
            } else if (own) {
                expect(f.identity?.value).toMatchObject({
                    display: own.display,
                    parent: null,
                    judgements: own.judgements.map(j => j.judgement),
                })
                expect(f.identityGroup?.value.rootHex).toBe(v.stash)
            } else {
                expect(f.identity?.value).toBeNull()
                expect(f.identityGroup?.value.rootHex).toBe(v.stash)
            }
            expect(f.identity).toMatchObject({source: 'Identity', layer: 'people'})
            const group = [...world.validators.values()].filter(
                w => (world.superOf.get(w.stash)?.[0] ?? w.stash) === f.identityGroup!.value.rootHex,
            )
            expect([...f.identityGroup!.value.candidateNames].sort()).toEqual(group.map(w => w.nodeName).sort())
        }
        expect(subs).toBeGreaterThan(0)
    })

    it('a pass gives the chain checks the world implies (telemetry was never connected: its checks are unknown)', async () => {
        const config = loadConfig(path.join(__dirname, '../../config/devnet.json'))
        await recordHeadsAtIndexed(pool)
        const s = await runPass(pool, {
            checks: enabledChecks(config),
            trigger: 'start',
            nowMs: Date.now(),
            keepLastKnownMs: 0,
            uptimeWindowMs: 7 * 86_400_000,
            slashEras: 84,
            maxSquidHeadAgeMs: config.validity.maxSquidHeadAgeMs,
        })
        expect(s.candidates).toBe(devnet.chain.world.validators.size)
        const rows = (await pool.query(`SELECT candidate_id, "check", status FROM validity_check`)).rows
        const status = (stash: string, check: string) => rows.find(r => r.candidate_id === stash && r.check === check)?.status
        const world = devnet.chain.world
        for (const v of world.validators.values()) {
            expect(status(v.stash, 'validateIntention'), v.nodeName).toBe(v.active ? 'valid' : 'invalid')
            expect(status(v.stash, 'beefy'), v.nodeName).toBe(v.sessionKeys.beefy.startsWith('0x62656566') ? 'invalid' : 'valid')
            if (!v.active) continue
            expect(status(v.stash, 'commission'), v.nodeName).toBe(
                v.commissionPerbill > config.validity.commission.maxPerbill ? 'invalid' : 'valid',
            )
            expect(status(v.stash, 'blocked'), v.nodeName).toBe(v.blocked ? 'invalid' : 'valid')
            const judgements = world.identities.get(world.superOf.get(v.stash)?.[0] ?? v.stash)?.judgements
            expect(status(v.stash, 'identity'), v.nodeName).toBe(
                !judgements ? 'invalid' : judgements.some(j => VERIFYING.includes(j.judgement)) ? 'valid' : 'invalid',
            )
            expect(status(v.stash, 'online'), v.nodeName).toBe('unknown')
        }
        expect([...world.validators.values()].some(v => !v.active)).toBe(true)
    })
})
