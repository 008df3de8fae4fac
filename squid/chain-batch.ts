/**
 * One processor batch, the same steps on every chain: decode events to plain facts, read the era
 * cursor, era-boundary snapshots and the session keys of received validator sets from storage, map
 * facts to rows, re-read touched identities (all of them in a processor's first batch), write.
 */
import type {BlockHeader, DataHandlerContext} from '@subsquid/substrate-processor'
import type {Store} from '@subsquid/typeorm-store'
import type {ChainLayer, ContextualFact, IdentityFact, StakingFact} from './facts'
import {decodeIdentityEvent, IdentityEventDefs} from './identity/decode'
import {readAllIdentities, readIdentities} from './identity/identity-reader'
import type {IdentityStorage} from './identity/identity-storage'
import type {IdentityFields} from './identity/registration'
import {eventContext, SourceEvent} from './staking/event-source'
import {SessionKeysRow, sessionKeysRows, snapshotRows, SnapshotRows} from './staking/era-snapshot'
import {readEraSnapshot} from './staking/era-snapshot-reader'
import type {StakingStorage, StorageBlock} from './staking/staking-storage'
import {mapStakingFacts, StakingCursor} from './staking/history'
import {readReceivedSessionKeys} from './staking/validator-set-reader'
import {
    identityImportBlock,
    IdentityEventRow,
    IdentityUpdate,
    recordIdentityImport,
    storedSubsOf,
    writeIdentityBatch,
    recordPendingSnapshots,
    writeReceivedSessionKeys,
    writeStakingBatch,
} from './store/chain-history-writer'
import {batchOf} from './store/batch-finality'
import {snapshotsBeside, type EraSnapshotWorker, type PendingSnapshot} from './staking/era-snapshot-worker'

export interface LayerMapping {
    chain: ChainLayer
    staking?: {
        events: readonly string[]
        decode(e: SourceEvent): StakingFact
        storage: StakingStorage
    }
    identity?: {
        events: readonly string[]
        decode: IdentityEventDefs
        storage: IdentityStorage
    }
}

type Header = BlockHeader<{block: {timestamp: true}}>
type Ctx = DataHandlerContext<Store, {block: {timestamp: true}; event: {name: true; args: true}}>

function storageBlock(header: Header): StorageBlock {
    return {_runtime: header._runtime, hash: header.hash, height: header.height, specName: header.specName, specVersion: header.specVersion}
}

function blockTime(header: Header): Date | undefined {
    return header.timestamp === undefined ? undefined : new Date(header.timestamp)
}

export interface BatchOptions {
    /** Writes the era snapshots of finalized batches beside the event stream; without it each is written in its batch. */
    snapshots?: EraSnapshotWorker
    /** What one batch leaves the next (one object per processor). */
    carry?: BatchCarry
}

/**
 * What a batch knows that the next one would otherwise read again: the era and session after its last
 * block (valid for a batch that continues from that block's hash; a reorg or restart reads storage), and
 * whether the identity copy is committed.
 */
export class BatchCarry {
    lastHash?: string
    cursor?: StakingCursor
    identitiesCopied = false
}

/** Whether the batch holds the range's last block (`BLOCK_TO`), after which the processor exits. */
export function endsRange(blocks: readonly {header: {height: number}}[], toBlock: number | undefined): boolean {
    return blocks.length > 0 && blocks[blocks.length - 1].header.height === toBlock
}

export async function handleChainBatch(ctx: Ctx, m: LayerMapping, options: BatchOptions = {}): Promise<void> {
    const facts = decodeBatch(ctx.blocks, m)
    const carry = options.carry ?? new BatchCarry()
    continueCarry(carry, ctx.blocks)
    if (m.staking && facts.staking.length) await handleStaking(ctx, m.chain, m.staking.storage, facts.staking, carry, options.snapshots)
    if (m.identity) await handleIdentity(ctx, m.chain, m.identity.storage, facts.identity, carry)
}

type IdentityItem = {header: Header; item: ContextualFact<IdentityFact>}

