/**
 * Where an era snapshot's rows go: the batch's store (in hot batches it keeps the undo log a reorg
 * needs), or a transaction of the snapshot's own when it is written beside the event stream.
 */
import type {Store} from '@subsquid/typeorm-store'
import type {EntityManager} from 'typeorm'
import {Account, NominatorTargets} from '../../db/model'
import {nominationDigest} from '../staking/era-snapshot'
import {insertBulk, insertRows} from './bulk-insert'

export interface SnapshotSink {
    ensureAccounts(ids: Iterable<string>): Promise<void>
    /** Entities of one type (`insertBulk`). */
    insert(entities: {id: string}[]): Promise<void>
    /** The NominatorTargets rows in force now (`latest`), as digests (`nominationDigest`). */
    latestNominations(): Promise<NominationInForce[]>
    /** Clears `latest` on rows (by id) a newer one replaces. */
    supersede(ids: string[]): Promise<void>
}

export interface NominationInForce {
    id: string
    nominator: string
    digest: string
}

/**
 * Account ids in one order everywhere: a batch and a snapshot's account statement may insert the same
 * new accounts at once, and rows locked in the same order cannot deadlock.
 */
const sortedAccounts = (ids: Iterable<string>) => [...new Set(ids)].sort().map(id => new Account({id}))

/** Inserts the accounts not stored yet. */
export async function ensureAccounts(store: Store, ids: Iterable<string>): Promise<void> {
    await insertBulk(store, sortedAccounts(ids), {skipExisting: true})
}

/** The nominator of a NominatorTargets row, from its id `<era>-<nominator>` (without loading the relation). */
const nominatorOf = (t: NominatorTargets) => t.id.slice(t.id.indexOf('-') + 1)

export function storeSink(store: Store): SnapshotSink {
    const loaded = new Map<string, NominatorTargets>()
    return {
        ensureAccounts: ids => ensureAccounts(store, ids),
        insert: entities => insertBulk(store, entities),
        async latestNominations() {
            for (const t of await store.findBy(NominatorTargets, {latest: true})) loaded.set(t.id, t)
            return [...loaded.values()].map(t => ({
                id: t.id,
                nominator: nominatorOf(t),
                digest: nominationDigest({targets: t.targets, submittedIn: t.submittedIn ?? undefined}),
            }))
        },
        async supersede(ids) {
            if (ids.length === 0) return
            await store.upsert(
                ids
                    .map(id => loaded.get(id)!)
                    .map(
                        t =>
                            new NominatorTargets({
                                ...t,
                                nominator: new Account({id: nominatorOf(t)}),
                                latest: false,
                            }),
                    ),
            )
        },
    }
}

/**
 * A snapshot's own transaction `em`. Its accounts go through `accounts`, outside it (each statement commits
 * at once): the event stream's batches insert many of the same accounts and would otherwise wait, row lock
 * by row lock, until the snapshot's long transaction commits. An account without the rest is harmless.
 */
export function transactionSink(em: EntityManager, accounts: EntityManager): SnapshotSink {
    return {
        ensureAccounts: ids => insertRows(accounts, sortedAccounts(ids), {skipExisting: true}),
        insert: entities => insertRows(em, entities),
        latestNominations: () =>
            em.query(`SELECT id, nominator_id AS nominator,
            md5(coalesce(submitted_in::text, '') || ':' || array_to_string(targets, ',')) AS digest FROM nominator_targets WHERE latest`),
        async supersede(ids) {
            if (ids.length) await em.query('UPDATE nominator_targets SET latest = false WHERE id = ANY($1)', [ids])
        },
    }
}
