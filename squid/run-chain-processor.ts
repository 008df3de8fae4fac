/**
 * Starts one chain's processor as a service (`runHandOverService`): settings from the environment, its
 * events, its own state schema in the shared Postgres, hot blocks on (unfinalized blocks are indexed and
 * rolled back on a reorg), its metrics and health on the config's port.
 */
import {createLogger} from '@subsquid/logger'
import {RpcClient} from '@subsquid/rpc-client'
import {TypeormDatabase} from '@subsquid/typeorm-store'
import {redactUrl, redactUrls} from '../config/redact-url'
import pg from 'pg'
import {dbSettingsFromEnv, pgClientConfig, type DbSettings} from '../db/connection'
import {runHandOverService, type ServiceName} from '../service/run-service'
import {BatchCarry, endsRange, handleChainBatch, LayerMapping} from './chain-batch'
import {createChainProcessor} from './chain-processor'
import {ensureChainGenesis} from './genesis-guard'
import {processorRegistry} from './processor-metrics'
import {processorSettingsFromEnv, stallTimeoutFromEnv} from './processor-settings'
import {EraSnapshotWorker} from './staking/era-snapshot-worker'
import {notifierFromEnv} from '../notify/notifier'
import {describeStall, stallEvent} from './stall/stall'
import {startStallDetector, tagDatabaseConnections} from './stall/stall-detector'
import {PipelinedDatabase, type CommitListener} from './store/pipelined-database'

const log = createLogger('sqd:processor')

export function layerEvents(m: LayerMapping): string[] {
    return [...(m.staking?.events ?? []), ...(m.identity?.events ?? [])]
}

/**
 * The processor's service: once the chain's first block is finalized `processor.run` owns the process, and
 * exits 0 at the range end and 1 on a fatal error.
 */
export function runChainProcessor(mapping: LayerMapping, stateSchema: string, chainUrlVar: string, service: ServiceName): void {
    runHandOverService(
        service,
        async ({addRegistry, addHealthCheck}) => {
            const {settings, db, registry} = startChainProcessor(mapping, stateSchema, chainUrlVar)
            // The SDK's registry (its metrics, Node's, and ours added to it) is served on its own port and on the service's.
            addRegistry(registry)
            addHealthCheck('database', databaseCheck(db))
            addHealthCheck('chain', chainCheck(settings.rpcUrl))
        },
        {defaultMetrics: false},
    )
}

function startChainProcessor(mapping: LayerMapping, stateSchema: string, chainUrlVar: string) {
    const settings = processorSettingsFromEnv(process.env, chainUrlVar)
    const db = dbSettingsFromEnv(process.env)
    const applicationName = tagDatabaseConnections(stateSchema)
    const processor = createChainProcessor(settings, layerEvents(mapping))
    const registry = processorRegistry(processor)
    const notifier = notifierFromEnv(process.env, log)
    const snapshots = mapping.staking ? new EraSnapshotWorker({chain: mapping.chain, rpcUrl: settings.rpcUrl, db}) : undefined
    const carry = new BatchCarry()
    const handlerTime = new HandlerTime()
    untilFinalized(settings.rpcUrl, settings.fromBlock)
        .then(() => ensureChainGenesis(mapping.chain, settings.rpcUrl, db))
        .then(() => {
            // Only once the chain is known to be ours: the detector records the chain's head in our tables.
            startStallDetector({
                chain: mapping.chain,
                stateSchema,
                applicationName,
                rpcUrl: settings.rpcUrl,
                db,
                queuedEras: () => snapshots?.queuedEras() ?? [],
                settings: {timeoutMs: stallTimeoutFromEnv(process.env), fromBlock: settings.fromBlock, toBlock: settings.toBlock},
                metrics: registry,
                onStall: async report => {
                    log.error(describeStall(report))
                    notifier.notify(stallEvent(report))
                    // The process exits next: give the message its chance to leave.
                    await notifier.flush(STALL_NOTIFY_TIMEOUT_MS)
                },
            })
            processor.run(chainDatabase(stateSchema, settings.toBlock, snapshots), async ctx => {
                const startedMs = performance.now()
                await handleChainBatch(ctx, mapping, {snapshots, carry})
                handlerTime.add(performance.now() - startedMs)
                if (endsRange(ctx.blocks, settings.toBlock)) log.info(handlerTime.summary())
            })
        }, exitOnError)
    return {settings, db, registry}
}

/** How long a health probe's connection may take (the probe itself times out a little later). */
const PROBE_TIMEOUT_MS = 1500