/** The batch's staking and identity events as plain facts, in block order. */
function decodeBatch(blocks: Ctx['blocks'], m: LayerMapping): {staking: ContextualFact<StakingFact>[]; identity: IdentityItem[]} {
    const stakingNames = new Set(m.staking?.events ?? [])
    const identityNames = new Set(m.identity?.events ?? [])
    const staking: ContextualFact<StakingFact>[] = []
    const identity: IdentityItem[] = []
    for (const block of blocks) {
        for (const event of block.events) {
            const e = event as unknown as SourceEvent
            if (m.staking && stakingNames.has(e.name)) staking.push({ctx: eventContext(e), fact: m.staking.decode(e)})
            else if (m.identity && identityNames.has(e.name))
                identity.push({header: block.header, item: {ctx: eventContext(e), fact: decodeIdentityEvent(e, m.identity.decode)}})
        }
    }
    return {staking, identity}
}

/** The carried cursor holds only for a batch that continues from the last one's block. */
function continueCarry(carry: BatchCarry, blocks: Ctx['blocks']): void {
    const continues = carry.cursor !== undefined && blocks.length > 0 && blocks[0].header.parentHash === carry.lastHash
    if (!continues) carry.cursor = undefined
    carry.lastHash = blocks[blocks.length - 1]?.header.hash
}

/**
 * Staking rows; at era ends the era's snapshot, queued to the worker for a finalized batch alone in its
 * transaction (`snapshotsBeside`), else read and written here; at received validator sets their session keys.
 */
async function handleStaking(
    ctx: Ctx,
    chain: ChainLayer,
    storage: StakingStorage,
    facts: ContextualFact<StakingFact>[],
    carry: BatchCarry,
    worker?: EraSnapshotWorker,
): Promise<void> {
    const beside = worker !== undefined && snapshotsBeside(batchOf(ctx.store).transaction)
    const cursor = carry.cursor ?? (await readCursor(storage, ctx.blocks[0].header))
    const rows = mapStakingFacts(facts, chain, cursor)
    carry.cursor = rows.cursor
    const headerAt = (height: number) => ctx.blocks.find(b => b.header.height === height)!.header
    const snapshots: SnapshotRows[] = []
    const pending: PendingSnapshot[] = []
    for (const boundary of rows.eraBoundaries) {
        const header = headerAt(boundary.blockNumber)
        if (beside) {
            const p = {era: boundary.endedEra, blockNumber: header.height, blockHash: header.hash}
            worker.add(p)
            pending.push(p)
            continue
        }
        const startedMs = Date.now()
        const snapshot = await readEraSnapshot(storage, storageBlock(header), boundary.endedEra)
        const snapshotted = snapshotRows(snapshot, chain)
        snapshots.push(snapshotted)
        ctx.log.info(
            `era ${boundary.endedEra} ended at block ${header.height}: read ${snapshotted.eraValidators.length} validators, ` +
                `${snapshotted.exposures.length} exposures, ${snapshotted.nominations.length} nominators in ${Date.now() - startedMs} ms`,
        )
    }
    // Current layout: the era boundary is on Asset Hub; the relay learns the next era's validators when it receives their set.
    const receivedKeys: SessionKeysRow[] = []
    for (const set of rows.receivedValidatorSets) {
        const header = headerAt(set.blockNumber)
        const keys = await readReceivedSessionKeys(storage, storageBlock(header), set.era)
        receivedKeys.push(...sessionKeysRows(set.era, set.blockNumber, keys))
        ctx.log.info(
            `validator set of era ${set.era} (${set.validatorCount} validators) received at block ${header.height}: read the session keys of ${keys.length} accounts, waiting ones included`,
        )
    }
    const writeStartedMs = Date.now()
    await writeStakingBatch(ctx.store, rows, snapshots)
    if (snapshots.length) ctx.log.info(`wrote the batch with ${snapshots.length} era snapshot(s) in ${Date.now() - writeStartedMs} ms`)
    await recordPendingSnapshots(ctx.store, chain, pending)
    if (receivedKeys.length) await writeReceivedSessionKeys(ctx.store, receivedKeys)
}

/** The identity copy in a processor's first batch, then the identities the batch's events touched. */
async function handleIdentity(
    ctx: Ctx,
    chain: ChainLayer,
    storage: IdentityStorage,
    facts: IdentityItem[],
    carry: BatchCarry,
): Promise<void> {
    // Identities set before the processor's first block and never changed have no event: copy them all once.
    if (ctx.blocks.length && !carry.identitiesCopied) {
        if ((await identityImportBlock(ctx.store, chain)) === undefined) await importIdentities(ctx, chain, storage, ctx.blocks[0].header)
        // A hot block's copy could still be rolled back: look again next time.
        carry.identitiesCopied = batchOf(ctx.store).finality !== 'hot'
    }
    if (facts.length) await handleIdentities(ctx, chain, storage, facts)
}

