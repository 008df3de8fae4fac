/**
 * Writes one batch of mapped rows: loads what they reference in one query per entity type, then one
 * insert or upsert per entity type. The only module of the squid that builds TypeORM entities.
 */
import type {Store} from '@subsquid/typeorm-store'
import {In} from 'typeorm'
import {
    Account,
    BondChange,
    BondKind,
    Chill,
    Era,
    EraValidator,
    Exposure,
    Identity,
    IdentityChange,
    IdentityImport,
    Judgement,
    Kick,
    NominatorBond,
    NominatorTargets,
    Offence,
    PendingEraSnapshot,
    OfflineReport,
    Payout,
    Reward,
    Session,
    SessionKeys,
    ValidatorIntention,
    Slash,
    ValidatorPreference,
} from '../../db/model'
import type {ChainLayer} from '../chain-layer'
import type {IdentityFields} from '../identity/registration'
import {nominatorTargetChanges, type SessionKeysRow, type SnapshotRows} from '../staking/era-snapshot'
import type {PendingSnapshot} from '../staking/era-snapshot-worker'
import type {StakingRows} from '../staking/history'
import {insertBulk} from './bulk-insert'
import {ensureAccounts, SnapshotSink, storeSink} from './snapshot-sink'

const acc = (id: string) => new Account({id})
const optAcc = (id: string | undefined) => (id === undefined ? null : acc(id))

export async function writeStakingBatch(store: Store, rows: StakingRows, snapshots: SnapshotRows[]): Promise<void> {
    const chain = rows.chain
    await ensureAccounts(store, rows.accounts)
    await writeEras(store, rows, snapshots)

    // The relay (Session.NewSession) and Asset Hub (Staking.SessionRotated) both report a session's start: one row each.
    await upsertAll(
        store,
        rows.sessions.map(
            s =>
                new Session({
                    id: `${chain}-${s.index}`,
                    index: s.index,
                    chain,
                    era: s.era,
                    blockNumber: s.blockNumber,
                    timestamp: s.timestamp,
                }),
        ),
    )
    await insertBulk(
        store,
        rows.prefs.map(
            p =>
                new ValidatorPreference({
                    id: p.id,
                    validator: acc(p.validator),
                    commissionPerbill: p.commissionPerbill,
                    blocked: p.blocked,
                    chain,
                    blockNumber: p.blockNumber,
                    timestamp: p.timestamp,
                }),
        ),
    )
    await insertBulk(
        store,
        rows.payouts.map(
            p =>
                new Payout({
                    id: p.id,
                    era: p.era,
                    validator: acc(p.validator),
                    page: p.page,
                    chain,
                    blockNumber: p.blockNumber,
                    extrinsicIndex: p.extrinsicIndex,
                    timestamp: p.timestamp,
                }),
        ),
    )
    await insertBulk(
        store,
        rows.rewards.map(
            r =>
                new Reward({
                    id: r.id,
                    payout: r.payoutId ? new Payout({id: r.payoutId}) : null,
                    era: r.era,
                    validator: optAcc(r.validator),
                    stash: acc(r.stash),
                    destination: r.destination,
                    destinationAccount: r.destinationAccount,
                    amountPlanck: r.amountPlanck,
                    chain,
                    blockNumber: r.blockNumber,
                    timestamp: r.timestamp,
                }),
        ),
    )
    await insertBulk(
        store,
        rows.slashes.map(
            s =>
                new Slash({
                    id: s.id,
                    staker: acc(s.staker),
                    amountPlanck: s.amountPlanck,
                    era: s.era,
                    chain,
                    blockNumber: s.blockNumber,
                    timestamp: s.timestamp,
                }),
        ),
    )
    await insertBulk(
        store,
        rows.chills.map(
            c =>
                new Chill({
                    id: c.id,
                    stash: acc(c.stash),
                    era: c.era,
                    chain,
                    blockNumber: c.blockNumber,
                    timestamp: c.timestamp,
                }),
        ),
    )
    await insertBulk(
        store,
        rows.kicks.map(
            k =>
                new Kick({
                    id: k.id,
                    nominator: acc(k.nominator),
                    validator: acc(k.validator),
                    era: k.era,
                    chain,
                    blockNumber: k.blockNumber,
                    timestamp: k.timestamp,
                }),
        ),
    )
    await insertBulk(
        store,
        rows.bonds.map(
            b =>
                new BondChange({
                    id: b.id,
                    stash: acc(b.stash),
                    kind: b.kind as BondKind,
                    amountPlanck: b.amountPlanck,
                    era: b.era,
                    chain,
                    blockNumber: b.blockNumber,
                    timestamp: b.timestamp,
                }),
        ),
    )
    await insertBulk(
        store,
        rows.offlineReports.map(
            o =>
                new OfflineReport({
                    id: o.id,
                    session: o.session,
                    era: o.era,
                    validator: acc(o.validator),
                    exposureTotalPlanck: o.exposureTotalPlanck,
                    blockNumber: o.blockNumber,
                    timestamp: o.timestamp,
                }),
        ),
    )
    await insertBulk(
        store,
        rows.offences.map(
            o =>
                new Offence({
                    id: o.id,
                    chain,
                    kind: o.kind,
                    timeSlot: o.timeSlot,
                    era: o.era,
                    validator: optAcc(o.validator),
                    slashFractionPerbill: o.slashFractionPerbill,
                    blockNumber: o.blockNumber,
                    timestamp: o.timestamp,
                }),
        ),
    )
    // An era is snapshotted once, in the block that ends it (a reorg removes the rows with the block): insert.
    for (const s of snapshots) await writeSnapshot(storeSink(store), chain, s)
}

