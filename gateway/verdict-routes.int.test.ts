/**
 * The routes that depend on verdicts and node locations, over the scorer's generated world (squid and
 * telemetry rows as the squid and the follower write them) after a real validity pass: valid and invalid
 * lists, the old invalidityReasons and validity items, a check's evidence and flip, and the valid
 * candidates' location statistics, each response validated with the served OpenAPI document.
 */
import {createLogger} from '@subsquid/logger'
import type {FastifyInstance} from 'fastify'
import path from 'node:path'
import pg from 'pg'
import {Registry} from 'prom-client'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {loadConfig} from '../config/load'
import {pgClientConfig} from '../db/connection'
import {applyMigrations} from '../db/migrate'
import {syncCandidates} from '../scorer/candidates/candidate-sync'
import {runPass, validityOptions} from '../scorer/pass'
import {enabledChecks} from '../scorer/validity/checks'
import {
    DUMMY_BEEFY,
    generatedValidator,
    stashOf,
    WORLD_CHAIN,
    worldCandidateList,
    writeWorld,
    type WorldValidator,
} from '../scorer/validity/generated-world'
import {useTestDatabase} from '../test/vitest/database'
import {GatewayClient} from '../test/vitest/gateway-client'
import {buildGateway} from './gateway'

const db = useTestDatabase('gateway_verdicts')
const config = loadConfig(path.join(__dirname, '../config/devnet.json'))
const NOW_MS = Date.UTC(2026, 0, 15, 12)
const v = (n: number, extra: Partial<WorldValidator>): WorldValidator => ({...generatedValidator(n), ...extra})
const VALIDATORS: WorldValidator[] = [
    v(1, {node: {online: true, country: 'CH', provider: 'Init7'}}),
    v(2, {commissionPerbill: 100_000_000}),
    v(3, {beefy: DUMMY_BEEFY, node: {online: true, country: 'FR', provider: 'OVH SAS'}}),
    v(4, {node: {online: true, country: 'DE', provider: 'Init7'}}),
]
const [VALID_1, COMMISSION, BEEFY, VALID_4] = VALIDATORS.map(x => stashOf(x.hex))

let pool: pg.Pool
let app: FastifyInstance
let client: GatewayClient

beforeAll(async () => {
    await applyMigrations(db.settings)
    pool = new pg.Pool({...pgClientConfig(db.settings), max: 4})
    const c = await pool.connect()
    try {
        await writeWorld(c, {nowMs: NOW_MS, eras: 84, validators: VALIDATORS, chain: WORLD_CHAIN})
        await syncCandidates(c, worldCandidateList(VALIDATORS), 'world.json', NOW_MS)
    } finally {
        c.release()
    }
    await runPass(pool, {
        checks: enabledChecks(config),
        trigger: 'start',
        nowMs: NOW_MS,
        ...validityOptions(config.validity),
        telemetryChain: WORLD_CHAIN,
    })
    app = await buildGateway({
        settings: {
            network: 'polkadot',
            ss58Prefix: 0,
            tokenDecimals: 10,
            maxPageSize: 100,
            eraWindow: 84,
            spanInclusionEras: 28,
            proxyDelayBlocks: 10850,
            scoreWeights: config.score.weights,
            bannedProviders: config.validity.provider.blacklisted,
            roundEveryEras: config.nominator.roundEveryEras,
            fromBlocks: {},
            candidateHexes: new Set(),
            version: 'test',
            startedAtMs: 0,
            cacheTtlMs: 0,
        },
        pool,
        metrics: new Registry(),
        log: createLogger('test:gateway:verdicts'),
    })
    client = new GatewayClient(await app.listen({port: 0, host: '127.0.0.1'}))
})

afterAll(async () => {
    await app?.close()
    await pool?.end()
})

describe('verdict routes over a validity pass of the generated world', () => {
    it('/candidates/valid and /candidates/invalid split the candidates by the pass’s verdicts', async () => {
        const valid = await client.getValid('/candidates/valid', '/candidates/valid')
        expect(valid.body.map((c: any) => c.stash).sort()).toEqual([VALID_1, VALID_4].sort())
        for (const c of valid.body) {
            expect(c).toMatchObject({valid: true, verdict: 'valid', invalidityReasons: ''})
            expect(c.validity.every((k: any) => k.valid && k.details === '')).toBe(true)
        }
        const invalid = await client.getValid('/candidates/invalid', '/candidates/invalid')
        expect(invalid.body.map((c: any) => c.stash).sort()).toEqual([COMMISSION, BEEFY].sort())
        const byStash = Object.fromEntries(invalid.body.map((c: any) => [c.stash, c]))
        expect(byStash[COMMISSION].verdict).toBe('invalid')
        const failed = (c: any) => c.validity.filter((k: any) => !k.valid).map((k: any) => k.type)
        expect(failed(byStash[COMMISSION])).toEqual(['COMMISION'])
        expect(failed(byStash[BEEFY])).toEqual(['BEEFY'])
        const [commission] = (
            await pool.query(
                `SELECT v.sentence FROM validity_check v JOIN candidate c ON c.id = v.candidate_id WHERE c.stash = $1 AND v."check" = 'commission'`,
                [COMMISSION],
            )
        ).rows
        expect(byStash[COMMISSION].invalidityReasons).toBe(commission.sentence)
    })

    it('/candidate/:stash/validity gives the failing check’s evidence and its first result as a flip', async () => {
        const r = await client.getValid('/candidate/{stash}/validity', `/candidate/${COMMISSION}/validity`)
        expect(r.body).toMatchObject({verdict: 'invalid', invalidChecks: ['commission'], unknownChecks: [], checkedAt: NOW_MS})
        const check = r.body.checks.find((k: any) => k.check === 'commission')
        expect(check).toMatchObject({
            type: 'COMMISION',
            status: 'invalid',
            since: NOW_MS,
            pending: null,
            evidence: {code: 'above_max', observed: {commissionPerbill: 100_000_000}, threshold: {maxPerbill: 50_000_000}},
        })
        expect(r.body.changes.find((c: any) => c.check === 'commission')).toMatchObject({from: null, to: 'invalid', at: NOW_MS})
    })

    it('/locationstats/valid counts only the valid candidates’ nodes', async () => {
        const r = await client.getValid('/locationstats/valid', '/locationstats/valid')
        expect(r.body).toMatchObject({
            totalNodes: 2,
            // Each item's score: one count per category, so each is both min and max and earns the whole weight.
            countries: [
                {_id: 'country:CH', name: 'CH', numberOfNodes: 1, score: config.score.weights.country},
                {_id: 'country:DE', name: 'DE', numberOfNodes: 1, score: config.score.weights.country},
            ],
            providers: [{_id: 'provider:Init7', name: 'Init7', numberOfNodes: 2, score: config.score.weights.provider}],
        })
        const all = await client.getValid('/locationstats', '/locationstats')
        expect(all.body.totalNodes).toBe(4)
    })
})
