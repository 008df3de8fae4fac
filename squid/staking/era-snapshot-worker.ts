/**
 * Era snapshots of finalized era ends, read and written beside the event stream. A Kusama era end reads
 * ~40k storage values and writes ~40k rows; inside its batch the processor would stand still meanwhile,
 * since ingestion runs at most 50 blocks ahead. Instead the batch records a PendingEraSnapshot, the
 * worker starts reading at once, and once that batch has committed it writes the snapshot's rows, the
 * era's totals and the marker's deletion in one transaction of its own. Snapshots are written one at a
 * time in era order (NominatorTargets compares each era with the one before); markers a crash left are
 * redone at start-up. Hot (unfinalized) era ends stay in their batch, where a reorg can roll them back.
 */
import {Runtime} from '@subsquid/substrate-runtime'
import type {Store} from '@subsquid/typeorm-store'
import type {DataSource} from 'typeorm'
import {PendingEraSnapshot} from '../../db/model'
import type {ChainLayerName} from '../facts'
import {writeSnapshot} from '../store/chain-history-writer'
import {transactionSink} from '../store/snapshot-sink'
import {snapshotRows, SnapshotRows} from './era-snapshot'
import {readEraSnapshot, SnapshotBlock, StakingStorageDefs} from './era-snapshot-reader'

/** Snapshots read or waiting to be written at once; one more makes the batch wait (bounds memory). */
const MAX_PENDING = 2

interface Rpc {
    call(method: string, params?: unknown[]): Promise<any> // eslint-disable-line @typescript-eslint/no-explicit-any
}

export class EraSnapshotWorker {
    /** Snapshots not written yet, oldest first; each is written after the one before. */
    private queue: Promise<void>[] = []
    private lastRead: Promise<unknown> = Promise.resolve()
    private waitingForCommit: (() => void)[] = []
    private failure: unknown
    private recovered = false

    constructor(
        private readonly db: DataSource,
        private readonly storage: StakingStorageDefs,
        private readonly chain: ChainLayerName,
        private readonly log: (msg: string) => void,
    ) {}

    /**
     * Called as a batch starts: every earlier batch has committed, so their snapshots may be written;
     * the batch waits while more than MAX_PENDING are unwritten (bounds memory). The first call queues
     * the snapshots a stop left pending, read at their blocks' own runtimes.
     */
    async batchStarted(store: Store, rpc: Rpc): Promise<void> {
        this.throwIfFailed()
        this.waitingForCommit.splice(0).forEach(release => release())
        while (this.queue.length > MAX_PENDING) await this.queue[0].catch(() => undefined)
        this.throwIfFailed()
        if (this.recovered) return
        this.recovered = true
        const left = (await store.find(PendingEraSnapshot, {where: {chain: this.chain as never}})).sort((a, b) => Number(a.id) - Number(b.id))
        for (const p of left) {
            this.log(`era ${p.id}: redoing the snapshot a stop left pending (block ${p.blockNumber})`)
            this.add(Number(p.id), await blockAt(rpc, p.blockHash, p.blockNumber), true)
        }
    }

    /** Queues an era end recorded in the current batch (or, `committed`, in an earlier one): read now, written once committed. */
    add(era: number, block: SnapshotBlock, committed = false): void {
        const startedMs = Date.now()
        // One read at a time, in era order; a read overlaps the write of the snapshot before it.
        const read = this.lastRead.catch(() => undefined).then(() => readEraSnapshot(this.storage, block, era)).then(s => snapshotRows(s, this.chain))
        this.lastRead = read
        read.catch(() => undefined) // reported by the write below
        const batchCommitted = committed ? Promise.resolve() : new Promise<void>(release => this.waitingForCommit.push(release))
        const previous = this.queue[this.queue.length - 1] ?? Promise.resolve()
        const written = previous.then(async () => {
            const rows = await read
            const readMs = Date.now() - startedMs
            await batchCommitted
            const writeStartedMs = Date.now()
            await this.write(era, rows)
            this.log(`era ${era} ended at block ${block.height}: read ${rows.eraValidators.length} validators, ${rows.exposures.length} exposures, ` +
                `${rows.nominations.length} nominators in ${readMs} ms, wrote them in ${Date.now() - writeStartedMs} ms beside the event stream`)
        })
        written.catch(e => (this.failure ??= e)).finally(() => this.queue.splice(this.queue.indexOf(written), 1))
        this.queue.push(written)
    }

    /** Waits until every queued snapshot is written; their batches must have committed (`batchStarted`). */
    async drain(): Promise<void> {
        while (this.queue.length) await this.queue[0].catch(() => undefined)
        this.throwIfFailed()
    }

    private async write(era: number, rows: SnapshotRows): Promise<void> {
        if (!this.db.isInitialized) await this.db.initialize()
        await this.db.transaction('READ COMMITTED', async em => {
            await writeSnapshot(transactionSink(em), this.chain as never, rows)
            await em.query('UPDATE era SET total_points = $2, validator_count = $3 WHERE id = $1', [String(era), rows.totalPoints, rows.validatorCount])
            await em.query('DELETE FROM pending_era_snapshot WHERE id = $1', [String(era)])
        })
    }

    private throwIfFailed(): void {
        if (this.failure !== undefined) throw this.failure
    }
}

/** A past block with the runtime its storage is decoded with, from the node (the processor has not seen it since it restarted). */
async function blockAt(rpc: Rpc, hash: string, height: number): Promise<SnapshotBlock> {
    const [version, metadata] = await Promise.all([rpc.call('state_getRuntimeVersion', [hash]), rpc.call('state_getMetadata', [hash])])
    const runtime = new Runtime(version, metadata, undefined, rpc as never)
    return {_runtime: runtime, hash, height, specName: version.specName, specVersion: version.specVersion}
}
