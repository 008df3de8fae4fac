/**
 * The Kusama-rank check end to end with two instances of this backend: a "Kusama" database with its own
 * candidates, validity pass and rank events, served by a running gateway (Kusama addresses); and a "Polkadot"
 * database whose candidates name Kusama stashes, checked by a validity pass that reads `/candidate/:stash`
 * from that gateway over HTTP. No answer, a 404 or a server that never answers is unknown with the reason.
 */
import {encodeAddress} from '@polkadot/util-crypto'
import {createLogger} from '@subsquid/logger'
import type {FastifyInstance} from 'fastify'
import net from 'node:net'
import path from 'node:path'
import pg from 'pg'
import {Registry} from 'prom-client'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {loadConfig} from '../../config/load'
import {pgClientConfig} from '../../db/connection'
import {applyMigrations} from '../../db/migrate'
import {buildGateway} from '../../gateway/gateway'
import {useTestDatabase} from '../../test/vitest/database'
import {modelDataSource} from '../../test/vitest/model-data-source'
import type {Candidate} from '../candidates/candidate'
import {syncCandidates} from '../candidates/candidate-sync'
import {runPass, type PassOptions, validityOptions} from '../pass'
import {readIdentityGroups, updateActiveEraRanks} from '../rank/rank-store'
import {enabledChecks} from './checks'
import {generatedValidator, WORLD_CHAIN, worldCandidateList, writeWorld, type WorldValidator} from './generated-world'
import {fetchKusamaRanks} from './kusama-rank-source'

const kusamaDb = useTestDatabase('kusama_instance')
const polkadotDb = useTestDatabase('polkadot_instance')
const config = loadConfig(path.join(__dirname, '../../config/devnet.json'))
const NOW_MS = Date.UTC(2026, 0, 15, 12)
const ERAS = 84
/** On Kusama: node-1 valid, node-2 invalid (its commission). */
const KUSAMA_VALIDATORS: WorldValidator[] = [{...generatedValidator(1)}, {...generatedValidator(2), commissionPerbill: 100_000_000}]
const ksm = (hex: string) => encodeAddress(hex, 2)
const STRANGER = '0x' + '5a'.repeat(32)
/** Listed on Kusama after its pass: no verdict yet. */
const LATE_KUSAMA_CANDIDATE = generatedValidator(3)
/** The node IP the generated world's telemetry locations have. */
const WORLD_IP = '203.0.113.7'

let kusamaPool: pg.Pool
let polkadotPool: pg.Pool
let kusamaGateway: FastifyInstance
let kusamaUrl = ''

const polkadotCandidate = (n: number, kusamaStash: string | null): Candidate => {
    const hex = '0x' + (0x70 + n).toString(16).repeat(32)
    return {
        slotId: n,
        name: `dot-${n}`,
        stash: encodeAddress(hex, 0),
        stashPublicKeyHex: hex,
        kusamaStash,
        kusamaStashPublicKeyHex: null,
        riotHandles: [],
        kyc: false,
        skipSelfStake: false,
        status: null,
    }
}
const POLKADOT_CANDIDATES = [
    polkadotCandidate(1, ksm(KUSAMA_VALIDATORS[0].hex)),
    polkadotCandidate(2, ksm(KUSAMA_VALIDATORS[1].hex)),
    polkadotCandidate(3, ksm(STRANGER)),
    polkadotCandidate(4, null),
    polkadotCandidate(5, ksm(LATE_KUSAMA_CANDIDATE.hex)),
]

const kusamaRankChecks = (minRank: number) =>
    enabledChecks({
        ...config,
        validity: {...config.validity, kusamaRank: {skip: false, minRank, url: 'unused', maxAgeMs: 3_600_000}},
    }).filter(c => c.name === 'kusamaRank')

const passOptions = (minRank: number, url: string): PassOptions => ({
    checks: kusamaRankChecks(minRank),
    trigger: 'schedule',
    nowMs: Date.now(),
    ...validityOptions(config.validity),
    kusamaRanks: stashes => fetchKusamaRanks(stashes, {url, timeoutMs: 5_000, concurrency: 2}),
})

