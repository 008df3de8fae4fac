/**
 * The thread that reads and writes era snapshots for `EraSnapshotWorker`, on its own core: its own RPC
 * client and runtimes (one per runtime version, built from the node's metadata), its own database
 * connection. Snapshots are handled one at a time in the order they come; each is written, with its
 * era's totals and its marker's deletion, in one transaction once the batch that recorded it committed.
 * First come the markers a stop left (already committed), read at start-up.
 */
import fs from 'node:fs'
import path from 'node:path'
import os from 'node:os'
import {parentPort, workerData} from 'node:worker_threads'
import {createLogger} from '@subsquid/logger'
import {RpcClient} from '@subsquid/rpc-client'
import {Runtime} from '@subsquid/substrate-runtime'
import {createDataSource} from '../../db/orm'
import {assetHubMapping} from '../asset-hub/mapping'
import type {LayerMapping} from '../chain-batch'
import {ChainLayer} from '../chain-layer'
import {relayMapping} from '../relay/mapping'
import {writeSnapshot} from '../store/chain-history-writer'
import {transactionSink} from '../store/snapshot-sink'
import {snapshotRows, SnapshotRows} from './era-snapshot'
import {readEraSnapshot} from './era-snapshot-reader'
import type {StorageBlock} from './staking-storage'
import type {PendingSnapshot, SnapshotThreadInit, ToMain, ToThread} from './era-snapshot-worker'

const init = workerData as SnapshotThreadInit
const mapping = stakingMapping(init.chain)
const storage = mapping.staking.storage
// Retries connection errors as the processor's own client does; a snapshot that still fails stops the processor, and its marker is redone.
const rpc = new RpcClient({url: init.rpcUrl, capacity: 5, requestTimeout: 60_000, retryAttempts: Number.MAX_SAFE_INTEGER})
const db = createDataSource(init.db, {withModel: true})
const log = createLogger('sqd:processor:snapshots')
lowerThreadPriority()
const runtimes = new Map<string, Runtime>()
const post = (m: ToMain) => parentPort!.postMessage(m)

/** Snapshots whose batch has not committed yet wait on these. */
let uncommitted: (() => void)[] = []
let lastRead: Promise<unknown> = Promise.resolve()
let lastWrite: Promise<unknown> = Promise.resolve()
let failed = false

parentPort!.on('message', (m: ToThread) => {
    if (m.type === 'committed') {
        uncommitted.forEach(release => release())
        uncommitted = []
        return
    }
    queue(m, new Promise<void>(release => uncommitted.push(release)))
})

recoverPending().catch(e => {
    failed = true
    post({type: 'failed', message: `reading the snapshots a stop left pending: ${e instanceof Error ? e.message : String(e)}`})
})

/** Queues the markers a stop left, then tells the main thread which they are (before it sends anything). */
async function recoverPending(): Promise<void> {
    if (!db.isInitialized) await db.initialize()
    const rows: {id: string; block_number: number; block_hash: string}[] = await db.query(
        'SELECT id, block_number, block_hash FROM pending_era_snapshot WHERE chain = $1 ORDER BY block_number',
        [init.chain],
    )
    for (const r of rows) {
        log.info(`era ${r.id}: redoing the snapshot a stop left pending (block ${r.block_number})`)
        queue({era: Number(r.id), blockNumber: r.block_number, blockHash: r.block_hash}, Promise.resolve())
    }
    post({type: 'recovered', eras: rows.map(r => Number(r.id))})
}

/** Reads the snapshot now (after the reads before it) and writes it once `committed` and the writes before it are done. */
function queue(m: PendingSnapshot, committed: Promise<void>): void {
    let readMs = 0
    // One read at a time, in order; a read overlaps the write of the snapshot before it.
    const read = lastRead
        .catch(() => undefined)
        .then(async () => {
            const startedMs = Date.now()
            const rows = await readAt(m.era, m.blockHash, m.blockNumber)
            readMs = Date.now() - startedMs
            return rows
        })
    lastRead = read
    lastWrite = Promise.all([lastWrite, read, committed])
        .then(async ([, rows]) => {
            const writeStartedMs = Date.now()
            await write(m.era, rows)
            log.info(
                `era ${m.era} ended at block ${m.blockNumber}: read ${rows.eraValidators.length} validators, ${rows.exposures.length} exposures, ` +
                    `${rows.nominations.length} nominators in ${readMs} ms, wrote them in ${Date.now() - writeStartedMs} ms beside the event stream`,
            )
            post({type: 'written', era: m.era})
        })
        .catch(e => {
            // The first failure is the one to report; the main thread stops the processor on it.
            if (!failed) post({type: 'failed', era: m.era, message: e instanceof Error ? (e.stack ?? e.message) : String(e)})
            failed = true
            throw e
        })
    lastWrite.catch(() => undefined)
}

async function readAt(era: number, blockHash: string, blockNumber: number): Promise<SnapshotRows> {
    const block = await blockAt(blockHash, blockNumber)
    return snapshotRows(await readEraSnapshot(storage, block, era), mapping.chain)
}

/** The block with the runtime its storage is decoded with; metadata is fetched once per runtime version. */
async function blockAt(hash: string, height: number): Promise<StorageBlock> {
    const version = await rpc.call('state_getRuntimeVersion', [hash])
    const key = `${version.specName}@${version.specVersion}`
    let runtime = runtimes.get(key)
    if (!runtime) {
        runtime = new Runtime(version, await rpc.call('state_getMetadata', [hash]), undefined, rpc)
        runtimes.set(key, runtime)
    }
    return {_runtime: runtime, hash, height, specName: version.specName, specVersion: version.specVersion}
}

async function write(era: number, rows: SnapshotRows): Promise<void> {
    if (!db.isInitialized) await db.initialize()
    await db.transaction('READ COMMITTED', async em => {
        await writeSnapshot(transactionSink(em, db.manager), mapping.chain, rows)
        // The era is complete (`Era.snapshotCompletedAt`) in the transaction that writes its last rows.
        await em.query('UPDATE era SET total_points = $2, validator_count = $3, snapshot_completed_at = now() WHERE id = $1', [
            String(era),
            rows.totalPoints,
            rows.validatorCount,
        ])
        await em.query('DELETE FROM pending_era_snapshot WHERE id = $1', [String(era)])
    })
}

/**
 * The event stream is the processor's critical path and snapshots are not: on Linux, where a thread has a
 * nice value of its own, this thread yields the CPU to it (to the main thread and to its database and node
 * too, where they share the machine). Elsewhere, or where it is not allowed, it runs at normal priority.
 */
function lowerThreadPriority(): void {
    try {
        // `/proc/thread-self` names the calling thread's task id; synchronous calls run on this thread.
        const tid = Number(path.basename(fs.readlinkSync('/proc/thread-self')))
        os.setPriority(tid, os.constants.priority.PRIORITY_LOW)
    } catch {
        log.info('snapshot thread runs at normal priority (no per-thread priority here)')
    }
}

/** The mapping of a chain layer with staking: the relay (legacy layout) or Asset Hub. */
function stakingMapping(chain: ChainLayer): LayerMapping & {staking: NonNullable<LayerMapping['staking']>} {
    const m = chain === ChainLayer.relay ? relayMapping : chain === ChainLayer.assetHub ? assetHubMapping : undefined
    if (!m?.staking) throw new Error(`era snapshots: the ${chain} layer has no staking`)
    return {...m, staking: m.staking}
}
