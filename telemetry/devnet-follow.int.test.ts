/**
 * The telemetry follower on the devnet's own feed (real devnet, real WebSocket, real Postgres): the
 * nodes it stores are the devnet chain's validators, matched to the programme's candidates.
 */
import {spawn} from 'child_process'
import fs from 'fs'
import os from 'os'
import path from 'path'
import {createLogger} from '@subsquid/logger'
import pg from 'pg'
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest'
import {dbEnv, pgClientConfig} from '../db/connection'
import {freePort} from '../db/embedded'
import {applyMigrations} from '../db/migrate'
import {PROJECT_DIR} from '../config/project-dir'
import {startDevnet, type Devnet} from '../devnet/index'
import {scenarioNodes} from '../devnet/scenario/nodes'
import {useTestDatabase} from '../test/vitest/database'
import {waitFor} from '../test/vitest/wait-for'
import {indexCandidates} from './candidate-match'
import {readCandidates} from './candidates-file'
import {fetchGenesisHash, genesisFromReply} from './devnet-genesis'
import {OfflineIpLocator} from './ip-location'
import {TelemetryFollower} from './telemetry-follower'
import {TelemetryStore} from './telemetry-store'

const db = useTestDatabase('telemetry_devnet')
const CANDIDATES_FILE = path.join(PROJECT_DIR, 'config', 'candidates', 'polkadot.json')
const candidates = readCandidates(CANDIDATES_FILE)

let pool: pg.Pool
const running: {stop(): Promise<void>}[] = []

beforeAll(async () => {
    await applyMigrations(db.settings)
    pool = new pg.Pool(pgClientConfig(db.settings))
})
afterEach(async () => {
    for (const r of running.splice(0).reverse()) await r.stop()
    await pool.query(
        'TRUNCATE telemetry_node_interval, telemetry_node_location, feed_connection_interval, telemetry_node, chain_genesis CASCADE',
    )
})
afterAll(async () => {
    await pool.end()
})

async function devnetOn(port: number, seed: number): Promise<Devnet> {
    const devnet = await startDevnet({scenario: 'legacy', seed, port})
    running.push(devnet)
    return devnet
}

async function storedNodes(
    chain: string,
): Promise<
    {name: string; validator_address: string; version: string; online: boolean; candidate_stash: string | null; matched_by: string | null}[]
> {
    const {rows} = await pool.query(
        'SELECT name, validator_address, version, online, candidate_stash, matched_by FROM telemetry_node WHERE genesis_hash = $1 ORDER BY name',
        [chain],
    )
    return rows
}

/** What the follower should store for the devnet's scenario: every validator, candidates matched by stash. */
async function expectedRows(seed: number) {
    const nodes = await scenarioNodes('legacy', seed, 0)
    return nodes
        .map(n => ({
            name: n.nodeName,
            validator_address: n.address,
            version: n.clientVersion,
            online: true,
            candidate_stash: n.isCandidate ? n.address : null,
            matched_by: n.isCandidate ? 'validatorAddress' : null,
        }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}

const configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'telemetry-devnet-'))
afterAll(() => fs.rmSync(configDir, {recursive: true, force: true}))

/** The devnet config (the legacy layout these tests start) with no feedUrl (the follower finds the devnet's genesis) on `port`. */
function serviceConfig(port: number, seed: number, metricsPort = 0): string {
    const cfg = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, 'config', 'devnet.json'), 'utf8'))
    cfg.candidatesFile = CANDIDATES_FILE
    cfg.devnet = {...cfg.devnet, scenario: 'legacy', port, seed, blockTimeMs: 0}
    cfg.telemetry = {...cfg.telemetry, flushIntervalMs: 50}
    cfg.metrics.ports = {...Object.fromEntries(Object.keys(cfg.metrics.ports).map(k => [k, 0])), telemetry: metricsPort}
    delete cfg.telemetry.feedUrl
    delete cfg.telemetry.chains
    const file = path.join(configDir, `devnet-${port}.json`)
    fs.writeFileSync(file, JSON.stringify(cfg))
    return file
}

function startService(configFile: string) {
    const child = spawn(process.execPath, [path.join(PROJECT_DIR, 'lib', 'telemetry', 'main.js')], {
        env: {...process.env, ...dbEnv(db.settings), CONFIG: configFile},
        stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.on('data', d => (out += d))
    child.stderr.on('data', d => (out += d))
    const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)))
    return {child, exited, output: () => out}
}

/** Each telemetry table as a digest of its rows. */
async function telemetryTables(): Promise<Record<string, string>> {
    const out: Record<string, string> = {}
    for (const t of ['telemetry_node', 'telemetry_node_interval', 'telemetry_node_location', 'feed_connection_interval', 'chain_genesis']) {
        const {rows} = await pool.query(
            `SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) AS digest FROM ${t} x`,
        )
        out[t] = `${rows[0].n} ${rows[0].digest}`
    }
    return out
}

