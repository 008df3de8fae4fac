/**
 * What a batch handler's store writes into, as the database wrapper that opened it (`PipelinedDatabase`)
 * says: a finalized batch alone in its transaction, the finalized slice of a hot-block transaction, or one
 * hot (unfinalized) block whose writes typeorm-store logs for rollback.
 */
import type {Store} from '@subsquid/typeorm-store'
import type {EntityManager} from 'typeorm'

/** One database transaction of the processor. */
export interface BatchTransaction {
    /**
     * A hot-block transaction (`transactHot2`): a finalized slice first (if the new blocks reach below the
     * finalized head), then one call per hot block, all committed together after the last one.
     */
    hot: boolean
    /** Holds the range's last block (`BLOCK_TO`): the processor exits once it commits. */
    endsRange: boolean
}

export type Finality =
    /** Finalized blocks, alone in their transaction (`transact`). */
    | 'finalized'
    /** Finalized blocks at the start of a hot-block transaction: no undo log, but hot blocks follow before the commit. */
    | 'finalizedSliceOfHot'
    /** One unfinalized block: its writes are logged, and a reorg rolls them back. */
    | 'hot'

/** What one handler call writes into. */
export interface Batch {
    finality: Finality
    transaction: BatchTransaction
}

interface Described extends Batch {
    /** The transaction's EntityManager, for statements that bypass the store (finalized blocks only). */
    bulk?: () => EntityManager
}

const described = new WeakMap<Store, Described>()

/** Called by the wrapper for every store it hands a handler (typeorm-store makes a new one per call). */
export function describeBatch(store: Store, batch: Batch): Store {
    described.set(store, {...batch, bulk: batch.finality === 'hot' ? undefined : transactionManager(store)})
    return store
}

export function batchOf(store: Store): Batch {
    const batch = described.get(store)
    if (!batch) throw new Error('this store was not opened by PipelinedDatabase: whether its batch is finalized is unknown')
    return {finality: batch.finality, transaction: batch.transaction}
}

/**
 * The transaction's EntityManager when the batch's blocks are finalized: typeorm-store keeps no undo log
 * for them, so a statement of our own writes what `store.insert` would. Undefined for a hot block.
 */
export function bulkManager(store: Store): EntityManager | undefined {
    batchOf(store)
    return described.get(store)!.bulk?.()
}

/**
 * typeorm-store 1.5.1 (pinned in package.json) keeps the transaction's EntityManager behind the Store's
 * private `em` getter, which also refuses use after the handler returned. The only read of its internals:
 * an upgrade that moves it fails here, at the first finalized batch, instead of quietly losing the fast path.
 */
function transactionManager(store: Store): () => EntityManager {
    const getter = (store as unknown as {em?: unknown}).em
    const em = typeof getter === 'function' ? (getter.call(store) as Partial<EntityManager> | undefined) : undefined
    if (typeof em?.query !== 'function' || typeof em.connection?.getMetadata !== 'function') {
        throw new Error(
            "@subsquid/typeorm-store: Store.em is no longer the transaction's EntityManager getter it was in 1.5.1; " +
                'update squid/store/batch-finality.ts for the installed version',
        )
    }
    return () => (getter as () => EntityManager).call(store)
}