/** The database answers a query. */
function databaseCheck(db: DbSettings): () => Promise<void> {
    return async () => {
        const client = new pg.Client({...pgClientConfig(db), connectionTimeoutMillis: PROBE_TIMEOUT_MS, application_name: 'squid health'})
        client.on('error', () => undefined)
        try {
            await client.connect()
            await client.query('SELECT 1')
        } finally {
            await client.end().catch(() => undefined)
        }
    }
}

/** The chain's RPC endpoint answers with its finalized head. */
function chainCheck(rpcUrl: string): () => Promise<void> {
    return async () => {
        const rpc = new RpcClient({url: rpcUrl, requestTimeout: PROBE_TIMEOUT_MS, retryAttempts: 0, log: null})
        try {
            await rpc.call('chain_getFinalizedHead')
        } catch (e) {
            // The RPC client's message may carry the endpoint URL, API key and all.
            throw new Error(`${redactUrl(rpcUrl)}: ${e instanceof Error ? redactUrls(e.message) : String(e)}`)
        } finally {
            rpc.close()
        }
    }
}

/** How long a stalled processor waits for its notification to be delivered before it exits. */
const STALL_NOTIFY_TIMEOUT_MS = 10_000

/** As the SDK ends the processor on a handler's error. */
function exitOnError(err: unknown): never {
    log.fatal(err as Error)
    process.exit(1)
}

/**
 * The processor's database: its own state schema, hot blocks on, finalized batches written behind the SDK.
 * One writer per state schema: READ COMMITTED is enough and saves SERIALIZABLE's predicate locks on large era writes.
 * It also never fails a transaction for serialization, the one error on which typeorm-store runs the handler again
 * (which would queue its era snapshots twice).
 */
export function chainDatabase(stateSchema: string, toBlock?: number, listener?: CommitListener): PipelinedDatabase {
    return new PipelinedDatabase(new TypeormDatabase({stateSchema, supportHotBlocks: true, isolationLevel: 'READ COMMITTED'}), {
        toBlock,
        onFailure: exitOnError,
        listener,
    })
}

/** A batch whose handler takes longer than this counts as slow in the summary. */
const SLOW_BATCH_MS = 20

/**
 * Time spent in the batch handler, the work the processor itself adds to each batch (it runs behind the SDK's
 * parsing of the next batches, see `PipelinedDatabase`, but one batch at a time). Summarised at the range end (`BLOCK_TO`); the benchmark prints it.
 */
class HandlerTime {
    private totalMs = 0
    private batches = 0
    private slowMs = 0
    private slow = 0

    add(ms: number): void {
        this.totalMs += ms
        this.batches++
        if (ms > SLOW_BATCH_MS) {
            this.slowMs += ms
            this.slow++
        }
    }

    summary(): string {
        return (
            `handler took ${(this.totalMs / 1000).toFixed(2)} s in ${this.batches} batches, ` +
            `${(this.slowMs / 1000).toFixed(2)} s of it in the ${this.slow} over ${SLOW_BATCH_MS} ms`
        )
    }
}

/** Between polls of the finalized head while waiting for the first block. */
const FINALITY_POLL_MS = 1000

/** How long the node may take to answer before the processor says it is waiting for it. */
const NODE_WAIT_NOTICE_MS = 1000

/**
 * Waits until the node answers and the range's first block is finalized. A node that is still starting
 * (the devnet at `npm start`) is waited for quietly, where the SDK's client would log every failed
 * connection. And the installed substrate-data fails (an AssertionError in
 * RuntimeTracker.getBlockRuntimeVersion) when a processor starts above the finalized head: its hot
 * ingestion then handles blocks below the range, which carry no runtime version.
 */
async function untilFinalized(rpcUrl: string, block: number): Promise<void> {
    // Retries until the node answers; one notice instead of a warning per failed connection.
    const rpc = new RpcClient({url: rpcUrl, retryAttempts: Number.MAX_SAFE_INTEGER, log: null})
    const notice = setTimeout(() => log.info(`waiting for the chain node at ${redactUrl(rpcUrl)}`), NODE_WAIT_NOTICE_MS)
    try {
        for (let poll = 0; ; poll++) {
            const header = await rpc.call('chain_getHeader', [await rpc.call('chain_getFinalizedHead')])
            clearTimeout(notice)
            const finalized = parseInt(header.number, 16)
            if (finalized >= block) return
            if (poll % 30 === 0) log.info(`BLOCK_FROM ${block} is above the finalized head ${finalized}: waiting until it is finalized`)
            await new Promise(resolve => setTimeout(resolve, FINALITY_POLL_MS))
        }
    } finally {
        clearTimeout(notice)
        rpc.close()
    }
}