/** One era's snapshot: thousands of rows per table on a large chain, so each table is one bulk insert. */
export async function writeSnapshot(sink: SnapshotSink, chain: ChainLayer, s: SnapshotRows): Promise<void> {
    await sink.ensureAccounts([
        ...s.eraValidators.map(v => v.validator),
        ...s.validatorIntentions.map(v => v.validator),
        ...s.sessionKeys.map(k => k.validator),
    ])
    await sink.insert(
        s.eraValidators.map(
            v =>
                new EraValidator({
                    id: v.id,
                    era: v.era,
                    validator: acc(v.validator),
                    chain,
                    points: v.points,
                    commissionPerbill: v.commissionPerbill,
                    blocked: v.blocked,
                    pageCount: v.pageCount,
                    selfStakePlanck: v.selfStakePlanck,
                    ownExposurePlanck: v.ownExposurePlanck,
                    totalExposurePlanck: v.totalExposurePlanck,
                    nominatorCount: v.nominatorCount,
                    active: v.active,
                }),
        ),
    )
    await sink.insert(
        s.exposures.map(
            x =>
                new Exposure({
                    id: x.id,
                    era: x.era,
                    nominatorId: x.nominator,
                    validatorId: x.validator,
                    amountPlanck: x.amountPlanck,
                }),
        ),
    )
    await sink.insert(
        s.validatorIntentions.map(
            v =>
                new ValidatorIntention({
                    id: v.id,
                    era: v.era,
                    validator: acc(v.validator),
                    chain,
                    commissionPerbill: v.commissionPerbill,
                    blocked: v.blocked,
                    selfStakePlanck: v.selfStakePlanck,
                    blockNumber: v.blockNumber,
                }),
        ),
    )
    await sink.insert(s.sessionKeys.map(sessionKeysEntity))
    await sink.insert(
        s.nominatorBonds.map(
            n =>
                new NominatorBond({
                    id: n.id,
                    era: n.era,
                    nominatorId: n.nominator,
                    bondedPlanck: n.bondedPlanck,
                }),
        ),
    )
    await writeNominatorTargets(sink, s)
}

/** Targets rows where nominations changed as the era starts; the rows they supersede are no longer `latest`. */
async function writeNominatorTargets(sink: SnapshotSink, s: SnapshotRows): Promise<void> {
    const latest = await sink.latestNominations()
    const rows = nominatorTargetChanges(new Map(latest.map(t => [t.nominator, t.digest])), s.nominations, s.nextEra, s.blockNumber)
    const changed = new Set(rows.map(r => r.nominator))
    await sink.supersede(latest.filter(t => changed.has(t.nominator)).map(t => t.id))
    await sink.ensureAccounts(changed)
    await sink.insert(
        rows.map(
            n =>
                new NominatorTargets({
                    id: n.id,
                    era: n.era,
                    nominator: acc(n.nominator),
                    targets: n.targets,
                    submittedIn: n.submittedIn,
                    latest: true,
                    blockNumber: n.blockNumber,
                }),
        ),
    )
}

/** Era ends whose snapshots the worker writes beside the event stream (`EraSnapshotWorker`). */
export async function recordPendingSnapshots(store: Store, chain: ChainLayer, pending: PendingSnapshot[]): Promise<void> {
    await insertBulk(
        store,
        pending.map(p => new PendingEraSnapshot({id: String(p.era), chain, blockNumber: p.blockNumber, blockHash: p.blockHash})),
    )
}

/** Session keys of the validator sets the relay received; a set received again for an era replaces the earlier one. */
export async function writeReceivedSessionKeys(store: Store, rows: SessionKeysRow[]): Promise<void> {
    const lastBlockOfEra = new Map<number, number>()
    for (const k of rows) lastBlockOfEra.set(k.era, Math.max(k.blockNumber, lastBlockOfEra.get(k.era) ?? 0))
    const latest = rows.filter(k => k.blockNumber === lastBlockOfEra.get(k.era))
    const kept = new Set(latest.map(k => k.id))
    const replaced = (await store.findBy(SessionKeys, {era: In([...lastBlockOfEra.keys()])})).filter(k => !kept.has(k.id))
    if (replaced.length) await store.remove(replaced)
    await ensureAccounts(
        store,
        latest.map(k => k.validator),
    )
    await upsertAll(store, latest.map(sessionKeysEntity))
}

