/**
 * One devnet chain: blocks produced from the seeded world plus submitted extrinsics, their headers and
 * hashes (deterministic from the seed and inputs), the storage at every block, and the runtime of
 * every block's state. Block N executes with the runtime of block N-1, as on a real chain.
 */
import {createHash} from 'crypto'
import {blake2AsHex} from '@polkadot/util-crypto'
import {hexToU8a, u8aConcat, u8aToHex} from '@polkadot/util'
import type {Runtime} from '../runtime/runtime'
import {encodeEventRecords, type Phase} from '../runtime/runtime'
import {VersionedStorage} from './versioned-storage'
import type {ScenarioSpec} from '../scenario/scenario-spec'
import {genesisWorld, type World} from '../scenario/world'
import {flushWorld} from '../scenario/state-writer'
import {duePayouts, noteAuthor, onInitialize, startEra, type LogicalEvent, type RuntimeFeatures} from '../scenario/staking-cycle'
import {Journal} from '../scenario/journal'
import {dispatch} from '../extrinsics/dispatch'
import {decodeExtrinsic, validateSigned, type ChainView} from '../extrinsics/transaction-validity'
import type {DevAccount} from '../scenario/dev-accounts'

export interface HeaderJson {
    parentHash: string
    number: string
    stateRoot: string
    extrinsicsRoot: string
    digest: {logs: string[]}
}

export interface BlockRecord {
    number: number
    hash: string
    header: HeaderJson
    extrinsics: string[]
    /** Hashes of the submitted extrinsics included in this block. */
    includedHashes: string[]
    timestampMs: number
}

export interface SubmittedExtrinsic {
    hex: string
    hash: string
    signer: string
    nonce: number
}

/** Fixed genesis time so the same seed gives the same timestamps (2026-01-01T00:00:00Z). */
export const GENESIS_TIMESTAMP_MS = 1_767_225_600_000

const EVENTS_KEY = '0x26aa394eea5630e07c48ae0c9558cef780d41e5e16056765bc8461851072c9d7'
const NUMBER_KEY = '0x26aa394eea5630e07c48ae0c9558cef702a5c1b19ab7a04f536c519aca4983ac'

export interface ChainOptions {
    spec: ScenarioSpec
    seed: number
    runtimes: {fromBlock: number, rt: Runtime}[]
    dev: DevAccount[]
    /** Reorg generation: blocks produced after a fork carry it in their state root, so their hashes differ. */
    branch?: number
}

export class DevnetChain {
    readonly blocks: BlockRecord[] = []
    readonly storage = new VersionedStorage()
    readonly world: World
    /** Submitted extrinsics waiting for the next block. */
    readonly pool: SubmittedExtrinsic[] = []
    /** Submitted extrinsics included per block number (for replays after a fork). */
    readonly included = new Map<number, SubmittedExtrinsic[]>()
    /** Events produced per block, in logical form (what the scenario did: the tests' ground truth). */
    readonly eventsByBlock = new Map<number, LogicalEvent[]>()
    branch: number
    private readonly byHash = new Map<string, number>()
    private stateRoot = '0x' + '00'.repeat(32)

    constructor(readonly options: ChainOptions) {
        this.branch = options.branch ?? 0
        this.world = genesisWorld(options.spec, options.seed, options.dev)
        startEra(this.world, 0, 0, GENESIS_TIMESTAMP_MS)
        this.world.markAll()
        this.seal(0, [], [], [], GENESIS_TIMESTAMP_MS)
    }

    get head(): BlockRecord {
        return this.blocks[this.blocks.length - 1]
    }

    get genesisHash(): string {
        return this.blocks[0].hash
    }

    rtAt(n: number): Runtime {
        let rt = this.options.runtimes[0].rt
        for (const r of this.options.runtimes) if (r.fromBlock <= n) rt = r.rt
        return rt
    }

    blockByHash(hash: string): BlockRecord | undefined {
        const n = this.byHash.get(hash.toLowerCase())
        return n === undefined ? undefined : this.blocks[n]
    }

    features(rt: Runtime): RuntimeFeatures {
        return {imOnline: rt.hasPallet('ImOnline'), pagedExposures: rt.hasStorage('Staking', 'ErasStakersPaged')}
    }

    view(): ChainView {
        return {
            genesisHash: this.genesisHash,
            head: this.head.number,
            hashAt: n => this.blocks[n]?.hash,
            nonceOf: who => this.world.accounts.get(who)?.nonce ?? 0,
        }
    }

    /** Validate and queue a signed extrinsic for the next block; throws PoolError as a node would. */
    submit(hex: unknown): SubmittedExtrinsic {
        const rt = this.rtAt(this.head.number)
        const ext = decodeExtrinsic(rt, hex)
        const pendingFromSigner = ext.isSigned ? this.pool.filter(p => p.signer === u8aToHex(ext.signer.toU8a().slice(-32))).length : 0
        const valid = validateSigned(rt, ext, this.view(), pendingFromSigner)
        const item = {hex: hex as string, hash: blake2AsHex(hexToU8a(hex as string), 256), signer: valid.signer, nonce: valid.nonce}
        this.pool.push(item)
        return item
    }

    produceBlock(): BlockRecord {
        const submitted = this.pool.splice(0)
        return this.produce(submitted)
    }

