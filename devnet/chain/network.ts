/**
 * The chains of one layout stepped together over one staking world: per height, the world's session
 * and era logic runs once, each chain gets the events of its pallets, the staking chain runs the
 * payout bot, every chain applies its submitted extrinsics, and each seals its block.
 */
import type {ScenarioSpec} from '../scenario/scenario-spec'
import {genesisWorld, type World} from '../scenario/world'
import {duePayouts, extraPayout, noteAuthor, onInitialize, startEra, type RuntimeFeatures} from '../scenario/staking-cycle'
import {loadRuntime} from '../runtime/metadata-sources'
import type {DevAccount} from '../scenario/dev-accounts'
import {DevnetChain, type BlockRecord, type SubmittedExtrinsic} from './devnet-chain'
import type {ChainRole} from './chain-role'
import {contentFlags, type BlockContent} from './fork-variant'

/** Fixed genesis time so the same seed gives the same timestamps (2026-01-01T00:00:00Z). */
export const GENESIS_TIMESTAMP_MS = 1_767_225_600_000

export class Network {
    readonly world: World
    readonly chains: DevnetChain[]
    /** Blocks a fork's branch made depart from the scenario (another author, payouts dropped or added), by height. */
    readonly contentOf = new Map<number, BlockContent>()

    constructor(
        readonly spec: ScenarioSpec,
        readonly seed: number,
        readonly dev: DevAccount[],
    ) {
        this.world = genesisWorld(spec, seed, dev)
        startEra(this.world, 0, 0, GENESIS_TIMESTAMP_MS)
        this.chains = spec.chains.map(
            c =>
                new DevnetChain({
                    role: c.role,
                    runtimes: c.runtimes.map(r => ({fromBlock: r.fromBlock, rt: loadRuntime(r.id)})),
                    world: this.world,
                    dev,
                    genesisSalt: `${spec.name}/${c.role}/${seed}`,
                }),
        )
        for (const c of this.chains) c.begin(0, GENESIS_TIMESTAMP_MS)
        this.world.drainDirty()
        for (const c of this.chains) c.seal([])
    }

    chain(role: ChainRole): DevnetChain | undefined {
        return this.chains.find(c => c.role === role)
    }

    /** The chain that runs staking (the single chain of the legacy layout, Asset Hub in the current one). */
    get stakingChain(): DevnetChain {
        return this.chains.find(c => c.isStakingChain) ?? this.chains[0]
    }

    get height(): number {
        return this.chains[0].head.number
    }

    /**
     * Produce the next block on every chain, with the submitted extrinsics of each (default: their pools) and
     * the content a fork's branch asks for (`contentOf` then holds what the block got: no extra payout when none was left).
     */
    step(submitted?: Map<ChainRole, SubmittedExtrinsic[]>, branch?: number, content: BlockContent = {}): BlockRecord[] {
        const n = this.height + 1
        if (branch !== undefined) for (const c of this.chains) c.branch = branch
        const timestampMs = GENESIS_TIMESTAMP_MS + n * this.spec.slotMs
        const staking = this.stakingChain
        const relay = this.chain('relay') ?? staking
        const relayFeatures = relay.features(n - 1)
        const features: RuntimeFeatures = {...staking.features(n - 1), imOnline: relayFeatures.imOnline, ahClient: relayFeatures.ahClient}
        for (const c of this.chains) c.begin(n, timestampMs)
        const init = onInitialize(this.world, n, timestampMs, features)
        for (const c of this.chains) c.addEvents('initialization', init)
        const payouts = content.dropPayouts ? [] : duePayouts(this.world, n, features)
        const extra = content.extraPayout ? extraPayout(this.world, payouts, features) : undefined
        if (extra) payouts.push(extra)
        const flags = contentFlags({...content, extraPayout: extra !== undefined})
        if (flags) this.contentOf.set(n, flags)
        else this.contentOf.delete(n)
        for (const p of payouts) staking.apply(staking.signPayout(p.validator, p.era, p.page))
        for (const c of this.chains) c.applySubmitted(submitted?.get(c.role) ?? c.pool.splice(0))
        noteAuthor(this.world, n, content.otherAuthor)
        const tokens = this.world.drainDirty()
        return this.chains.map(c => c.seal(tokens))
    }
}