function sessionKeysEntity(k: SessionKeysRow): SessionKeys {
    return new SessionKeys({id: k.id, era: k.era, validator: acc(k.validator), keys: k.keys, beefy: k.beefy, blockNumber: k.blockNumber})
}

/** Eras touched by the batch: merged onto what is stored, since an era's start and end come in different batches. */
async function writeEras(store: Store, rows: StakingRows, snapshots: SnapshotRows[]): Promise<void> {
    const ids = new Set<string>()
    for (const b of rows.eraBoundaries) ids.add(String(b.endedEra)).add(String(b.endedEra + 1))
    for (const s of snapshots) ids.add(String(s.era))
    if (ids.size === 0) return
    const eras = new Map((await store.findBy(Era, {id: In([...ids])})).map(e => [e.id, e]))
    const era = (index: number) => {
        let e = eras.get(String(index))
        if (!e) {
            e = new Era({id: String(index), index, chain: rows.chain})
            eras.set(e.id, e)
        }
        return e
    }
    for (const b of rows.eraBoundaries) {
        Object.assign(era(b.endedEra), {
            endBlock: b.blockNumber,
            endTime: b.timestamp,
            validatorPayoutPlanck: b.validatorPayoutPlanck,
            remainderPlanck: b.remainderPlanck,
        })
        Object.assign(era(b.endedEra + 1), {startBlock: b.blockNumber, startTime: b.timestamp})
    }
    // The snapshot's rows are written later in this same transaction: the era is complete when it commits.
    const completedAt = new Date()
    for (const s of snapshots)
        Object.assign(era(s.era), {totalPoints: s.totalPoints, validatorCount: s.validatorCount, snapshotCompletedAt: completedAt})
    await upsertAll(store, [...eras.values()])
}

export interface IdentityUpdate {
    account: string
    fields: IdentityFields
    blockNumber: number
    timestamp?: Date
}

export interface IdentityEventRow {
    id: string
    account: string
    event: string
    blockNumber: number
    timestamp?: Date
}

/** Current identities (one upsert) and the change history (one insert, with the identity as read after the block). */
export async function writeIdentityBatch(
    store: Store,
    chain: ChainLayer,
    updates: IdentityUpdate[],
    changes: (IdentityEventRow & {fields: IdentityFields})[],
): Promise<void> {
    await ensureAccounts(store, [
        ...updates.flatMap(u => [u.account, ...(u.fields.parent ? [u.fields.parent] : [])]),
        ...changes.map(c => c.account),
    ])
    await upsertAll(
        store,
        updates.map(
            u =>
                new Identity({
                    id: u.account,
                    account: acc(u.account),
                    chain,
                    display: u.fields.display,
                    legal: u.fields.legal,
                    web: u.fields.web,
                    matrix: u.fields.matrix,
                    email: u.fields.email,
                    twitter: u.fields.twitter,
                    github: u.fields.github,
                    discord: u.fields.discord,
                    judgements: u.fields.judgements.map(j => new Judgement(j)),
                    verified: u.fields.verified,
                    parent: optAcc(u.fields.parent),
                    subName: u.fields.subName,
                    root: acc(u.fields.parent ?? u.account),
                    cleared: u.fields.cleared,
                    updatedBlock: u.blockNumber,
                    updatedAt: u.timestamp,
                }),
        ),
    )
    await insertBulk(
        store,
        changes.map(
            c =>
                new IdentityChange({
                    id: c.id,
                    account: acc(c.account),
                    event: c.event,
                    chain,
                    display: c.fields.display,
                    parent: c.fields.parent,
                    verified: c.fields.verified,
                    blockNumber: c.blockNumber,
                    timestamp: c.timestamp,
                }),
        ),
    )
}

/** Accounts stored as sub-identities of the given parents: a cleared parent takes its subs with it. */
export async function storedSubsOf(store: Store, parents: string[]): Promise<string[]> {
    if (parents.length === 0) return []
    const subs = await store.find(Identity, {where: {parent: {id: In(parents)}}, relations: {parent: true}})
    return subs.map(s => s.id)
}

/** The block whose identities the chain layer's processor copied when it started, if it has. */
export async function identityImportBlock(store: Store, chain: ChainLayer): Promise<number | undefined> {
    return (await store.get(IdentityImport, chain))?.blockNumber
}

/** Written with the copied identities, so a crash before the batch commits repeats the copy. */
export async function recordIdentityImport(store: Store, chain: ChainLayer, blockNumber: number): Promise<void> {
    await store.insert(new IdentityImport({id: chain, blockNumber}))
}

function upsertAll(store: Store, entities: {id: string}[]): Promise<void> {
    return insertBulk(store, entities, {replaceExisting: true})
}
