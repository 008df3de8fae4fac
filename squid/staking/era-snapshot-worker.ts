/**
 * Era snapshots of finalized era ends, read and written beside the event stream. A Kusama era end reads
 * ~40k storage values and writes ~40k rows; inside its batch the processor would stand still meanwhile
 * (ingestion runs at most 50 blocks ahead), and in its thread it would take the CPU the event stream
 * needs. So the batch records a PendingEraSnapshot and a thread of its own (`era-snapshot-thread.ts`)
 * reads the snapshot at once and, once that batch has committed, writes the snapshot's rows, the era's
 * totals and the marker's deletion in one transaction. Snapshots are written one at a time in era order
 * (NominatorTargets compares each era with the one before); markers a stop left are redone at start-up.
 *
 * Only finalized batches alone in their transaction queue snapshots here (`snapshotsBeside`). A hot-block
 * transaction writes the snapshots of its era ends itself, in either slice: a reorg can roll back its hot
 * blocks, and its finalized slice commits only after them, so a snapshot released to the thread before
 * that commit would wait on the transaction's locks (era row, accounts) while later calls of the same
 * transaction wait for the thread. The range's last batch writes its own too (the processor exits at its
 * commit). Such transactions begin only once every queued snapshot is written, which also keeps era order.
 * The thread waits for commits; the processor waits for the thread only between transactions
 * (`CommitListener`), never while it holds locks.
 */
import path from 'node:path'
import {Worker} from 'node:worker_threads'
import type {DbSettings} from '../../db/connection'
import type {ChainLayer} from '../facts'
import type {BatchTransaction} from '../store/batch-finality'
import type {CommitListener} from '../store/pipelined-database'

/** Snapshots not written yet beyond which a new batch waits (bounds memory when the thread falls behind). */
const MAX_PENDING = 2

export interface SnapshotThreadInit {
    chain: ChainLayer
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
    | ({type: 'snapshot'} & PendingSnapshot)
    /** Every snapshot sent before this was recorded by a transaction that has committed. */
    | {type: 'committed'}

export type ToMain =
    /** The markers a stop left, queued by the thread before anything the processor sends. */
    {type: 'recovered'; eras: number[]} | {type: 'written'; era: number} | {type: 'failed'; era?: number; message: string}

/** Whether a transaction's era ends go to the worker (finalized batches alone in their transaction, not the range's last). */
export function snapshotsBeside(tx: BatchTransaction): boolean {
    return !tx.hot && !tx.endsRange
}

export class EraSnapshotWorker implements CommitListener {
    private readonly thread: Worker
    private unwritten: number[] = []
    private failure?: Error
    private wake: () => void = () => undefined
    private recovered = false

    constructor(init: SnapshotThreadInit) {
        this.thread = new Worker(path.join(__dirname, 'era-snapshot-thread.js'), {workerData: init})
        this.thread.on('message', (m: ToMain) => {
            if (m.type === 'recovered') {
                this.unwritten.unshift(...m.eras)
                this.recovered = true
            } else if (m.type === 'written') {
                this.unwritten = this.unwritten.filter(era => era !== m.era)
            } else {
                this.failure ??= new Error(m.era === undefined ? `era snapshots: ${m.message}` : `era ${m.era} snapshot: ${m.message}`)
            }
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
     * A transaction that writes its era ends itself begins once every queued snapshot is written; any other
     * waits while more than MAX_PENDING are unwritten. The first waits for the markers a stop left.
     */
    async beforeTransaction(tx: BatchTransaction): Promise<void> {
        await this.waitUntil(() => this.recovered)
        await this.waitUntil(() => this.unwritten.length <= (snapshotsBeside(tx) ? MAX_PENDING : 0))
    }

    /** The snapshots queued so far were recorded by a committed transaction: the thread may write them. */
    committed(): void {
        this.thread.postMessage({type: 'committed'} satisfies ToThread)
    }

    /**
     * Queues an era end recorded by the current transaction, one that `snapshotsBeside` sends here: read
     * now, written once the transaction has committed.
     */
    add(snapshot: PendingSnapshot): void {
        this.throwIfFailed()
        this.unwritten.push(snapshot.era)
        this.thread.postMessage({type: 'snapshot', ...snapshot} satisfies ToThread)
    }

    /** Eras queued and not written yet, oldest first (for a stall report). */
    queuedEras(): number[] {
        return [...this.unwritten]
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
