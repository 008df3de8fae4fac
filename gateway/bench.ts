/**
 * Benchmark (`npm run bench:gateway`): autocannon with 100 connections, the response cache off and on, printing
 * requests/s and p50/p99 latency in ms, against (1) the chain-history routes over generated history (2,000
 * validators over 84 eras, with rewards) and (2) the candidate routes (`/candidates` first page and full list,
 * `/candidate/:stash`) over 2,000 candidates of the scorer's synthetic history, with a validity pass and a
 * scored era written by the scorer's own code.
 */
import {encodeAddress} from '@polkadot/util-crypto'
import {createLogger} from '@subsquid/logger'
// autocannon ships without types.
const autocannon = require('autocannon') as (
    opts: object,
) => Promise<{requests: {average: number}; latency: {p50: number; p99: number}; non2xx: number; errors: number}>
import pg from 'pg'
import {Registry} from 'prom-client'
import {pgClientConfig} from '../db/connection'
import {applyMigrations} from '../db/migrate'
import {acquireDbServer, createTempDatabase} from '../db/test-database'
import {loadConfig} from '../config/load'
import {PROJECT_DIR} from '../config/project-dir'
import {createDataSource} from '../db/orm'
import type {Candidate} from '../scorer/candidates/candidate'
import {syncCandidates} from '../scorer/candidates/candidate-sync'
import {runPass, validityOptions} from '../scorer/pass'
import {scoreEra} from '../scorer/score-era'
import {writeSyntheticHistory} from '../scorer/synthetic-history'
import {enabledChecks} from '../scorer/validity/checks'
import path from 'node:path'
import {buildGateway, type GatewaySettings} from './gateway'

const VALIDATORS = Number(process.env.BENCH_VALIDATORS || 2000)
const ERAS = 84
const DURATION_S = Number(process.env.BENCH_SECONDS || 4)
const CONNECTIONS = 100

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))
const hex = (n: number) => '0x' + n.toString(16).padStart(64, '0')

async function generate(client: pg.Client) {
    // Set-based inserts: the history is generated inside Postgres in a few statements.
    await client.query(`INSERT INTO account (id) SELECT '0x' || lpad(to_hex(v), 64, '0') FROM generate_series(1, $1) v`, [VALIDATORS])
    await client.query(
        `INSERT INTO era_validator (id, era, validator_id, chain, points, commission_perbill, self_stake_planck, own_exposure_planck, total_exposure_planck, nominator_count, active)
         SELECT e || '-' || a, e, a, 'relay', (v * 7 + e * 13) % 400, 50000000, 10000000000000, 10000000000000, 30000000000000, 1, v % 3 <> 0
         FROM generate_series(1, $1) v, generate_series(0, $2) e, LATERAL (SELECT '0x' || lpad(to_hex(v), 64, '0') AS a) x`,
        [VALIDATORS, ERAS - 1],
    )
    await client.query(
        `INSERT INTO reward (id, era, validator_id, stash_id, destination, amount_planck, chain, block_number, timestamp)
         SELECT 'r-' || e || '-' || v, e, a, a, 'Staked', 100000000000, 'relay', e * 100 + 1, now()
         FROM generate_series(1, $1) v, generate_series(0, $2) e, LATERAL (SELECT '0x' || lpad(to_hex(v), 64, '0') AS a) x`,
        [VALIDATORS, ERAS - 1],
    )
    await client.query('ANALYZE')
}

async function run(url: string, headers: Record<string, string>) {
    // The load comes from a worker thread, not from the event loop the gateway answers on.
    const r = await autocannon({url, headers, connections: CONNECTIONS, duration: DURATION_S, workers: 1})
    return {reqPerS: Math.round(r.requests.average), p50Ms: r.latency.p50, p99Ms: r.latency.p99, non2xx: r.non2xx, errors: r.errors}
}

const config = loadConfig(path.join(PROJECT_DIR, 'config', 'devnet.json'))

function benchSettings(cacheTtlMs: number, maxPageSize: number): GatewaySettings {
    return {
        network: 'polkadot',
        ss58Prefix: 0,
        tokenDecimals: 10,
        maxPageSize,
        eraWindow: ERAS,
        spanInclusionEras: 28,
        proxyDelayBlocks: 10850,
        scoreWeights: config.score.weights,
        bannedProviders: config.validity.provider.blacklisted,
        roundEveryEras: config.nominator.roundEveryEras,
        forcedVersion: '1.15.2',
        fromBlocks: {},
        candidateHexes: new Set(),
        version: 'bench',
        startedAtMs: Date.now(),
        cacheTtlMs,
    }
}

