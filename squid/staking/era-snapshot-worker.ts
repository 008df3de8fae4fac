/**
 * Era snapshots of finalized era ends, read and written beside the event stream. A Kusama era end reads
 * ~40k storage values and writes ~40k rows; inside its batch the processor would stand still meanwhile
 * (ingestion runs at most 50 blocks ahead), and in its thread it would take the CPU the event stream
 * needs. So the batch records a PendingEraSnapshot and a thread of its own (`era-snapshot-thread.ts`)
 * reads the snapshot at once and, once that batch has committed, writes the snapshot's rows, the era's
 * totals and the marker's deletion in one transaction. Snapshots are written one at a time in era order
 * (NominatorTargets compares each era with the one before); markers a stop left are redone at start-up.
 * Hot (unfinalized) era ends stay in their batch, where a reorg can roll them back.
 */
import path from 'node:path'
import {Worker} from 'node:worker_threads'
import {createLogger} from '@subsquid/logger'
import type {Store} from '@subsquid/typeorm-store'
import type {DbSettings} from '../../db/connection'
import {PendingEraSnapshot} from '../../db/model'
import type {ChainLayerName} from '../facts'

const log = createLogger('sqd:processor:snapshots')

/** Snapshots not written yet beyond which a new batch waits (bounds memory when the thread falls behind). */
const MAX_PENDING = 2

export interface SnapshotThreadInit {
    chain: ChainLayerName
    rpcUrl: string
    db: DbSettings
}

/** An era end whose snapshot is written beside the event stream (a `PendingEraSnapshot` row). */
export interface PendingSnapshot {
    era: number
    blockNumber: number
    blockHash: string
}

export type ToThread =
    | ({type: 'snapshot'; committed: boolean} & PendingSnapshot)
    /** Every snapshot sent before this was recorded by a batch that has committed. */
    | {type: 'committed'}

export type ToMain = {type: 'written'; era: number} | {type: 'failed'; era: number; message: string}

export class EraSnapshotWorker {
    private readonly thread: Worker
    private unwritten: number[] = []
    private failure?: Error
    private wake: () => void = () => undefined
    private recovered = false
    private readonly chain: ChainLayerName

    constructor(init: SnapshotThreadInit) {
        this.chain = init.chain
        this.thread = new Worker(path.join(__dirname, 'era-snapshot-thread.js'), {workerData: init})
        this.thread.on('message', (m: ToMain) => {
            if (m.type === 'written') this.unwritten.splice(this.unwritten.indexOf(m.era), 1)
            else this.failure ??= new Error(`era ${m.era} snapshot: ${m.message}`)
            this.wake()
        })
        this.thread.on('error', e => {
            this.failure ??= e
            this.wake()
        })
        // The processor exits at the range end; an idle snapshot thread must not keep it alive.
        this.thread.unref()
    }

    /**
     * Called as a batch starts: every earlier batch has committed, so their snapshots may be written;
     * the batch waits while more than MAX_PENDING are unwritten. The first call queues the snapshots a
     * stop left pending.
     */
    async batchStarted(store: Store): Promise<void> {
        this.throwIfFailed()
        this.thread.postMessage({type: 'committed'} satisfies ToThread)
        await this.waitUntil(() => this.unwritten.length <= MAX_PENDING)
        if (this.recovered) return
        this.recovered = true
        const left = await store.find(PendingEraSnapshot, {where: {chain: this.chain as never}, order: {blockNumber: 'ASC'}})
        for (const p of left) {
            log.info(`era ${p.id}: redoing the snapshot a stop left pending (block ${p.blockNumber})`)
            this.send({era: Number(p.id), blockNumber: p.blockNumber, blockHash: p.blockHash}, true)
        }
    }

    /** Queues an era end recorded by the current batch: read now, written once the batch has committed. */
    add(snapshot: PendingSnapshot): void {
        this.send(snapshot, false)
    }

    /** Waits until every queued snapshot is written; their batches must have committed (`batchStarted`). */
    async drain(): Promise<void> {
        await this.waitUntil(() => this.unwritten.length === 0)
    }

    private send(snapshot: PendingSnapshot, committed: boolean): void {
        this.unwritten.push(snapshot.era)
        this.thread.postMessage({type: 'snapshot', committed, ...snapshot} satisfies ToThread)
    }

    private async waitUntil(done: () => boolean): Promise<void> {
        while (!done()) {
            this.throwIfFailed()
            await new Promise<void>(resolve => (this.wake = resolve))
        }
        this.throwIfFailed()
    }

    private throwIfFailed(): void {
        if (this.failure) throw this.failure
    }
}