describe('telemetry follower on the devnet feed', () => {
    it('the genesis lookup waits through JSON-RPC errors and returns the devnet chain’s genesis; a non-hash answer is refused naming the URL', async () => {
        const devnet = await devnetOn(0, 1)
        devnet.faults.failNext(3, {method: 'chain_getBlockHash', message: 'not ready'})
        const reasons: string[] = []
        expect(await fetchGenesisHash(devnet.httpUrl, {retryDelayMs: 10, onRetry: (_, r) => reasons.push(r)})).toBe(
            devnet.chain.genesisHash,
        )
        expect(reasons).toEqual(['JSON-RPC error: not ready', 'JSON-RPC error: not ready', 'JSON-RPC error: not ready'])
        expect(() => genesisFromReply({jsonrpc: '2.0', id: 1, result: null}, 'http://devnet:1')).toThrow(
            'http://devnet:1: chain_getBlockHash(0) returned null, expected a 32-byte 0x hash',
        )
        expect(() => genesisFromReply('<html>', 'http://devnet:1')).toThrow('http://devnet:1: chain_getBlockHash(0) returned "<html>"')
        const closed = `http://127.0.0.1:${await freePort()}`
        await expect(fetchGenesisHash(closed, {retryDelayMs: 10, maxWaitMs: 50})).rejects.toThrow(
            new RegExp(`^${closed}: no genesis hash after \\d+ attempts \\(last: ECONNREFUSED\\)`),
        )
    })

    it('stores every scenario validator of the devnet chain, candidates matched by their stash', async () => {
        const devnet = await devnetOn(0, 5)
        const genesis = await fetchGenesisHash(devnet.httpUrl)
        const follower = new TelemetryFollower({
            feedUrl: devnet.feedUrl,
            chain: genesis,
            offlineGraceMs: 400,
            reconnectMinDelayMs: 20,
            reconnectMaxDelayMs: 200,
            silenceTimeoutMs: 10_000,
            flushIntervalMs: 50,
            locationRefreshAfterMs: 172_800_000,
            candidates: indexCandidates(candidates),
            locator: new OfflineIpLocator(),
            store: new TelemetryStore(pool),
            log: createLogger('test:telemetry'),
        })
        running.push(follower)
        await follower.start()
        const expected = await expectedRows(5)
        const rows = await waitFor(
            'the devnet’s nodes',
            () => storedNodes(genesis),
            r => r.length === expected.length,
            30_000,
        )
        expect(rows).toEqual(expected)
        expect(rows.filter(r => r.candidate_stash).length).toBeGreaterThan(10)
    })

    it('the service (lib/telemetry/main.js) with no feedUrl waits for the devnet, then follows its feed on its genesis', async () => {
        const port = await freePort()
        const metricsPort = await freePort()
        const service = startService(serviceConfig(port, 7, metricsPort))
        try {
            // The launcher starts both at once: the follower is up before the devnet answers.
            await waitFor(
                'the follower waiting for the devnet',
                async () => service.output(),
                o => o.includes(`waiting for the devnet at http://127.0.0.1:${port}`),
            )
            const devnet = await devnetOn(port, 7)
            const expected = await expectedRows(7)
            const rows = await waitFor(
                'the devnet’s nodes',
                () => storedNodes(devnet.chain.genesisHash),
                r => r.length === expected.length,
                30_000,
            )
            expect(rows).toEqual(expected)
            expect(service.output()).toContain(`following the devnet feed ws://127.0.0.1:${port}/feed, chain ${devnet.chain.genesisHash}`)
            // Through the service runner: the feed's series in Prometheus form, and a health report naming its dependencies.
            const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text()
            expect(metrics).toContain(`telemetry_connected{chain="${devnet.chain.genesisHash}"} 1`)
            expect(metrics).toMatch(/^process_cpu_user_seconds_total /m)
            const health = await fetch(`http://127.0.0.1:${metricsPort}/health`)
            expect(health.status).toBe(200)
            expect(await health.json()).toEqual({
                status: 'ok',
                service: 'telemetry',
                dependencies: {database: {ok: true}, feed: {ok: true}},
            })
        } finally {
            service.child.kill('SIGTERM')
        }
        expect(await service.exited).toBe(0)
    })

    it('the service records the chain it follows, and refuses another devnet on the same port naming both genesis hashes, writing nothing', async () => {
        const port = await freePort()
        const config = serviceConfig(port, 7)
        const a = await devnetOn(port, 7)
        const first = startService(config)
        const expected = await expectedRows(7)
        await waitFor(
            'the devnet’s nodes',
            () => storedNodes(a.chain.genesisHash),
            r => r.length === expected.length,
            30_000,
        )
        first.child.kill('SIGTERM')
        expect(await first.exited).toBe(0)
        expect((await pool.query('SELECT id, genesis_hash FROM chain_genesis')).rows).toEqual([
            {id: 'telemetry', genesis_hash: a.chain.genesisHash},
        ])

        // Another devnet (another seed: another genesis) now holds the port.
        running.splice(running.indexOf(a), 1)
        await a.stop()
        const b = await devnetOn(port, 8)
        const before = await telemetryTables()
        const second = startService(config)
        const ended = await Promise.race([second.exited, new Promise(resolve => setTimeout(() => resolve('still running'), 60_000))])
        if (ended === 'still running') second.child.kill('SIGTERM')
        expect(ended, second.output()).toBe(1)
        expect(second.output()).toContain(
            `telemetry: the devnet at http://127.0.0.1:${port} has genesis ${b.chain.genesisHash}, but this database holds telemetry data of the chain with genesis ${a.chain.genesisHash}`,
        )
        expect(await telemetryTables()).toEqual(before)
    })
})