    /** Build block n = head + 1 with the given submitted extrinsics. */
    produce(submitted: SubmittedExtrinsic[]): BlockRecord {
        const n = this.head.number + 1
        const rtPrev = this.rtAt(n - 1)
        const rtNow = this.rtAt(n)
        const features = this.features(rtPrev)
        const world = this.world
        const timestampMs = GENESIS_TIMESTAMP_MS + n * world.spec.slotMs
        const records: {phase: Phase, event: LogicalEvent}[] = []
        const dispatchInfo = {weight: {refTime: 1_000_000_000, proofSize: 0}, class: 'Normal', paysFee: 'Yes'}
        const extrinsics = [rtPrev.timestampExtrinsic(timestampMs)]
        records.push({phase: {applyExtrinsic: 0}, event: {pallet: 'System', name: 'ExtrinsicSuccess', fields: {dispatchInfo: {...dispatchInfo, class: 'Mandatory', paysFee: 'No'}}}})
        for (const e of onInitialize(world, n, timestampMs, features)) records.unshift({phase: 'initialization', event: e})

        const apply = (hex: string) => {
            const index = extrinsics.length
            extrinsics.push(hex)
            const ext = decodeExtrinsic(rtPrev, hex)
            const signer = u8aToHex(ext.signer.toU8a().slice(-32))
            const account = world.account(signer)
            account.nonce++
            world.mark('account', signer)
            const ctx = {
                world, journal: new Journal(), block: n, features, events: [] as LogicalEvent[],
                dispatchError: (e: {pallet: string, name: string}) => (e.pallet ? {Module: rtPrev.moduleError(e.pallet, e.name)} : e.name),
            }
            const err = dispatch(ctx, signer, ext.method as any)
            for (const e of ctx.events) records.push({phase: {applyExtrinsic: index}, event: e})
            records.push({phase: {applyExtrinsic: index}, event: err
                ? {pallet: 'System', name: 'ExtrinsicFailed', fields: {dispatchError: ctx.dispatchError(err), dispatchInfo}}
                : {pallet: 'System', name: 'ExtrinsicSuccess', fields: {dispatchInfo}}})
        }
        for (const p of duePayouts(world, n, features)) apply(this.signPayout(rtPrev, p.validator, p.era, p.page, features))
        for (const s of submitted) apply(s.hex)
        noteAuthor(world, n)
        if (rtNow !== rtPrev) {
            records.push({phase: 'finalization', event: {pallet: 'System', name: 'CodeUpdated', fields: {}}})
            // The upgrade's migration: rewrite the whole state in the new runtime's layout.
            world.markAll()
        }
        if (submitted.length) this.included.set(n, submitted)
        return this.seal(n, extrinsics, records, submitted.map(s => s.hash), timestampMs)
    }

    private signPayout(rt: Runtime, validator: string, era: number, page: number, features: RuntimeFeatures): string {
        const bot = this.options.dev.find(d => d.name === 'Ferdie')!
        const tx = rt.decorated.tx as any
        const call = features.pagedExposures ? tx.staking.payoutStakersByPage(validator, era, page) : tx.staking.payoutStakers(validator, era)
        const ext = rt.registry.createType('Extrinsic', call)
        ext.sign(bot.pair, {
            nonce: this.world.account(bot.publicKey).nonce, era: rt.registry.createType('ExtrinsicEra'), blockHash: this.genesisHash,
            genesisHash: this.genesisHash, runtimeVersion: rt.version as any, signedExtensions: rt.registry.signedExtensions,
        } as any)
        return ext.toHex()
    }

    private seal(n: number, extrinsics: string[], records: {phase: Phase, event: LogicalEvent}[], includedHashes: string[], timestampMs: number): BlockRecord {
        const rtPrev = this.rtAt(Math.max(0, n - 1))
        const rtNow = this.rtAt(n)
        const put = (key: string, value: string | null) => this.storage.set(n, key, value)
        flushWorld(this.world, rtNow, put, timestampMs)
        const order = (p: Phase) => (p === 'initialization' ? 0 : p === 'finalization' ? 2 : 1)
        records.sort((a, b) => order(a.phase) - order(b.phase))
        put(EVENTS_KEY, encodeEventRecords(records.map(r => {
            try {
                return {phase: r.phase, event: rtPrev.encodeEvent(r.event.pallet, r.event.name, r.event.fields)}
            } catch (e: any) {
                throw new Error(`block ${n}: cannot encode event ${r.event.pallet}.${r.event.name}: ${e.message}`)
            }
        })))
        put(NUMBER_KEY, u8aToHex(new Uint8Array(new Uint32Array([n]).buffer)))
        this.eventsByBlock.set(n, records.map(r => r.event))
        // Not a trie root: a running digest of the parent's root and this block's writes (and the reorg
        // branch), so equal inputs give equal hashes and different branches differ.
        const digest = createHash('sha256').update(this.stateRoot)
        for (const k of [...this.storage.changedAt(n)].sort()) digest.update(k).update(this.storage.get(n, k) ?? '-')
        if (this.branch) digest.update(`branch-${this.branch}`)
        this.stateRoot = '0x' + digest.digest('hex')
        const parentHash = n === 0 ? '0x' + '00'.repeat(32) : this.blocks[n - 1].hash
        const extrinsicsRoot = blake2AsHex(u8aConcat(...extrinsics.map(hexToU8a)), 256)
        const header = rtNow.registry.createType('Header', {parentHash, number: n, stateRoot: this.stateRoot, extrinsicsRoot, digest: {logs: []}})
        const block: BlockRecord = {
            number: n,
            hash: header.hash.toHex(),
            header: {parentHash, number: '0x' + n.toString(16), stateRoot: this.stateRoot, extrinsicsRoot, digest: {logs: []}},
            extrinsics,
            includedHashes,
            timestampMs,
        }
        this.blocks.push(block)
        this.byHash.set(block.hash, n)
        return block
    }
}
