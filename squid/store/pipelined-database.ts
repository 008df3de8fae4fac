/**
 * The TypeORM database with finalized batches' transactions running behind the SDK: `transact` queues a
 * batch's transaction (handler, writes, status, commit) and returns, so the processor fetches and decodes
 * the next batches while the handler and Postgres work on this one. The transactions still run one at a
 * time, in order, each with its status row: a stop loses only the batches not committed yet, and the next
 * run indexes them again. The range's last batch, a batch that reaches the chain's head and every hot-block
 * transaction return only once committed; a failed transaction is reported at once (`onFailure`), and the
 * transactions queued after it never run.
 *
 * It is also the one place that knows what each handler call writes into (`batch-finality.ts`): it says so
 * to the handler through the store, and tells work beside the batches (`CommitListener`) when a transaction
 * is about to begin and when it has committed.
 */
import {TypeormDatabase, type Store} from '@subsquid/typeorm-store'
import {describeBatch, type BatchTransaction} from './batch-finality'

/** The SDK's runner also says whether the batch reaches the chain's head (typeorm-store's own type omits it). */
type FinalTxInfo = Parameters<TypeormDatabase['transact']>[0] & {isOnTop?: boolean}
type HotTxInfo = Parameters<TypeormDatabase['transactHot2']>[0]

/**
 * Batches queued behind the SDK at most (500 blocks at its 10-block batches): enough to ride out the slow
 * batches after an era end, when thousands of rewards are written, while bounding the blocks held in memory.
 */
const MAX_QUEUED = 50

export interface PipelineOptions {
    /** The range's last block (`BLOCK_TO`): the processor exits once it is committed. */
    toBlock?: number
    /** Called with the error of a transaction nobody waits for; the processor must stop. */
    onFailure(error: unknown): void
    /** Work beside the batches that waits for their commits (the era snapshot thread). */
    listener?: CommitListener
}

/**
 * Work beside the batches that writes rows the batches also lock (accounts, eras), on connections of its
 * own. It may wait for a transaction's commit; a transaction must never wait for it once it has locked
 * anything, or each waits for the other. So all waiting for it happens before a transaction begins.
 */
export interface CommitListener {
    /** Before a transaction begins, while the processor holds no lock; a rejection fails the transaction. */
    beforeTransaction(tx: BatchTransaction): Promise<void>
    /** After a transaction committed: what its handler calls queued may now be written. */
    committed(): void
}

export class PipelinedDatabase {
    readonly supportsHotBlocks: boolean
    /** Queued transactions, oldest first; each starts when the one before has committed. */
    private readonly queued: Promise<void>[] = []
    private failure?: unknown

    constructor(
        private readonly inner: TypeormDatabase,
        private readonly options: PipelineOptions,
    ) {
        this.supportsHotBlocks = inner.supportsHotBlocks
    }

    connect() {
        return this.inner.connect()
    }

    async transact(info: FinalTxInfo, cb: (store: Store) => Promise<void>): Promise<void> {
        while (this.queued.length >= MAX_QUEUED) await this.queued[0]
        this.throwIfFailed()
        const batch: BatchTransaction = {hot: false, endsRange: this.endsRange(info.nextHead.height)}
        const tx = this.last().then(() =>
            this.run(batch, () =>
                this.inner.transact(info, store => cb(describeBatch(store, {finality: 'finalized', transaction: batch}))),
            ),
        )
        this.queued.push(tx)
        // Without a later batch nobody would wait for these: the processor exits at the range end.
        const awaited = info.isOnTop || batch.endsRange
        tx.then(
            () => this.queued.shift(),
            e => {
                this.queued.shift()
                // The transactions chained after a failed one fail with its error: report it once.
                if (this.failure !== undefined) return
                this.failure = e
                if (!awaited) this.options.onFailure(e)
            },
        )
        if (awaited) await tx
    }

    /** The SDK calls `transactHot2` when a database has it; this older form runs the same way, one block per call. */
    transactHot(info: HotTxInfo, cb: (store: Store, block: {height: number; hash: string}) => Promise<void>): Promise<void> {
        return this.transactHot2(info, async (store, sliceBeg, sliceEnd) => {
            for (let i = sliceBeg; i < sliceEnd; i++) await cb(store, info.newBlocks[i])
        })
    }

    async transactHot2(info: HotTxInfo, cb: (store: Store, sliceBeg: number, sliceEnd: number) => Promise<void>): Promise<void> {
        await this.afterQueue()
        const last = info.newBlocks[info.newBlocks.length - 1] ?? info.baseHead
        const batch: BatchTransaction = {hot: true, endsRange: this.endsRange(last.height)}
        return this.run(batch, () =>
            this.inner.transactHot2(info, (store, sliceBeg, sliceEnd) => {
                // typeorm-store calls once for the blocks at or below the finalized head (if any), then once per block above it.
                const finalized = info.newBlocks[sliceEnd - 1].height <= info.finalizedHead.height
                return cb(
                    describeBatch(store, {finality: finalized ? 'finalizedSliceOfHot' : 'hot', transaction: batch}),
                    sliceBeg,
                    sliceEnd,
                )
            }),
        )
    }

    /** One transaction, with the listener told before it begins and after it commits. */
    private async run(batch: BatchTransaction, transaction: () => Promise<void>): Promise<void> {
        await this.options.listener?.beforeTransaction(batch)
        await transaction()
        this.options.listener?.committed()
    }

    private endsRange(height: number): boolean {
        return this.options.toBlock !== undefined && height >= this.options.toBlock
    }

    /** Waits until every queued transaction has committed; fails if one did not. */
    private async afterQueue(): Promise<void> {
        await this.last()
        this.throwIfFailed()
    }

    /** After a failure nothing more is written: the batches after it were never committed. */
    private throwIfFailed(): void {
        if (this.failure !== undefined) throw this.failure
    }

    /** The last queued transaction: committed once this settles. */
    private last(): Promise<void> {
        return this.queued[this.queued.length - 1] ?? Promise.resolve()
    }
}
