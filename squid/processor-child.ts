/**
 * Runs a compiled chain processor as a child process against a database and an RPC endpoint, the
 * way the launcher does, and watches its progress in its state schema. Used by tests and the benchmark.
 */
import {ChildProcess, spawn} from 'node:child_process'
import path from 'node:path'
import pg from 'pg'
import {PROJECT_DIR} from '../config/project-dir'
import {dbEnv, DbSettings, pgClientConfig} from '../db/connection'
import {ChainLayer, layerFileName} from './chain-layer'

export interface ProcessorChild {
    child: ChildProcess
    /** Resolves with the exit code (the processor exits 0 at the end of its block range). */
    exited: Promise<number | null>
    /** The tail of what it wrote to stdout and stderr, for failure messages. */
    log(): string
}

export function startProcessorChild(opts: {
    layer: ChainLayer
    db: DbSettings
    rpcUrl: string
    fromBlock?: number
    toBlock?: number
    script?: string
    env?: Record<string, string>
    /** Node options for the child, e.g. `--cpu-prof`. */
    nodeArgs?: string[]
    /**
     * The config file (`CONFIG`) whose metrics port the processor serves its metrics and health on; without one
     * it runs on the environment alone, as on Subsquid Cloud (a `CONFIG` the test runner inherited is not passed on).
     */
    config?: string
}): ProcessorChild {
    const script = opts.script ?? path.join(PROJECT_DIR, 'lib/squid', layerFileName(opts.layer), 'main.js')
    // As the launcher runs it: every log line, the snapshot thread's too, with URLs redacted.
    const child = spawn(
        process.execPath,
        ['--require', path.join(PROJECT_DIR, 'lib/launcher/redacted-logs.js'), ...(opts.nodeArgs ?? []), script],
        {
            cwd: PROJECT_DIR,
            env: {
                ...process.env,
                ...dbEnv(opts.db),
                RPC_URL: opts.rpcUrl,
                ...(opts.fromBlock === undefined ? {} : {BLOCK_FROM: String(opts.fromBlock)}),
                ...(opts.toBlock === undefined ? {} : {BLOCK_TO: String(opts.toBlock)}),
                PROCESSOR_PROMETHEUS_PORT: '0',
                CONFIG: opts.config ?? '',
                ...opts.env,
            },
            stdio: ['ignore', 'pipe', 'pipe'],
        },
    )
    let stderr = ''
    for (const stream of [child.stdout!, child.stderr!]) {
        stream.on('data', d => {
            stderr += d.toString()
            if (stderr.length > 200_000) stderr = stderr.slice(-100_000)
        })
    }
    const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)))
    return {child, exited, log: () => stderr}
}

/** The processor's finalized height in its state schema, or -1 before it has one. */
export async function processorHeight(db: DbSettings, stateSchema: string): Promise<number> {
    const client = new pg.Client(pgClientConfig(db))
    await client.connect()
    try {
        const r = await client.query(`SELECT height FROM "${stateSchema}".status WHERE id = 0`)
        return r.rows[0]?.height ?? -1
    } catch {
        return -1
    } finally {
        await client.end()
    }
}

/** Highest block in the processor's hot (unfinalized) blocks, or its finalized height when it has none. */
export async function processorHead(db: DbSettings, stateSchema: string): Promise<number> {
    const client = new pg.Client(pgClientConfig(db))
    await client.connect()
    try {
        const r = await client.query(`SELECT max(height) AS h FROM "${stateSchema}".hot_block`)
        const hot = r.rows[0]?.h
        return hot ?? (await processorHeight(db, stateSchema))
    } catch {
        return -1
    } finally {
        await client.end()
    }
}
