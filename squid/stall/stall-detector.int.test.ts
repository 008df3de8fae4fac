/**
 * A real relay processor whose database is blocked while the devnet keeps finalizing: it exits non-zero
 * with one error line naming the statement it waits on and the one blocking it; its stall gauges are on
 * the processor's metrics endpoint; the finalized head it reads is recorded in the database (ChainHead), where
 * the scorer's facts read finds the squid behind it.
 */
import fs from 'node:fs'
import http from 'node:http'
import type {AddressInfo} from 'node:net'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import {afterAll, describe, expect, inject, it} from 'vitest'
import {PROJECT_DIR} from '../../config/project-dir'
import type {NotifyEvent, SquidStalled} from '../../notify/events'
import {pgClientConfig, type DbSettings} from '../../db/connection'
import {applyMigrations} from '../../db/migrate'
import {createTempDatabase} from '../../db/test-database'
import {startDevnet} from '../../devnet'
import {readFacts} from '../../scorer/validity/facts-store'
import {waitFor} from '../../test/vitest/wait-for'
import {processorHead, startProcessorChild} from '../processor-child'
import {RELAY_STATE_SCHEMA} from '../relay/mapping'
import {STALL_EXIT_CODE} from './stall-detector'
import {queryOnce} from '../../db/query-once'

const cleanups: (() => Promise<unknown>)[] = []
afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined)
})

async function freshDb(prefix: string): Promise<DbSettings> {
    const db = await createTempDatabase(inject('dbServer'), prefix)
    cleanups.push(() => db.drop())
    await applyMigrations(db.settings)
    return db.settings
}

/** A webhook receiver on this machine, and the devnet config that sends notifications to it. */
async function webhookConfig(): Promise<{file: string; events: () => NotifyEvent[]}> {
    const events: NotifyEvent[] = []
    const server = http.createServer((req, res) => {
        let body = ''
        req.on('data', d => (body += d))
        req.on('end', () => {
            events.push(JSON.parse(body).event)
            res.writeHead(200).end('{}')
        })
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', () => resolve()))
    cleanups.push(() => new Promise(resolve => server.close(resolve)))
    const cfg = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, 'config', 'devnet.json'), 'utf8'))
    cfg.candidatesFile = path.join(PROJECT_DIR, 'config', cfg.candidatesFile)
    cfg.notify.webhook = {url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`}
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stall-notify-'))
    cleanups.push(async () => fs.rmSync(dir, {recursive: true, force: true}))
    fs.writeFileSync(path.join(dir, 'devnet.json'), JSON.stringify(cfg))
    return {file: path.join(dir, 'devnet.json'), events: () => events}
}

describe('stall detector', () => {
    it('exits a processor whose height stands still while the chain finalizes, naming the statement that blocks it, and notifies', async () => {
        const devnet = await startDevnet({scenario: 'legacy', seed: 8, port: 0, blockTimeMs: 0, finalityLagBlocks: 2})
        cleanups.push(() => devnet.stop())
        await devnet.produceBlocks(20)
        const db = await freshDb('squid_stall')
        // Long enough for a loaded machine's start-up, short enough for a test.
        const hook = await webhookConfig()
        const run = startProcessorChild({layer: 'relay', db, rpcUrl: devnet.httpUrl, env: {STALL_TIMEOUT_MS: '8000', CONFIG: hook.file}})
        cleanups.push(async () => run.child.kill('SIGKILL'))
        await waitFor(
            'the processor to index the head',
            () => processorHead(db, RELAY_STATE_SCHEMA),
            h => h === 20,
            60_000,
            100,
        )

        const port = /prometheus metrics are served at port (\d+)/.exec(run.log())?.[1]
        expect(port, run.log().slice(-2000)).toBeDefined()
        const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()
        expect(metrics).toMatch(/^squid_processor_stalled_seconds 0$/m)
        expect(metrics).toMatch(/^squid_processor_lag_blocks \d+$/m)
        expect(metrics).toMatch(/^sqd_processor_last_block \d+$/m)

        // The finalized head it read is recorded in the shared database (ChainHead), where the scorer reads its lag.
        const head = async () =>
            (
                await queryOnce(
                    db,
                    `SELECT finalized_height, extract(epoch FROM now() - seen_at) AS age_s FROM chain_head WHERE id = 'relay'`,
                )
            )[0]
        const recorded = await waitFor('the relay head record', head, h => h?.finalized_height === devnet.finalized().number, 30_000, 100)
        expect(Number(recorded.age_s)).toBeLessThan(30)

        // An operator's session holds the processor's status row: its next commit waits.
        const holder = new pg.Client(pgClientConfig(db))
        await holder.connect()
        cleanups.push(() => holder.end())
        await holder.query('BEGIN')
        await holder.query(`SELECT height FROM ${RELAY_STATE_SCHEMA}.status WHERE id = 0 FOR UPDATE`)
        const producing = setInterval(() => void devnet.produceBlocks(1), 500)
        cleanups.push(async () => clearInterval(producing))

        const code = await Promise.race([run.exited, new Promise(resolve => setTimeout(() => resolve('still running'), 60_000))])
        clearInterval(producing)
        await holder.query('ROLLBACK')
        expect(code, run.log().slice(-3000)).toBe(STALL_EXIT_CODE)
        // The processor logs JSON lines when its output is not a terminal; level 4 is an error.
        const errors = run
            .log()
            .split('\n')
            .filter(l => l.includes('processor stalled'))
            .map(l => JSON.parse(l) as {level: number; msg: string})
        expect(errors).toHaveLength(1)
        expect(errors[0].level).toBe(4)
        expect(errors[0].msg).toMatch(
            /relay processor stalled: its indexed height 18 has not moved for \d+ ms while the chain's finalized head is \d+/,
        )
        expect(errors[0].msg).toMatch(
            /on "UPDATE "squid_processor"\.status SET height = \$1.*", blocked by pid \d+ \([^)]*idle in transaction\) "SELECT height FROM squid_processor\.status WHERE id = 0 FOR UPDATE"/,
        )
        // While its height stood still the head record kept moving: the scorer sees the squid fall behind.
        const last = await head()
        expect(last.finalized_height).toBeGreaterThan(recorded.finalized_height)
        const indexed = await processorHead(db, RELAY_STATE_SCHEMA)
        expect(last.finalized_height).toBeGreaterThan(indexed)
        const client = new pg.Client(pgClientConfig(db))
        await client.connect()
        cleanups.push(() => client.end())
        const read = await readFacts(client, [], {nowMs: Date.now(), uptimeWindowMs: 60_000, slashEras: 1, maxSquidHeadAgeMs: 60_000})
        expect(read.pass.squid).toEqual({relay: {indexedBlock: indexed, headBlock: last.finalized_height}})
        // The notification left before the process exited.
        expect(hook.events()).toEqual([expect.objectContaining({kind: 'squidStalled', chain: 'relay', indexedHeight: 18})])
        expect((hook.events()[0] as SquidStalled).blockingQuery).toMatch(
            /^UPDATE "squid_processor"\.status SET height = \$1.*\(blocked by .*SELECT height FROM squid_processor\.status WHERE id = 0 FOR UPDATE\)$/,
        )
    })
})