/** Active era and session before the batch, read at the parent of its first block. */
async function readCursor(storage: StakingStorage, first: Header): Promise<StakingCursor> {
    const p = first.getParent()
    // The processor knows the parent's runtime only when it saw the parent; else the block's own runtime
    // (read at the parent) decodes it, except across an upgrade in exactly that block.
    const parent: StorageBlock = {
        hash: p.hash,
        height: p.height,
        _runtime: p._runtime ?? first._runtime,
        specName: first.specName,
        specVersion: first.specVersion,
    }
    const [activeEra, session] = await Promise.all([storage.activeEra(parent), storage.currentSession(parent)])
    return {activeEra, session}
}

/**
 * Every identity the chain holds at the block, as current identities without change rows (no event
 * happened), and the record that the copy is done. Written before the batch's events are handled, so
 * those see the copied rows as stored (a cleared parent's subs among them).
 */
async function importIdentities(ctx: Ctx, chain: ChainLayer, storage: IdentityStorage, header: Header) {
    const startedMs = Date.now()
    const all = (await readAllIdentities(storage, storageBlock(header))) ?? new Map<string, IdentityFields>()
    const timestamp = blockTime(header)
    await writeIdentityBatch(
        ctx.store,
        chain,
        [...all].map(([account, fields]) => ({account, fields, blockNumber: header.height, timestamp})),
        [],
    )
    await recordIdentityImport(ctx.store, chain, header.height)
    ctx.log.info(`copied ${all.size} identities held at block ${header.height} in ${Date.now() - startedMs} ms`)
}

/** Identities touched in each block, read at that block; the last read of an account in the batch is its current identity. */
async function handleIdentities(ctx: Ctx, chain: ChainLayer, storage: IdentityStorage, facts: IdentityItem[]) {
    const updates = new Map<string, IdentityUpdate>()
    const changes: (IdentityEventRow & {fields: IdentityUpdate['fields']})[] = []
    const byBlock = new Map<number, {header: Header; facts: typeof facts}>()
    for (const f of facts) {
        const g = byBlock.get(f.header.height) ?? {header: f.header, facts: []}
        g.facts.push(f)
        byBlock.set(f.header.height, g)
    }
    for (const [, {header, facts: group}] of [...byBlock].sort((a, b) => a[0] - b[0])) {
        const accounts = new Set<string>()
        for (const {item} of group) [item.fact.account, ...item.fact.alsoTouches].forEach(a => accounts.add(a))
        // Clearing or killing an identity removes its subs on chain without a SubIdentityRemoved event.
        const gone = group
            .filter(x => x.item.fact.event === 'IdentityCleared' || x.item.fact.event === 'IdentityKilled')
            .map(x => x.item.fact.account)
        for (const sub of await storedSubsOf(ctx.store, gone)) accounts.add(sub)
        const read = await readIdentities(storage, storageBlock(header), [...accounts])
        // A sub's operator identity is read too, so groups resolve to a named root.
        const parents = [...new Set([...read.values()].map(f => f.parent).filter((p): p is string => !!p && !read.has(p)))]
        if (parents.length) for (const [a, f] of await readIdentities(storage, storageBlock(header), parents)) read.set(a, f)
        const timestamp = blockTime(header)
        for (const [account, fields] of read) {
            // Accounts an event or a stored row names are written even when cleared; parents only with an identity.
            if (fields.cleared && !updates.has(account) && !accounts.has(account)) continue
            updates.set(account, {account, fields, blockNumber: header.height, timestamp})
        }
        for (const {item} of group) {
            changes.push({
                id: item.ctx.id,
                account: item.fact.account,
                event: item.fact.event,
                blockNumber: item.ctx.blockNumber,
                timestamp: item.ctx.timestamp,
                fields: read.get(item.fact.account)!,
            })
        }
    }
    await writeIdentityBatch(ctx.store, chain, [...updates.values()], changes)
}
