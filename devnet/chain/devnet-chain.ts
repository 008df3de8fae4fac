/**
 * One chain of the devnet: its blocks, headers and hashes (deterministic from the seed and inputs),
 * its storage at every block, its transaction pool and account nonces, and the runtime of every
 * block's state. Block N executes with the runtime of block N-1, as on a real chain. The staking
 * world is shared with the other chains of the layout; `network.ts` steps them together.
 */
import {createHash} from 'crypto'
import {blake2AsHex} from '@polkadot/util-crypto'
import {hexToU8a, u8aConcat, u8aToHex} from '@polkadot/util'
import type {Runtime} from '../runtime/runtime'
import {encodeEventRecords, type Phase} from '../runtime/runtime'
import {VersionedStorage} from './versioned-storage'
import type {World} from '../scenario/world'
import {writeTokens} from '../scenario/state-writer'
import type {LogicalEvent, RuntimeFeatures} from '../scenario/staking-cycle'
import {Journal} from '../scenario/journal'
import {dispatch} from '../extrinsics/dispatch'
import {decodeExtrinsic, PoolError, validateSigned, type ChainView} from '../extrinsics/transaction-validity'
import {palletAllowed, type ChainRole} from './chain-role'
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

const EVENTS_KEY = '0x26aa394eea5630e07c48ae0c9558cef780d41e5e16056765bc8461851072c9d7'
const NUMBER_KEY = '0x26aa394eea5630e07c48ae0c9558cef702a5c1b19ab7a04f536c519aca4983ac'

export interface ChainOptions {
    role: ChainRole
    /** Runtimes by the first block whose state they run (the first must start at 0). */
    runtimes: {fromBlock: number; rt: Runtime}[]
    world: World
    dev: DevAccount[]
    /** Distinguishes the chains of one layout (their genesis hashes differ). */
    genesisSalt: string
}

/** A block being built: its extrinsics and event records, until sealed. */
interface OpenBlock {
    number: number
    timestampMs: number
    rtPrev: Runtime
    extrinsics: string[]
    records: {phase: Phase; event: LogicalEvent}[]
    includedHashes: string[]
}

export class DevnetChain {
    readonly blocks: BlockRecord[] = []
    readonly storage = new VersionedStorage()
    /** Submitted extrinsics waiting for the next block. */
    readonly pool: SubmittedExtrinsic[] = []
    /** Submitted extrinsics included per block number (for replays after a fork). */
    readonly included = new Map<number, SubmittedExtrinsic[]>()
    /** Events produced per block, in logical form (what the scenario did: the tests' ground truth). */
    readonly eventsByBlock = new Map<number, LogicalEvent[]>()
    readonly nonces = new Map<string, number>()
    /** Reorg generation of the blocks produced next (0 until the first fork); blocks remember theirs. */
    branch = 0
    readonly branchOf = new Map<number, number>()
    private readonly byHash = new Map<string, number>()
    private stateRoot: string
    private open: OpenBlock | undefined

    constructor(readonly options: ChainOptions) {
        this.stateRoot = '0x' + createHash('sha256').update(`genesis:${options.genesisSalt}`).digest('hex')
    }

    get role(): ChainRole {
        return this.options.role
    }

