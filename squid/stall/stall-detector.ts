/**
 * Watches one chain processor from inside its process: samples its indexed height (the state schema's
 * status row) and the chain's finalized head, and when `judgeProgress` finds it stalled, reports what it
 * waits for (lock waits of its database connections, pending era snapshots) and exits non-zero, so the
 * launcher restarts it. The stall's duration and the lag are Prometheus gauges. Each sample's finalized head
 * is recorded in `chain_head` (ChainHead), where the scorer reads how far behind the chain the squid is: in
 * the shared database, so it needs no way to the processor's host.
 */
import {createLogger} from '@subsquid/logger'
import {RpcClient} from '@subsquid/rpc-client'
import pg from 'pg'
import {Gauge, type Registry} from 'prom-client'
import {pgClientConfig, type DbSettings} from '../../db/connection'
import type {ChainLayer} from '../chain-layer'
import {judgeProgress, type LockWait, type StallReport, type StallSettings, type StallWatch} from './stall'

const log = createLogger('sqd:processor:stall')

/** Exit code of a stalled processor: a temporary failure that a restart is expected to clear (EX_TEMPFAIL). */
export const STALL_EXIT_CODE = 75

/**
 * The `application_name` of a processor's database connections (its batches' and its snapshot thread's),
 * which the stall report looks for in `pg_stat_activity`. Set before the first connection opens.
 */
export function tagDatabaseConnections(stateSchema: string): string {
    const name = `squid processor ${stateSchema}`
    // node-postgres, under TypeORM too, takes the application name from here when none is configured.
    process.env.PGAPPNAME = name
    return name
}

export interface StallDetectorOptions {
    chain: ChainLayer
    stateSchema: string
    /** The `application_name` of the processor's connections (`tagDatabaseConnections`). */
    applicationName: string
    rpcUrl: string
    db: DbSettings
    settings: StallSettings
    /** Era snapshots queued in the processor's snapshot thread. */
    queuedEras?: () => number[]
    /** Told once, and waited for, before the process exits: the notification seam. */
    onStall(report: StallReport): void | Promise<void>
    /** Where its gauges are registered: the processor's registry, served on its metrics endpoints. */
    metrics: Registry
}

/** Samples per timeout: the stall is seen within a fifth of the timeout after it passes. */
const SAMPLES_PER_TIMEOUT = 5
const MAX_SAMPLE_INTERVAL_MS = 10_000
/** The detector's own statements never wait long for a lock: a lock the processor waits for must not stop it too. */
const DETECTOR_STATEMENT_TIMEOUT_MS = 5_000

