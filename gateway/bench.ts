/**
 * Benchmark (`npm run bench:gateway`): the gateway over a fresh database of generated chain history (2,000
 * validators over 84 eras, with rewards), autocannon with 100 connections against a first page, a full list
 * and a per-stash route, with the response cache off and on; prints requests/s and p50/p99 latency in ms.
 * The candidate routes are not served until the scorer's tables exist, so the chain routes stand in for them.
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
import {buildGateway, type GatewaySettings} from './gateway'

const VALIDATORS = Number(process.env.BENCH_VALIDATORS || 2000)
const ERAS = 84
const DURATION_S = Number(process.env.BENCH_SECONDS || 4)
const CONNECTIONS = 100

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

async function run(url: string) {
    // The load comes from a worker thread, not from the event loop the gateway answers on.
    const r = await autocannon({url, connections: CONNECTIONS, duration: DURATION_S, workers: 1})
    return {reqPerS: Math.round(r.requests.average), p50Ms: r.latency.p50, p99Ms: r.latency.p99, non2xx: r.non2xx, errors: r.errors}
}

async function main() {
    const server = await acquireDbServer()
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
        for (const cacheTtlMs of [10_000, 0]) {
            const pool = new pg.Pool({...pgClientConfig(db.settings), max: 10, statement_timeout: 10_000})
            const settings: GatewaySettings = {
                network: 'polkadot',
                ss58Prefix: 0,
                tokenDecimals: 10,
                maxPageSize: 1000,
                eraWindow: ERAS,
                spanInclusionEras: 28,
                proxyDelayBlocks: 10850,
                forcedVersion: '1.15.2',
                fromBlocks: {},
                candidateHexes: new Set(),
                version: 'bench',
                startedAtMs: Date.now(),
                cacheTtlMs,
            }
            const app = await buildGateway({settings, pool, metrics: new Registry(), log: createLogger('bench:gateway')})
            const base = await app.listen({port: 0, host: '127.0.0.1'})
            console.log(
                `\nresponse cache ${cacheTtlMs ? `on (${cacheTtlMs} ms)` : 'off'}, ${CONNECTIONS} connections, ${DURATION_S} s per route:`,
            )
            for (const [name, path] of cacheTtlMs ? routes : routes.slice(0, -1)) {
                const r = await run(base + path)
                console.log(
                    `  ${name.padEnd(62)} ${String(r.reqPerS).padStart(6)} req/s  p50 ${r.p50Ms} ms  p99 ${r.p99Ms} ms` +
                        (r.non2xx || r.errors ? `  (non-2xx ${r.non2xx}, errors ${r.errors})` : ''),
                )
            }
            await app.close()
            await pool.end()
        }
    } finally {
        await db.drop()
        await server.stop()
    }
}

main().catch(e => {
    console.error(e)
    process.exit(1)
})