    get world(): World {
        return this.options.world
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

    nonceOf(who: string): number {
        return this.nonces.get(who) ?? 0
    }

    /** Whether this chain runs staking (the payout bot and staking calls execute here). */
    get isStakingChain(): boolean {
        return palletAllowed(this.role, 'Staking') && this.rtAt(this.head?.number ?? 0).hasPallet('Staking')
    }

    features(n: number): RuntimeFeatures {
        const rt = this.rtAt(n)
        return {
            imOnline: rt.hasPallet('ImOnline'),
            pagedExposures: rt.hasStorage('Staking', 'ErasStakersPaged'),
            stakingAsync: rt.hasEvent('Staking', 'SessionRotated'),
            ahClient: rt.hasEvent('StakingAhClient', 'ValidatorSetReceived'),
        }
    }

    view(): ChainView {
        return {
            genesisHash: this.genesisHash,
            head: this.head.number,
            hashAt: n => this.blocks[n]?.hash,
            nonceOf: who => this.nonceOf(who),
        }
    }

    /** Validate and queue a signed extrinsic for the next block; throws PoolError as a node would. */
    submit(hex: unknown): SubmittedExtrinsic {
        const rt = this.rtAt(this.head.number)
        const ext = decodeExtrinsic(rt, hex)
        const hash = blake2AsHex(hexToU8a(hex as string), 256)
        // As a Substrate pool: the same bytes again are known, not a nonce conflict with themselves.
        if (this.pool.some(p => p.hash === hash)) throw new PoolError(1013, 'Transaction Already Imported', hash)
        const pendingFromSigner = ext.isSigned ? this.pool.filter(p => p.signer === u8aToHex(ext.signer.toU8a().slice(-32))).length : 0
        const valid = validateSigned(rt, ext, this.view(), pendingFromSigner)
        const item = {hex: hex as string, hash, signer: valid.signer, nonce: valid.nonce}
        this.pool.push(item)
        return item
    }

    /** Start block n: the Timestamp.set inherent and its success event. */
    begin(n: number, timestampMs: number): void {
        const rtPrev = this.rtAt(Math.max(0, n - 1))
        this.open = {number: n, timestampMs, rtPrev, extrinsics: [], records: [], includedHashes: []}
        if (n === 0) return
        this.open.extrinsics.push(rtPrev.timestampExtrinsic(timestampMs))
        this.open.records.push({
            phase: {applyExtrinsic: 0},
            event: {pallet: 'System', name: 'ExtrinsicSuccess', fields: {dispatchInfo: dispatchInfo('Mandatory', 'No')}},
        })
    }

    /** Add the world's events of this block that belong to this chain. */
    addEvents(phase: Phase, events: LogicalEvent[]): void {
        const block = this.openBlock()
        for (const e of events) if (palletAllowed(this.role, e.pallet) && e.pallet !== 'System') block.records.push({phase, event: e})
    }

    /** Apply a signed extrinsic in the open block: nonce, dispatch, ExtrinsicSuccess/Failed. */
    apply(hex: string, journal = new Journal()): void {
        const block = this.openBlock()
        const rt = block.rtPrev
        const index = block.extrinsics.length
        block.extrinsics.push(hex)
        const ext = decodeExtrinsic(rt, hex)
        const signer = u8aToHex(ext.signer.toU8a().slice(-32))
        this.nonces.set(signer, this.nonceOf(signer) + 1)
        this.world.mark('account', signer)
        const ctx = {
            world: this.world,
            journal,
            block: block.number,
            features: this.features(block.number - 1),
            events: [] as LogicalEvent[],
            dispatchError: (e: {pallet: string; name: string}) => (e.pallet ? {Module: rt.moduleError(e.pallet, e.name)} : e.name),
            allowed: (section: string) => palletAllowed(this.role, section[0].toUpperCase() + section.slice(1)),
        }
        const err = dispatch(ctx, signer, ext.method as any)
        for (const e of ctx.events) block.records.push({phase: {applyExtrinsic: index}, event: e})
        block.records.push({
            phase: {applyExtrinsic: index},
            event: err
                ? {
                      pallet: 'System',
                      name: 'ExtrinsicFailed',
                      fields: {dispatchError: ctx.dispatchError(err), dispatchInfo: dispatchInfo('Normal', 'Yes')},
                  }
                : {pallet: 'System', name: 'ExtrinsicSuccess', fields: {dispatchInfo: dispatchInfo('Normal', 'Yes')}},
        })
    }

    /** Apply the extrinsics submitted to this chain. */
    applySubmitted(submitted: SubmittedExtrinsic[]): void {
        for (const s of submitted) this.apply(s.hex)
        this.openBlock().includedHashes.push(...submitted.map(s => s.hash))
        if (submitted.length) this.included.set(this.openBlock().number, submitted)
    }

    /** A payout_stakers(_by_page) extrinsic of the scenario's payout bot (ed25519: deterministic signatures). */
    signPayout(validator: string, era: number, page: number): string {
        const block = this.openBlock()
        const rt = block.rtPrev
        const bot = this.options.dev.find(d => d.name === 'Ferdie')!
        const tx = rt.decorated.tx as any
        const call = this.features(block.number - 1).pagedExposures
            ? tx.staking.payoutStakersByPage(validator, era, page)
            : tx.staking.payoutStakers(validator, era)
        const ext = rt.registry.createType('Extrinsic', call)
        ext.sign(bot.pair, {
            nonce: this.nonceOf(bot.publicKey),
            era: rt.registry.createType('ExtrinsicEra'),
            blockHash: this.genesisHash,
            genesisHash: this.genesisHash,
            runtimeVersion: rt.version as any,
            signedExtensions: rt.registry.signedExtensions,
        } as any)
        return ext.toHex()
    }

    /** Finish the open block: write the changed entities, System.Events, the header. */
    seal(tokens: Iterable<string>): BlockRecord {
        const block = this.openBlock()
        this.open = undefined
        const n = block.number
        const rtNow = this.rtAt(n)
        const put = (key: string, value: string | null) => this.storage.set(n, key, value)
        // Block U that sets the new code runs the old runtime (CodeUpdated, old storage format); the new
        // runtime first executes block U+1, where its migration rewrites the state in the new format.
        if (n > 0 && rtNow !== block.rtPrev)
            block.records.push({phase: 'finalization', event: {pallet: 'System', name: 'CodeUpdated', fields: {}}})
        const migrates = n === 0 || (n > 1 && block.rtPrev !== this.rtAt(n - 2))
        const rtExec = n === 0 ? rtNow : block.rtPrev
        writeTokens(
            this.world,
            {rt: rtExec, role: this.role, nonceOf: who => this.nonceOf(who), put},
            migrates ? this.world.allTokens() : tokens,
            block.timestampMs,
        )
        const order = (p: Phase) => (p === 'initialization' ? 0 : p === 'finalization' ? 2 : 1)
        block.records.sort((a, b) => order(a.phase) - order(b.phase))
        put(
            EVENTS_KEY,
            encodeEventRecords(
                block.records.map(r => {
                    try {
                        return {phase: r.phase, event: block.rtPrev.encodeEvent(r.event.pallet, r.event.name, r.event.fields)}
                    } catch (e: any) {
                        throw new Error(`${this.role} block ${n}: cannot encode event ${r.event.pallet}.${r.event.name}: ${e.message}`)
                    }
                }),
            ),
        )
        put(NUMBER_KEY, u8aToHex(new Uint8Array(new Uint32Array([n]).buffer)))
        this.eventsByBlock.set(
            n,
            block.records.map(r => r.event),
        )
        // Not a trie root: a running digest of the parent's root and this block's writes (and the reorg
        // branch), so equal inputs give equal hashes and different branches differ.
        const digest = createHash('sha256').update(this.stateRoot)
        for (const k of [...this.storage.changedAt(n)].sort()) digest.update(k).update(this.storage.get(n, k) ?? '-')
        if (this.branch) digest.update(`branch-${this.branch}`)
        this.branchOf.set(n, this.branch)
        this.stateRoot = '0x' + digest.digest('hex')
        const parentHash = n === 0 ? '0x' + '00'.repeat(32) : this.blocks[n - 1].hash
        const extrinsicsRoot = blake2AsHex(u8aConcat(...block.extrinsics.map(hexToU8a)), 256)
        const header = rtNow.registry.createType('Header', {
            parentHash,
            number: n,
            stateRoot: this.stateRoot,
            extrinsicsRoot,
            digest: {logs: []},
        })
        const record: BlockRecord = {
            number: n,
            hash: header.hash.toHex(),
            header: {parentHash, number: '0x' + n.toString(16), stateRoot: this.stateRoot, extrinsicsRoot, digest: {logs: []}},
            extrinsics: block.extrinsics,
            includedHashes: block.includedHashes,
            timestampMs: block.timestampMs,
        }
        this.blocks.push(record)
        this.byHash.set(record.hash, n)
        return record
    }

    private openBlock(): OpenBlock {
        if (!this.open) throw new Error(`${this.role}: no block is being built`)
        return this.open
    }
}

function dispatchInfo(cls: string, paysFee: string) {
    return {weight: {refTime: 1_000_000_000, proofSize: 0}, class: cls, paysFee}
}