async function kusamaRankRows() {
    const rows = (
        await polkadotPool.query(
            `SELECT c.name, v.status, v.sentence, v.evidence FROM validity_check v JOIN candidate c ON c.id = v.candidate_id
             WHERE v."check" = 'kusamaRank' ORDER BY c.name`,
        )
    ).rows
    return Object.fromEntries(rows.map(r => [r.name as string, r])) as Record<string, any>
}

beforeAll(async () => {
    // The Kusama instance: its world, its candidates, a validity pass and the rank events of its eras.
    await applyMigrations(kusamaDb.settings)
    kusamaPool = new pg.Pool({...pgClientConfig(kusamaDb.settings), max: 4})
    const c = await kusamaPool.connect()
    try {
        await writeWorld(c, {nowMs: NOW_MS, eras: ERAS, validators: KUSAMA_VALIDATORS, chain: WORLD_CHAIN})
        await syncCandidates(c, worldCandidateList(KUSAMA_VALIDATORS), 'kusama.json', NOW_MS)
    } finally {
        c.release()
    }
    await runPass(kusamaPool, {
        checks: enabledChecks(config),
        trigger: 'start',
        nowMs: NOW_MS,
        ...validityOptions(config.validity),
        telemetryChain: WORLD_CHAIN,
    })
    // A candidate listed after the pass: no verdict yet.
    const late = await kusamaPool.connect()
    try {
        await syncCandidates(late, worldCandidateList([...KUSAMA_VALIDATORS, LATE_KUSAMA_CANDIDATE]), 'kusama.json', NOW_MS + 1)
    } finally {
        late.release()
    }
    const ds = modelDataSource(kusamaDb.settings)
    await ds.initialize()
    try {
        await updateActiveEraRanks(ds.manager, ERAS, await readIdentityGroups(ds.manager))
    } finally {
        await ds.destroy()
    }
    kusamaGateway = await buildGateway({
        settings: {
            network: 'kusama',
            ss58Prefix: 2,
            tokenDecimals: 12,
            maxPageSize: 100,
            eraWindow: ERAS,
            spanInclusionEras: 28,
            proxyDelayBlocks: 10850,
            scoreWeights: config.score.weights,
            bannedProviders: config.validity.provider.blacklisted,
            roundEveryEras: config.nominator.roundEveryEras,
            fromBlocks: {},
            candidateHexes: new Set(),
            version: 'kusama-test',
            startedAtMs: 0,
            cacheTtlMs: 0,
        },
        pool: kusamaPool,
        metrics: new Registry(),
        log: createLogger('test:gateway:kusama'),
    })
    kusamaUrl = await kusamaGateway.listen({port: 0, host: '127.0.0.1'})

    // The Polkadot instance: candidates naming Kusama stashes, nothing else.
    await applyMigrations(polkadotDb.settings)
    polkadotPool = new pg.Pool({...pgClientConfig(polkadotDb.settings), max: 4})
    const p = await polkadotPool.connect()
    try {
        await syncCandidates(p, {file: 'polkadot.json', candidates: POLKADOT_CANDIDATES, problems: []}, 'polkadot.json', NOW_MS)
    } finally {
        p.release()
    }
}, 120_000)

afterAll(async () => {
    await kusamaGateway?.close()
    await kusamaPool?.end()
    await polkadotPool?.end()
})

