/**
 * Benchmark (`npm run bench:scorer`): one full validity pass over 2,000, 4,000 and 8,000 candidates with 84
 * eras of generated squid history and their telemetry rows, reading from Postgres and writing the results;
 * prints the first pass (every check row new) and a steady one (results unchanged): wall time, the CPU time of
 * this process and of Postgres's server processes (comparable across runs on a shared machine), and peak memory.
 * Sizes: BENCH_SIZES=2000,4000,8000.
 */
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import {loadConfig} from '../config/load'
import {PROJECT_DIR} from '../config/project-dir'
import {pgClientConfig} from '../db/connection'
import {applyMigrations} from '../db/migrate'
import {acquireDbServer, createTempDatabase} from '../db/test-database'
import {describeMeasured, measured} from './bench-measure'
import {syncCandidates} from './candidates/candidate-sync'
import {runPass, type PassOptions, validityOptions} from './pass'
import {enabledChecks} from './validity/checks'
import {DUMMY_BEEFY, generatedValidator, WORLD_CHAIN, worldCandidateList, writeWorld, type WorldValidator} from './validity/generated-world'

const SIZES = (process.env.BENCH_SIZES || '2000,4000,8000').split(',').map(Number)
const ERAS = 84

const load = () =>
    `load average ${os
        .loadavg()
        .map(l => l.toFixed(1))
        .join(' ')} on ${os.cpus().length} cores`

/** A mix like the real programme's: most valid, a few of each failure. */
function validators(n: number): WorldValidator[] {
    return Array.from({length: n}, (_, i) => {
        const v = generatedValidator(i + 1)
        switch (i % 20) {
            case 1:
                return {...v, commissionPerbill: 100_000_000}
            case 2:
                return {...v, beefy: DUMMY_BEEFY}
            case 3:
                return {...v, node: {online: false}}
            case 4:
                return {
                    ...v,
                    identity: {display: `group ${i % 7}`, judgements: [], parent: '0x' + (0xf0 + (i % 7)).toString(16).repeat(32)},
                }
            case 5:
                return {...v, unpaidEras: [ERAS - 1, ERAS - 30]}
            case 6:
                return {...v, slashedInEra: ERAS - 3}
            default:
                return v
        }
    })
}

async function main() {
    const config = loadConfig(path.join(PROJECT_DIR, 'config', 'kusama.json'), {KUSAMA_NOMINATOR_1_SEED: '0x' + '00'.repeat(32)})
    // Kusama's checks, with unclaimed payouts on (the production configs skip it) so that query is measured too.
    const checks = enabledChecks({
        ...config,
        validity: {...config.validity, unclaimedRewards: {...config.validity.unclaimedRewards, skip: false}, kusamaRank: undefined},
    })
    const server = await acquireDbServer()
    console.log(`scorer pass benchmark: ${ERAS} eras of history, ${checks.length} checks, Postgres ${server.source}`)
    try {
        for (const n of SIZES) {
            const db = await createTempDatabase(server.settings, 'bench_scorer')
            const pool = new pg.Pool({...pgClientConfig(db.settings), max: 2})
            // The drop below ends any server process still closing after pool.end(): its client's error is no failure.
            pool.on('error', e => console.error(`bench pool: ${e.message}`))
            try {
                await applyMigrations(db.settings)
                const nowMs = Date.now()
                const world = validators(n)
                const client = await pool.connect()
                const t0 = performance.now()
                await writeWorld(client, {nowMs, eras: ERAS, validators: world, chain: WORLD_CHAIN})
                await syncCandidates(client, worldCandidateList(world), 'bench.json', nowMs)
                await client.query('VACUUM ANALYZE')
                client.release()
                const rows = (
                    await pool.query(`SELECT (SELECT count(*) FROM era_validator) AS ev, (SELECT count(*) FROM payout) AS payouts`)
                ).rows[0]
                console.log(
                    `${n} candidates: world written in ${Math.round(performance.now() - t0)} ms (${rows.ev} era_validator, ${rows.payouts} payout rows)`,
                )
                const opts = (at: number): PassOptions => ({
                    checks,
                    trigger: 'schedule',
                    nowMs: at,
                    ...validityOptions(config.validity),
                    telemetryChain: WORLD_CHAIN,
                })
                const query = async (sql: string) => (await pool.query(sql)).rows
                const first = await measured(query, () => runPass(pool, opts(nowMs)))
                const steady = await measured(query, () => runPass(pool, opts(nowMs + 60_000)))
                const c = first.value.counts
                console.log(
                    `  first pass  ${describeMeasured(first)} (${c.valid} valid, ${c.invalid} invalid, ${c.unknown} unknown, ${first.value.changes} flips written)`,
                )
                console.log(`  steady pass ${describeMeasured(steady)} (${steady.value.changes} flips)`)
                console.log(`  ${load()}`)
            } finally {
                await pool.end()
                await db.drop()
            }
        }
        console.log(`process peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`)
    } finally {
        await server.stop()
    }
}

main().catch(e => {
    console.error(e)
    process.exit(1)
})