export function startStallDetector(o: StallDetectorOptions): {stop(): void} {
    const stalledSeconds = new Gauge({
        name: 'squid_processor_stalled_seconds',
        help: "Seconds the processor's indexed height has stood still while finalized blocks wait (0 while it moves or is caught up)",
        registers: [o.metrics],
    })
    const lagBlocks = new Gauge({
        name: 'squid_processor_lag_blocks',
        help: "Finalized blocks of the processor's range not indexed yet",
        registers: [o.metrics],
    })
    const intervalMs = Math.min(MAX_SAMPLE_INTERVAL_MS, Math.max(100, Math.floor(o.settings.timeoutMs / SAMPLES_PER_TIMEOUT)))
    const rpc = new RpcClient({url: o.rpcUrl, requestTimeout: DETECTOR_STATEMENT_TIMEOUT_MS, retryAttempts: 0, log: null})
    let client: pg.Client | undefined
    let watch: StallWatch | undefined
    let stopped = false
    let timer: NodeJS.Timeout | undefined

    const database = async (): Promise<pg.Client> => {
        if (client) return client
        const c = new pg.Client({
            ...pgClientConfig(o.db),
            application_name: 'squid stall detector',
            statement_timeout: DETECTOR_STATEMENT_TIMEOUT_MS,
            lock_timeout: DETECTOR_STATEMENT_TIMEOUT_MS,
        })
        c.on('error', () => {
            if (client === c) client = undefined
        })
        await c.connect()
        client = c
        return c
    }

    const check = async () => {
        const db = await database()
        const finalizedHeight = parseInt((await rpc.call('chain_getHeader', [await rpc.call('chain_getFinalizedHead')])).number, 16)
        const rows = (await db.query(`SELECT height FROM "${o.stateSchema}".status WHERE id = 0`)).rows
        const indexedHeight: number = rows[0]?.height ?? -1
        const sample = {atMs: Date.now(), indexedHeight, finalizedHeight}
        const verdict = judgeProgress(watch, sample, o.settings)
        watch = verdict.watch
        stalledSeconds.set(verdict.stalledMs / 1000)
        lagBlocks.set(Math.max(0, Math.min(finalizedHeight, o.settings.toBlock ?? Infinity) - indexedHeight))
        if (!verdict.stalled) return recordHead(db, o.chain, finalizedHeight, sample.atMs)
        stopped = true
        const report: StallReport = {
            chain: o.chain,
            indexedHeight,
            finalizedHeight,
            waitedMs: verdict.stalledMs,
            lockWaits: await lockWaits(db, o.applicationName).catch(e => [unknownWait(e)]),
            pendingEras: await pendingEras(db, o.chain).catch(() => []),
            queuedEras: o.queuedEras?.() ?? [],
        }
        await o.onStall(report)
        process.exit(STALL_EXIT_CODE)
    }

    const loop = () => {
        if (stopped) return
        check()
            .catch(e => {
                // A node or database that does not answer is not the processor's stall; the next sample tries again.
                log.debug(`stall check skipped: ${e instanceof Error ? e.message : String(e)}`)
                client?.end().catch(() => undefined)
                client = undefined
            })
            .finally(() => {
                if (!stopped) timer = setTimeout(loop, intervalMs)
                // The processor exits at its range end; the watch must not keep it alive.
                timer?.unref()
            })
    }
    loop()
    return {
        stop() {
            stopped = true
            clearTimeout(timer)
            client?.end().catch(() => undefined)
            rpc.close()
        },
    }
}

/** The chain's finalized head as this sample read it (ChainHead). */
async function recordHead(db: pg.Client, layer: ChainLayer, finalizedHeight: number, atMs: number): Promise<void> {
    await db.query(
        `INSERT INTO chain_head (id, finalized_height, seen_at) VALUES ($1, $2, $3)
        ON CONFLICT (id) DO UPDATE SET finalized_height = excluded.finalized_height, seen_at = excluded.seen_at`,
        [layer, finalizedHeight, new Date(atMs)],
    )
}

/** Statements of the processor's connections that wait for a lock, with the sessions holding it. */
async function lockWaits(db: pg.Client, applicationName: string): Promise<LockWait[]> {
    const rows = (
        await db.query(
            `
        SELECT w.pid, w.query, extract(epoch FROM now() - w.query_start) * 1000 AS waiting_ms,
               b.pid AS blocker_pid, b.application_name AS blocker_application, b.state AS blocker_state, b.query AS blocker_query
        FROM pg_stat_activity w
        CROSS JOIN LATERAL unnest(pg_blocking_pids(w.pid)) AS blocker(pid)
        JOIN pg_stat_activity b ON b.pid = blocker.pid
        WHERE w.application_name = $1
        ORDER BY w.pid, b.pid`,
            [applicationName],
        )
    ).rows
    const waits = new Map<number, LockWait>()
    for (const r of rows) {
        const w: LockWait = waits.get(r.pid) ?? {pid: r.pid, query: r.query, waitingMs: Number(r.waiting_ms), blockedBy: []}
        w.blockedBy.push({pid: r.blocker_pid, application: r.blocker_application, state: r.blocker_state, query: r.blocker_query})
        waits.set(r.pid, w)
    }
    return [...waits.values()]
}

function unknownWait(e: unknown): LockWait {
    return {pid: 0, query: `(lock waits could not be read: ${e instanceof Error ? e.message : String(e)})`, waitingMs: 0, blockedBy: []}
}

async function pendingEras(db: pg.Client, chain: string): Promise<number[]> {
    const rows = (await db.query('SELECT id FROM pending_era_snapshot WHERE chain = $1 ORDER BY block_number', [chain])).rows
    return rows.map(r => Number(r.id))
}
