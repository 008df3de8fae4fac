/**
 * The scorer service as a process (lib/scorer/main.js) with a Matrix room in its config: the access token from
 * the environment reaches it (a seed the config names is never read: the variable is not even set), and a
 * candidate whose commission rises past the limit is announced in the room once the hysteresis's passes have
 * turned it, with the check's sentence; the start-up pass, a first verdict for every candidate, says nothing.
 */
import {spawn, type ChildProcess} from 'child_process'
import fs from 'fs'
import os from 'os'
import path from 'path'
import pg from 'pg'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {PROJECT_DIR} from '../config/project-dir'
import {dbEnv, pgClientConfig} from '../db/connection'
import {applyMigrations} from '../db/migrate'
import {useTestDatabase} from '../test/vitest/database'
import {MatrixLikeServer, stopServers} from '../test/vitest/notify-servers'
import {waitFor} from '../test/vitest/wait-for'
import {generatedValidator, stashOf, WORLD_CHAIN, writeWorld, type WorldValidator} from './validity/generated-world'

const db = useTestDatabase('scorer_notify')
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scorer-notify-'))
const configFile = path.join(dir, 'config.json')
const listFile = path.join(dir, 'candidates.json')
const TOKEN = 'syt_c2NvcmVy_NOTIFYxTOKENx7'
const ROOM = '!staff:matrix.example'
const VALIDATORS: WorldValidator[] = [generatedValidator(1), generatedValidator(2), {...generatedValidator(3), blocked: true}]
let pool: pg.Pool
let room: MatrixLikeServer
let scorer: ChildProcess | undefined
let output = ''

/** Runs' count: each pass the scorer finished. */
const passes = async () => Number((await pool.query('SELECT count(*) FROM scorer_run WHERE error IS NULL')).rows[0].count)

async function nextPass(): Promise<void> {
    const before = await passes()
    // A changed candidate list asks the scorer for a pass at its next poll.
    fs.utimesSync(listFile, new Date(), new Date(Date.now() + (before + 1) * 1000))
    await waitFor(
        'the next pass',
        async () => {
            if (scorer?.exitCode !== null) throw new Error(`the scorer exited:\n${output}`)
            return (await passes()) > before
        },
        undefined,
        60_000,
        50,
    )
}

beforeAll(async () => {
    room = await new MatrixLikeServer(ROOM, TOKEN).start()
    const nowMs = Date.now()
    const sample = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, 'config', 'devnet.json'), 'utf8'))
    fs.writeFileSync(listFile, JSON.stringify({candidates: VALIDATORS.map((v, i) => ({slotId: i, name: v.name, stash: stashOf(v.hex)}))}))
    fs.writeFileSync(
        configFile,
        JSON.stringify({
            ...sample,
            candidatesFile: listFile,
            telemetry: {...sample.telemetry, chains: [WORLD_CHAIN]},
            scorer: {schedule: '0 0 1 1 *', pollIntervalMs: 200},
            metrics: {...sample.metrics, ports: Object.fromEntries(Object.keys(sample.metrics.ports).map(k => [k, 0]))},
            nominator: {...sample.nominator, accounts: [{...sample.nominator.accounts[0], seed: {env: 'SCORER_NOTIFY_TEST_SEED'}}]},
            notify: {
                ...sample.notify,
                minRetryDelayMs: 10,
                matrix: {homeserverUrl: room.url, roomId: ROOM, accessToken: {env: 'SCORER_NOTIFY_TEST_TOKEN'}},
            },
        }),
    )
    await applyMigrations(db.settings)
    pool = new pg.Pool(pgClientConfig(db.settings))
    const client = await pool.connect()
    await writeWorld(client, {nowMs, eras: 84, validators: VALIDATORS, chain: WORLD_CHAIN})
    client.release()
}, 60_000)

afterAll(async () => {
    if (scorer && scorer.exitCode === null && scorer.signalCode === null) scorer.kill('SIGKILL')
    await stopServers()
    await pool?.end()
    fs.rmSync(dir, {recursive: true, force: true})
})

describe('the scorer service with a Matrix room', () => {
    it('tells the room of a verdict that turned, with the sentence of the check that failed, and of nothing else', async () => {
        const env: NodeJS.ProcessEnv = {...process.env, ...dbEnv(db.settings), CONFIG: configFile, SCORER_NOTIFY_TEST_TOKEN: TOKEN}
        delete env.SCORER_NOTIFY_TEST_SEED
        scorer = spawn(process.execPath, [path.join(PROJECT_DIR, 'lib', 'scorer', 'main.js')], {env, stdio: ['ignore', 'pipe', 'pipe']})
        scorer.stdout!.on('data', d => (output += d))
        scorer.stderr!.on('data', d => (output += d))
        const exited = new Promise(resolve => scorer!.once('exit', resolve))
        await waitFor(
            'the start-up pass',
            async () => {
                if (scorer?.exitCode !== null) throw new Error(`the scorer exited:\n${output}`)
                return (await passes()) === 1
            },
            undefined,
            60_000,
            50,
        )
        const verdicts = (await pool.query('SELECT name, verdict FROM candidate ORDER BY name')).rows
        expect(verdicts).toEqual([
            {name: 'node-1', verdict: 'valid'},
            {name: 'node-2', verdict: 'valid'},
            {name: 'node-3', verdict: 'invalid'},
        ])
        // node-1 raises its commission to 7 %: invalid after two passes that see it.
        await pool.query(
            `INSERT INTO validator_preference (id, validator_id, commission_perbill, blocked, chain, block_number) VALUES ('raise', $1, 70000000, false, 'assetHub', 8500)`,
            [generatedValidator(1).hex],
        )
        await nextPass()
        await nextPass()
        const stash = stashOf(generatedValidator(1).hex)
        const message = await waitFor(
            'the message in the room',
            () => room.room[0],
            m => m !== undefined,
            30_000,
        )
        expect(message.content.body).toBe(
            `[devnet] node-1 (${stash}) turned invalid\n- commission: commission 7 % is above the programme's 5 % (ValidatorPreference at block 8,500)`,
        )
        await nextPass()
        scorer.kill('SIGTERM')
        expect(await exited).toBe(0)
        expect(room.room).toHaveLength(1)
        expect(room.requests.every(r => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true)
        expect(output).not.toContain(TOKEN)
    }, 180_000)
})