/** Each route under load against a gateway on `dbSettings`, with the cache on, then off (`uncached` routes only). */
async function benchRoutes(
    dbSettings: Parameters<typeof pgClientConfig>[0],
    maxPageSize: number,
    routes: string[][],
    uncached: (route: string[]) => boolean,
) {
    for (const cacheTtlMs of [10_000, 0]) {
        const pool = new pg.Pool({...pgClientConfig(dbSettings), max: 10, statement_timeout: 10_000})
        const app = await buildGateway({
            settings: benchSettings(cacheTtlMs, maxPageSize),
            pool,
            metrics: new Registry(),
            log: createLogger('bench:gateway'),
        })
        const base = await app.listen({port: 0, host: '127.0.0.1'})
        console.log(
            `\nresponse cache ${cacheTtlMs ? `on (${cacheTtlMs} ms)` : 'off'}, ${CONNECTIONS} connections, ${DURATION_S} s per route:`,
        )
        for (const route of cacheTtlMs ? routes : routes.filter(uncached)) {
            const [name, path, encoding] = route
            const headers: Record<string, string> = encoding ? {'accept-encoding': encoding} : {}
            // The bytes on the wire (fetch would decompress a gzipped body).
            const res = await app.inject({url: path, headers})
            const kb = Math.round(res.rawPayload.byteLength / 1024)
            const r = await run(base + path, headers)
            console.log(
                `  ${`${name} [${kb} KB]`.padEnd(72)} ${String(r.reqPerS).padStart(6)} req/s  p50 ${r.p50Ms} ms  p99 ${r.p99Ms} ms` +
                    (r.non2xx || r.errors ? `  (non-2xx ${r.non2xx}, errors ${r.errors})` : ''),
            )
        }
        await app.close()
        // Handlers of requests whose connections autocannon dropped may still be querying: let them finish.
        for (let i = 0; i < 600 && (pool.waitingCount > 0 || pool.idleCount < pool.totalCount); i++) await sleep(100)
        await pool.end()
    }
}

/** 2,000 candidates of the synthetic history, listed, passed and scored (era 84) by the scorer's code. */
async function generateCandidates(dbSettings: Parameters<typeof pgClientConfig>[0]): Promise<string> {
    const ds = createDataSource(dbSettings, {withModel: true})
    await ds.initialize()
    const pool = new pg.Pool({...pgClientConfig(dbSettings), max: 3})
    try {
        const h = await ds.transaction(em =>
            writeSyntheticHistory(em, {candidates: VALIDATORS, eras: ERAS, nominators: VALIDATORS * 5, seed: 1}),
        )
        const candidates: Candidate[] = h.candidates.map((c, i) => ({
            slotId: i,
            name: `candidate-${i}`,
            stash: c.stashAddress,
            stashPublicKeyHex: c.stash,
            kusamaStash: null,
            kusamaStashPublicKeyHex: null,
            riotHandles: [],
            kyc: i % 2 === 0,
            skipSelfStake: false,
            status: null,
        }))
        const client = await pool.connect()
        try {
            await syncCandidates(client, {file: 'bench.json', candidates, problems: []}, 'bench.json', Date.now())
        } finally {
            client.release()
        }
        await runPass(pool, {
            checks: enabledChecks(config),
            trigger: 'start',
            nowMs: Date.now(),
            ...validityOptions(config.validity),
            telemetryChain: h.chain,
        })
        await scoreEra(ds.manager, ERAS, config, {candidates: h.candidates, programmeNominators: []})
        await ds.query('VACUUM ANALYZE')
        return h.candidates[Math.floor(VALIDATORS / 2)].stashAddress
    } finally {
        await pool.end()
        await ds.destroy()
    }
}

async function main() {
    const server = await acquireDbServer()
    const candidatesDb = await createTempDatabase(server.settings, 'bench_gateway_candidates')
    try {
        await applyMigrations(candidatesDb.settings)
        const started = performance.now()
        const stash = await generateCandidates(candidatesDb.settings)
        console.log(`${VALIDATORS} candidates listed, passed and scored in ${Math.round(performance.now() - started)} ms`)
        await benchRoutes(
            candidatesDb.settings,
            VALIDATORS,
            [
                ['/candidates?limit=50 (first page)', '/candidates?limit=50'],
                ['/candidates?limit=50 (first page, gzip)', '/candidates?limit=50', 'gzip'],
                [`/candidates (full list: ${VALIDATORS} candidates)`, '/candidates'],
                [`/candidates (full list, gzip)`, '/candidates', 'gzip'],
                ['/candidate/:stash', `/candidate/${stash}`],
                ['/candidate/:stash (gzip)', `/candidate/${stash}`, 'gzip'],
            ],
            // Uncached, the full list is left out as for the chain routes: a megabyte-sized computation per request
            // only queues up behind itself at 100 connections.
            route => route[2] === undefined && !route[0].includes('full list'),
        )
    } finally {
        await candidatesDb.drop()
    }
    const db = await createTempDatabase(server.settings, 'bench_gateway')
    try {
        await applyMigrations(db.settings)
        const client = new pg.Client(pgClientConfig(db.settings))
        await client.connect()
        await generate(client)
        await client.end()
        const stash = encodeAddress(hex(VALIDATORS / 2), 0)
        const routes = [
            ['/erapoints/:stash (84 eras, first page)', `/erapoints/${stash}`],
            ['/rewards/validator/:stash (first page)', `/rewards/validator/${stash}?limit=20`],
            ['/totalerapoints?limit=10 (first page)', '/totalerapoints?limit=10'],
            [`/totalerapoints (full list: ${ERAS} eras × ${VALIDATORS} validators)`, '/totalerapoints'],
        ]
        // Cached first: the uncached full list is left out (it reads every point of 84 eras per request and only
        // queues up behind itself at 100 connections; it is what the cache is for).
        await benchRoutes(db.settings, 1000, routes, r => r !== routes[routes.length - 1])
    } finally {
        await db.drop()
        await server.stop()
    }
}

main().catch(e => {
    console.error(e)
    process.exit(1)
})