describe('the Kusama-rank check against a second running gateway', () => {
    it('the Kusama instance ranks and judges its candidates (what the check will read)', async () => {
        const [one, two] = await Promise.all(
            KUSAMA_VALIDATORS.map(v => fetch(`${kusamaUrl}/candidate/${ksm(v.hex)}`).then(r => r.json() as Promise<any>)),
        )
        expect([one.rank, one.valid]).toEqual([ERAS, true])
        expect([two.rank, two.valid]).toEqual([ERAS, false])
    })

    it('reads rank and verdict over HTTP: valid at or above minRank, invalid when invalid on Kusama, unknown for a 404 or no Kusama verdict', async () => {
        await runPass(polkadotPool, passOptions(ERAS, kusamaUrl))
        const rows = await kusamaRankRows()
        expect(Object.fromEntries(Object.entries(rows).map(([name, r]) => [name, [r.status, r.evidence.code]]))).toEqual({
            'dot-1': ['valid', 'enough'],
            'dot-2': ['invalid', 'kusama_invalid'],
            'dot-3': ['unknown', 'error'],
            'dot-4': ['invalid', 'no_kusama_stash'],
            'dot-5': ['unknown', 'error'],
        })
        expect(rows['dot-5'].sentence).toContain(': the Kusama programme has not checked it yet')
        expect(rows['dot-1'].evidence).toMatchObject({
            source: 'Kusama /candidate',
            observed: {kusamaStash: ksm(KUSAMA_VALIDATORS[0].hex), rank: ERAS, kusamaValid: true},
            threshold: {minRank: ERAS},
        })
        expect(rows['dot-3'].sentence).toContain(
            `unknown: the Kusama programme could not be asked about ${ksm(STRANGER)}: the Kusama programme has no such candidate (HTTP 404)`,
        )
    })

    it('turns a rank below minRank invalid once the threshold is above it', async () => {
        // The check's hysteresis (devnet config) decides when the flip is held; the pending result shows it at once.
        await runPass(polkadotPool, passOptions(ERAS + 1, kusamaUrl))
        const r = (
            await polkadotPool.query(
                `SELECT v.status, v.pending_status, v.pending_evidence, v.evidence FROM validity_check v JOIN candidate c ON c.id = v.candidate_id
                 WHERE c.name = 'dot-1' AND v."check" = 'kusamaRank'`,
            )
        ).rows[0]
        const now = r.pending_status ? {status: r.pending_status, code: r.pending_evidence.code} : {status: r.status, code: r.evidence.code}
        expect(now).toEqual({status: 'invalid', code: 'below_min'})
    })
})

describe('what the Kusama instance serves of its checks', () => {
    it('never a node IP, though the provider check recorded it in its evidence', async () => {
        const stored = (await kusamaPool.query(`SELECT evidence FROM validity_check WHERE "check" = 'provider'`)).rows
        expect(stored.some(r => JSON.stringify(r.evidence).includes(WORLD_IP))).toBe(true)
        const stash = ksm(KUSAMA_VALIDATORS[0].hex)
        for (const route of ['/candidates', `/candidate/${stash}`, `/candidate/${stash}/validity`]) {
            const text = await (await fetch(kusamaUrl + route)).text()
            expect(text, route).toContain('provider')
            expect(text, route).not.toContain(WORLD_IP)
        }
        const validity = (await (await fetch(`${kusamaUrl}/candidate/${stash}/validity`)).json()) as any
        expect(validity.checks.find((k: any) => k.check === 'provider').evidence.observed).toEqual({provider: 'OVH SAS'})
    })
})

describe('fetchKusamaRanks when the Kusama instance cannot answer', () => {
    it('gives an error fact, never a rank, for a refused connection and for a server that never answers', async () => {
        // A port just freed: nothing listens on it.
        const closed = net.createServer()
        await new Promise<void>(resolve => closed.listen(0, '127.0.0.1', resolve))
        const closedPort = (closed.address() as net.AddressInfo).port
        await new Promise(resolve => closed.close(resolve))
        const refused = await fetchKusamaRanks([ksm(STRANGER)], {url: `http://127.0.0.1:${closedPort}`, timeoutMs: 2_000})
        expect(refused.get(ksm(STRANGER))?.value).toEqual({error: 'the request failed (ECONNREFUSED)'})
        const silent = net.createServer(() => {})
        await new Promise<void>(resolve => silent.listen(0, '127.0.0.1', resolve))
        try {
            const port = (silent.address() as net.AddressInfo).port
            const r = await fetchKusamaRanks([ksm(STRANGER)], {url: `http://127.0.0.1:${port}/`, timeoutMs: 300})
            expect(r.get(ksm(STRANGER))).toMatchObject({source: 'Kusama /candidate', value: {error: 'no answer within 300 ms'}})
        } finally {
            silent.close()
        }
    })
})
