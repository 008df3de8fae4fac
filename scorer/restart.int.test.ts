/**
 * The scorer service as a process (lib/scorer/main.js) killed in the middle of its pass: nothing of that
 * pass is left in the database, and the restarted scorer ends with the results of an uninterrupted pass.
 */
import {spawn, type ChildProcess} from 'child_process'
import fs from 'fs'
import os from 'os'
import path from 'path'
import pg from 'pg'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {loadConfig} from '../config/load'
import {PROJECT_DIR} from '../config/project-dir'
import {dbEnv, pgClientConfig} from '../db/connection'
import {applyMigrations} from '../db/migrate'
import {useTestDatabase} from '../test/vitest/database'
import {waitFor} from '../test/vitest/wait-for'
import {syncCandidates} from './candidates/candidate-sync'
import {runPass, validityOptions} from './pass'
import {enabledChecks} from './validity/checks'
import {
    DUMMY_BEEFY,
    generatedValidator,
    stashOf,
    WORLD_CHAIN,
    worldCandidateList,
    writeWorld,
    type WorldValidator,
} from './validity/generated-world'

const killedDb = useTestDatabase('scorer_killed')
const referenceDb = useTestDatabase('scorer_reference')
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scorer-restart-'))
const configFile = path.join(dir, 'config.json')
const VALIDATORS: WorldValidator[] = Array.from({length: 40}, (_, i) => ({
    ...generatedValidator(i + 1),
    ...(i % 5 === 1 ? {commissionPerbill: 90_000_000} : i % 5 === 2 ? {beefy: DUMMY_BEEFY} : i % 5 === 3 ? {node: {online: false}} : {}),
}))
let killedPool: pg.Pool
let referencePool: pg.Pool
const children: ChildProcess[] = []

function startScorer(): {child: ChildProcess; output: () => string; exited: Promise<number | null>} {
    const child = spawn(process.execPath, [path.join(PROJECT_DIR, 'lib', 'scorer', 'main.js')], {
        env: {...process.env, ...dbEnv(killedDb.settings), CONFIG: configFile},
        stdio: ['ignore', 'pipe', 'pipe'],
    })
    children.push(child)
    let out = ''
    child.stdout!.on('data', d => (out += d))
    child.stderr!.on('data', d => (out += d))
    return {child, output: () => out, exited: new Promise(r => child.once('exit', code => r(code)))}
}

/** Statuses and verdicts: what a pass decides, without its times. */
async function results(pool: pg.Pool) {
    const checks = (
        await pool.query(`SELECT candidate_id, "check", status, sentence FROM validity_check ORDER BY candidate_id, "check"`)
    ).rows.map(r => `${r.candidate_id} ${r.check} ${r.status}`)
    const verdicts = (await pool.query(`SELECT id, verdict, invalid_checks, unknown_checks FROM candidate ORDER BY id`)).rows
    return {checks, verdicts}
}

beforeAll(async () => {
    const nowMs = Date.now()
    const sample = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, 'config', 'devnet.json'), 'utf8'))
    const listFile = path.join(dir, 'candidates.json')
    fs.writeFileSync(listFile, JSON.stringify({candidates: VALIDATORS.map((v, i) => ({slotId: i, name: v.name, stash: stashOf(v.hex)}))}))
    fs.writeFileSync(
        configFile,
        JSON.stringify({
            ...sample,
            candidatesFile: listFile,
            telemetry: {...sample.telemetry, chains: [WORLD_CHAIN]},
            // Only the start-up pass: no schedule within the test, no session or era to come.
            scorer: {schedule: '0 0 1 1 *', pollIntervalMs: 200},
            metrics: {...sample.metrics, ports: Object.fromEntries(Object.keys(sample.metrics.ports).map(k => [k, 0]))},
        }),
    )
    for (const [settings, set] of [
        [killedDb.settings, (p: pg.Pool) => (killedPool = p)],
        [referenceDb.settings, (p: pg.Pool) => (referencePool = p)],
    ] as const) {
        await applyMigrations(settings)
        const pool = set(new pg.Pool(pgClientConfig(settings)))
        const client = await pool.connect()
        await writeWorld(client, {nowMs, eras: 10, validators: VALIDATORS, chain: WORLD_CHAIN})
        client.release()
    }
    // The reference: the same world, one uninterrupted pass in this process.
    const config = loadConfig(configFile)
    const client = await referencePool.connect()
    await syncCandidates(client, worldCandidateList(VALIDATORS), 'candidates.json', nowMs)
    client.release()
    await runPass(referencePool, {
        checks: enabledChecks(config),
        trigger: 'start',
        nowMs: Date.now(),
        ...validityOptions(config.validity),
        telemetryChain: WORLD_CHAIN,
    })
}, 60_000)

afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
    await killedPool?.end()
    await referencePool?.end()
    fs.rmSync(dir, {recursive: true, force: true})
})

describe('the scorer killed mid-pass', () => {
    it('leaves no half-written pass, and after a restart the same results as an uninterrupted pass', async () => {
        // Hold the pass at its last write: it has written its run and check rows (uncommitted) and waits on this lock.
        const blocker = await killedPool.connect()
        await blocker.query('BEGIN')
        await blocker.query('LOCK TABLE validity_change IN EXCLUSIVE MODE')
        const first = startScorer()
        await waitFor(
            "the scorer's pass waiting on validity_change",
            async () => {
                if (first.child.exitCode !== null) throw new Error(`the scorer exited:\n${first.output()}`)
                return (
                    (
                        await killedPool.query(
                            `SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO validity_change%'`,
                        )
                    ).rowCount === 1
                )
            },
            undefined,
            60_000,
            50,
        )
        first.child.kill('SIGKILL')
        await first.exited
        await blocker.query('ROLLBACK')
        blocker.release()
        // The killed session's transaction is rolled back once Postgres sees its client gone.
        await waitFor(
            'the killed pass to end',
            async () =>
                (
                    await killedPool.query(
                        `SELECT 1 FROM pg_stat_activity WHERE query LIKE 'INSERT INTO validity_change%' AND state <> 'idle'`,
                    )
                ).rowCount === 0,
            undefined,
            30_000,
            50,
        )
        const counts = (
            await killedPool.query(`SELECT (SELECT count(*) FROM scorer_run) AS runs, (SELECT count(*) FROM validity_check) AS checks,
            (SELECT count(*) FROM validity_change) AS changes, (SELECT count(*) FROM candidate WHERE verdict IS NOT NULL) AS verdicts, (SELECT count(*) FROM candidate) AS candidates`)
        ).rows[0]
        expect(counts).toEqual({runs: '0', checks: '0', changes: '0', verdicts: '0', candidates: '40'})

        const second = startScorer()
        await waitFor(
            'the restarted pass',
            async () => {
                if (second.child.exitCode !== null) throw new Error(`the scorer exited:\n${second.output()}`)
                return (await killedPool.query('SELECT 1 FROM scorer_run WHERE error IS NULL')).rowCount === 1
            },
            undefined,
            60_000,
            50,
        )
        second.child.kill('SIGTERM')
        expect(await second.exited).toBe(0)
        const expected = await results(referencePool)
        expect(expected.verdicts.map(v => v.verdict).sort()).toEqual([...Array(24).fill('invalid'), ...Array(16).fill('valid')])
        expect(await results(killedPool)).toEqual(expected)
    }, 180_000)
})
