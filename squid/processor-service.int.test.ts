/**
 * A chain processor runs as a service: with a config file (`CONFIG`, as the launcher starts it) it serves the
 * SDK's metrics with the stall gauges and a health report of its database and chain RPC on the config's
 * metrics port; without one (Subsquid Cloud: settings in the environment) it indexes as before.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {PROJECT_DIR} from '../config/project-dir'
import {applyMigrations} from '../db/migrate'
import {freePort} from '../db/embedded'
import {startDevnet, type Devnet} from '../devnet'
import {useTestDatabase} from '../test/vitest/database'
import {waitFor} from '../test/vitest/wait-for'
import {ChainLayer} from './chain-layer'
import {processorHeight, startProcessorChild, type ProcessorChild} from './processor-child'
import {RELAY_STATE_SCHEMA} from './relay/mapping'

const db = useTestDatabase('squid_service')
const configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'squid-service-'))
let devnet: Devnet
let run: ProcessorChild | undefined
let devnetStopped = false

beforeAll(async () => {
    devnet = await startDevnet({scenario: 'legacy', seed: 5, port: 0, blockTimeMs: 0, finalityLagBlocks: 2})
    await devnet.produceBlocks(20)
    await applyMigrations(db.settings)
})

afterAll(async () => {
    run?.child.kill('SIGKILL')
    if (!devnetStopped) await devnet?.stop()
    fs.rmSync(configDir, {recursive: true, force: true})
})

/** The devnet config with every metrics port off but the relay processor's. */
function configWithRelayPort(port: number): string {
    const cfg = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, 'config', 'devnet.json'), 'utf8'))
    cfg.candidatesFile = path.join(PROJECT_DIR, 'config', cfg.candidatesFile)
    cfg.metrics.ports = {...Object.fromEntries(Object.keys(cfg.metrics.ports).map(k => [k, 0])), squidRelay: port}
    const file = path.join(configDir, `config-${port}.json`)
    fs.writeFileSync(file, JSON.stringify(cfg))
    return file
}

const get = async (url: string) => {
    const res = await fetch(url)
    return {status: res.status, text: await res.text()}
}

describe('chain processor service', () => {
    it("serves the SDK's metrics with the stall gauges, and its database and chain health, on the config's port", async () => {
        const port = await freePort()
        run = startProcessorChild({layer: ChainLayer.relay, db: db.settings, rpcUrl: devnet.httpUrl, config: configWithRelayPort(port)})
        const base = `http://127.0.0.1:${port}`
        const health = await waitFor(
            `health at ${base} (${run.log().slice(-1000)})`,
            () => get(`${base}/health`).catch(() => undefined),
            h => h?.status === 200,
            60_000,
            200,
        )
        expect(JSON.parse(health!.text)).toEqual({
            status: 'ok',
            service: 'squidRelay',
            dependencies: {database: {ok: true}, chain: {ok: true}},
        })
        await waitFor(
            'some blocks indexed',
            () => processorHeight(db.settings, RELAY_STATE_SCHEMA),
            h => h > 0,
            60_000,
            200,
        )
        const metrics = await get(`${base}/metrics`)
        expect(metrics.status).toBe(200)
        for (const name of [
            'sqd_processor_last_block',
            'squid_processor_stalled_seconds',
            'squid_processor_lag_blocks',
            'process_cpu_seconds_total',
        ]) {
            // Each metric once: the SDK's registry is served, and Node's metrics are not collected twice.
            expect(
                metrics.text.split('\n').filter(l => l.startsWith(`# TYPE ${name} `)),
                name,
            ).toHaveLength(1)
        }

        // The chain RPC gone: the health report says which dependency fails.
        await devnet.stop()
        devnetStopped = true
        const failing = await waitFor(
            'the chain check to fail',
            () => get(`${base}/health`),
            h => h.status === 503,
            30_000,
            200,
        )
        const report = JSON.parse(failing.text)
        expect(report.dependencies.database).toEqual({ok: true})
        expect(report.dependencies.chain.ok).toBe(false)
        run.child.kill('SIGKILL')
        await run.exited
    })
})
