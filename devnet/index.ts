/**
 * The devnet: a local Substrate JSON-RPC node (WebSocket and HTTP on one port) serving a seeded staking
 * world on real runtime metadata, for the real @polkadot/api and @subsquid/substrate-processor.
 *
 * Programmatic API:
 * ```ts
 * const devnet = await startDevnet({scenario: 'legacy', seed: 1, port: 0, blockTimeMs: 0, finalityLagBlocks: 2})
 * devnet.url / devnet.httpUrl            // ws://127.0.0.1:<port>, http://127.0.0.1:<port> (the first chain)
 * devnet.endpoints                        // [{role, url, httpUrl, chain}]: 'all' (legacy) or 'relay', 'assetHub', 'people' (current)
 * await devnet.produceBlocks(30)          // produce blocks now (blockTimeMs > 0 also produces on a timer)
 * devnet.head(); devnet.finalized()       // {number, hash, header, extrinsics, timestampMs} of the first chain
 * await devnet.fork(2)                    // reorg every chain: replace the last 2 blocks with a new branch of 3
 * await devnet.fork(2, {variant: 'drop-extrinsic'}) // … whose content differs: 'other-author' | 'drop-extrinsic' | 'add-extrinsic' (chain/fork-variant.ts)
 * await devnet.fork(2, {variant: 'add-extrinsic', extrinsics: [signedHex]}) // … its first block carries these
 * devnet.faults.failNext(3, {method: 'chain_getBlock', message: 'rate limit'}); devnet.faults.latencyMs = 50
 * devnet.faults.dropConnections()         // close every WebSocket
 * devnet.accounts                         // funded dev accounts (//Alice … //Ferdie) with their key pairs
 * devnet.chain.world                      // the scenario's logical state (validators, nominators, ledgers, eras …)
 * devnet.chainOf('assetHub').storage      // one chain's blocks, storage, pool
 * devnet.facts()                          // every event per chain and block, eras with points: compare an indexer's rows with it
 * devnet.feedUrl                          // ws://127.0.0.1:<port>/feed: substrate-telemetry feed of the scenario's validator nodes
 * devnet.feed.removeNode(name)            // feed controls (telemetry/feed-server.ts); it announces the first chain's genesis hash
 * await devnet.stop()
 * ```
 * The same controls are JSON-RPC methods on every chain's endpoint (`dev_newBlock`, `dev_fork`, `dev_faults`,
 * `dev_feed`, `dev_addNode`, `dev_removeNode`: rpc/dev-methods.ts, README.md).
 * Options: `upgradeAtBlock` (legacy layout's 9420 → 1002005 block), `initialBlocks`, `journalFile` (resume
 * the same chain after a restart). Scenarios: `legacy`, `current`, `kusama-scale` (scenario/scenario-spec.ts).
 * Blocks are deterministic from (scenario, seed, submitted extrinsics): a restarted devnet serves the same hashes.
 */
import fs from 'fs'
import {cryptoWaitReady} from '@polkadot/util-crypto'
import {entryInputs, journalHeader, journalLine, readJournal} from './chain/block-journal'
import {devAccounts, type DevAccount} from './scenario/dev-accounts'
import {scenarioByName, type ScenarioSpec} from './scenario/scenario-spec'
import {Network} from './chain/network'
import type {DevnetChain, BlockRecord} from './chain/devnet-chain'
import type {ChainRole} from './chain/chain-role'
import {startRpcServer, type RpcServer} from './rpc/json-rpc-server'
import {nodeMethods, type NodeBackend} from './rpc/node-methods'
import {addDevMethods} from './rpc/dev-methods'
import {PoolError} from './extrinsics/transaction-validity'
import {branchContents, FORK_VARIANTS, ForkError, isForkVariant, type ForkVariant} from './chain/fork-variant'
import type {Faults} from './rpc/fault-injection'
import {collectFacts, type ScenarioFacts} from './scenario/facts'
import {nodeOnlineAt, telemetryNodes, worldNodes} from './scenario/nodes'
import {startTelemetryFeed, type TelemetryFeed} from './telemetry/feed-server'
import {DEVNET_FEED_PATH} from './endpoints'

export interface DevnetOptions {
    scenario?: string | ScenarioSpec
    seed?: number
    /** 0 = free ports. Otherwise the first chain listens here and the others on the next ports. */
    port?: number
    host?: string
    /** Produce a block every this many ms; 0 = only on produceBlocks(). */
    blockTimeMs?: number
    /** Blocks between the best and the finalized head. */
    finalityLagBlocks?: number
    /** Blocks to produce before the server starts listening. */
    initialBlocks?: number
    /** Override the block of the legacy layout's runtime upgrade (9420 → 1002005). */
    upgradeAtBlock?: number
    /** Keep the chain's inputs in this file and resume from it on start: a restarted devnet serves the same chain. */
    journalFile?: string
    /** Produce a block as soon as an extrinsic is submitted (besides the timer, if any). */
    instantSeal?: boolean
}

export interface ForkOptions {
    /** What the new branch carries differently (default `same-content`: only its hashes differ). */
    variant?: ForkVariant
    /** `add-extrinsic`: signed extrinsics (hex) for the new branch's first block, valid at the fork point. */
    extrinsics?: string[]
    /** The chain that gets `extrinsics` (default: the staking chain). */
    chain?: ChainRole
}

export interface ChainEndpoint {
    role: ChainRole
    url: string
    httpUrl: string
    port: number
    readonly chain: DevnetChain
}

export interface Devnet {
    /** Endpoints of the first chain (legacy: the only one; current: the relay). */
    url: string
    httpUrl: string
    port: number
    /** Every chain's endpoint: `all` (legacy) or `relay`, `assetHub`, `people` (current). */
    endpoints: ChainEndpoint[]
    spec: ScenarioSpec
    seed: number
    /** The first chain (legacy: the only one; current: the relay); `chain.world` is the shared staking world. */
    readonly chain: DevnetChain
    chainOf(role: ChainRole): DevnetChain
    accounts: DevAccount[]
    /** Faults of every chain's server at once. */
    faults: Faults
    /** The substrate-telemetry feed on the first chain's port: one node per scenario validator, the first chain's genesis. */
    feedUrl: string
    feed: TelemetryFeed
    produceBlocks(n?: number): Promise<BlockRecord[]>
    head(): BlockRecord
    finalized(): BlockRecord
    /**
     * Reorg every chain: replace the last `depth` blocks with a new branch one block longer (the first chain's
     * blocks are returned). Throws ForkError (naming the bad option) and leaves the chain as it was when the fork
     * would reach below finality or its variant cannot change anything.
     */
    fork(depth: number, options?: ForkOptions): Promise<BlockRecord[]>
    facts(): ScenarioFacts
    stop(): Promise<void>
}

export async function startDevnet(options: DevnetOptions = {}): Promise<Devnet> {
    await cryptoWaitReady()
    const base = typeof options.scenario === 'object' ? options.scenario : scenarioByName(options.scenario ?? 'legacy')
    const spec: ScenarioSpec =
        options.upgradeAtBlock === undefined
            ? base
            : {
                  ...base,
                  chains: base.chains.map(c =>
                      c.role !== 'all'
                          ? c
                          : {...c, runtimes: c.runtimes.map((r, i) => (i === 1 ? {...r, fromBlock: options.upgradeAtBlock!} : r))},
                  ),
              }
    const seed = options.seed ?? 1
    const lag = options.finalityLagBlocks ?? 2
    const accounts = devAccounts(0)
    let network = new Network(spec, seed, accounts)
    let finalizedNumber = 0
    const newBlockListeners = new Map<ChainRole, Set<(b: BlockRecord[]) => void>>()
    const finalizedListeners = new Map<ChainRole, Set<(b: BlockRecord) => void>>()
    for (const c of network.chains) {
        newBlockListeners.set(c.role, new Set())
        finalizedListeners.set(c.role, new Set())
    }
    const chainOf = (role: ChainRole): DevnetChain => {
        const c = network.chain(role)
        if (!c) throw new Error(`scenario ${spec.name} has no ${role} chain`)
        return c
    }

    let feed: TelemetryFeed | undefined
    /** Nodes that go offline for good leave the feed at their block; the others import the first chain's best block, with its finalized block. */
    const feedImport = () => {
        if (!feed) return
        for (const v of network.chains[0].world.validators.values())
            if (v.nodeOfflineFromBlock !== undefined && network.height >= v.nodeOfflineFromBlock && feed.nodeIds(v.nodeName).length)
                feed.removeNode(v.nodeName)
        feed.importBlock(network.chains[0].head, network.chains[0].blocks[finalizedNumber])
    }
    /** Tell subscribers of each chain about its new blocks (each step made one block per chain), then finality. */
    const announce = (steps: BlockRecord[][]) => {
        network.chains.forEach((c, i) => {
            const blocks = steps.map(s => s[i])
            for (const cb of [...newBlockListeners.get(c.role)!]) cb(blocks)
        })
        const target = Math.max(finalizedNumber, network.height - lag)
        while (finalizedNumber < target) {
            finalizedNumber++
            for (const c of network.chains) for (const cb of [...finalizedListeners.get(c.role)!]) cb(c.blocks[finalizedNumber])
        }
        feedImport()
    }
    const journalFile = options.journalFile
    const resumed = journalFile ? readJournal(journalFile, spec.name, seed) : []
    for (const entry of resumed) network.step(entryInputs(entry), entry.branch, entry.content)
    if (journalFile && resumed.length === 0) fs.writeFileSync(journalFile, journalHeader(spec.name, seed))
    const produce = (n: number): BlockRecord[][] => {
        const out: BlockRecord[][] = []
        for (let i = 0; i < n; i++) {
            const inputs = new Map(network.chains.map(c => [c.role, c.pool.splice(0)] as const))
            out.push(network.step(inputs))
            if (journalFile) fs.appendFileSync(journalFile, journalLine(network.height, network.chains[0].branch, inputs))
        }
        return out
    }
    const initial = Math.max(0, (options.initialBlocks ?? 0) - network.height)
    if (initial > 0) produce(initial)
    finalizedNumber = Math.max(0, network.height - lag)

    let sealScheduled = false
    const onSubmitted = () => {
        if (!options.instantSeal || sealScheduled) return
        sealScheduled = true
        setImmediate(() => {
            sealScheduled = false
            announce(produce(1))
        })
    }

    const servers: RpcServer[] = []
    const endpoints: ChainEndpoint[] = []
    const methodsByRole = new Map<ChainRole, ReturnType<typeof nodeMethods>>()
    for (const [i, c] of network.chains.entries()) {
        const role = c.role
        const backend: NodeBackend = {
            chain: () => chainOf(role),
            finalizedNumber: () => finalizedNumber,
            properties: {ss58Format: 0, tokenDecimals: 10, tokenSymbol: 'DOT'},
            chainName: `Devnet ${spec.name}${role === 'all' ? '' : ` ${role}`}`,
            onNewBlocks(cb) {
                newBlockListeners.get(role)!.add(cb)
                return () => newBlockListeners.get(role)!.delete(cb)
            },
            onFinalized(cb) {
                finalizedListeners.get(role)!.add(cb)
                return () => finalizedListeners.get(role)!.delete(cb)
            },
            onSubmitted,
        }
        const methods = nodeMethods(backend)
        methodsByRole.set(role, methods)
        const server = await startRpcServer(
            methods,
            options.port ? options.port + i : 0,
            options.host ?? '127.0.0.1',
            i === 0 ? [DEVNET_FEED_PATH] : [],
        )
        servers.push(server)
        endpoints.push({
            role,
            url: server.url,
            httpUrl: server.httpUrl,
            port: server.port,
            get chain() {
                return chainOf(role)
            },
        })
    }
    const started = await startTelemetryFeed({
        server: servers[0].httpServer,
        path: DEVNET_FEED_PATH,
        chain: {label: `Devnet ${spec.name}`, genesisHash: network.chains[0].genesisHash},
        nodes: telemetryNodes(worldNodes(network.chains[0].world, 0).filter(n => nodeOnlineAt(n, network.height))),
    })
    feed = started
    feedImport()
    const faults = servers.length === 1 ? servers[0].faults : combinedFaults(servers.map(s => s.faults))
    let timer: NodeJS.Timeout | undefined
    if (options.blockTimeMs && options.blockTimeMs > 0) {
        timer = setInterval(() => announce(produce(1)), options.blockTimeMs)
    }

    const devnet: Devnet = {
        url: endpoints[0].url,
        httpUrl: endpoints[0].httpUrl,
        port: endpoints[0].port,
        endpoints,
        feedUrl: endpoints[0].url + DEVNET_FEED_PATH,
        feed: started,
        spec,
        seed,
        get chain() {
            return network.chains[0]
        },
        chainOf,
        accounts,
        faults,
        async produceBlocks(n = 1) {
            const steps = produce(n)
            announce(steps)
            return steps.map(s => s[0])
        },
        head: () => network.chains[0].head,
        finalized: () => network.chains[0].blocks[finalizedNumber],
        async fork(depth: number, forkOptions: ForkOptions = {}) {
            const variant = forkOptions.variant ?? 'same-content'
            if (!isForkVariant(variant))
                throw new ForkError('variant', `unknown fork variant ${JSON.stringify(variant)} (known: ${FORK_VARIANTS.join(', ')})`)
            const head = network.height
            const forkPoint = head - depth
            if (!Number.isSafeInteger(depth) || depth < 1 || forkPoint < finalizedNumber) {
                throw new ForkError(
                    'depth',
                    `cannot reorg ${depth} blocks: the fork point ${forkPoint} must be at or after the finalized block ${finalizedNumber}`,
                )
            }
            const extrinsics = forkOptions.extrinsics ?? []
            if (extrinsics.length && variant !== 'add-extrinsic')
                throw new ForkError('extrinsics', `extrinsics go with the add-extrinsic variant, not ${variant}`)
            if (
                variant === 'drop-extrinsic' &&
                !network.chains.some(c => c.blocks.slice(forkPoint + 1).some(b => b.extrinsics.length > 1))
            ) {
                throw new ForkError('variant', `drop-extrinsic: blocks ${forkPoint + 1}..${head} carry no signed extrinsic to drop`)
            }
            // Replay the same inputs up to the fork point (same hashes), then grow a new branch one block longer;
            // the devnet switches to it only once it is built, so a refused fork leaves the chain as it was.
            const replay = new Network(spec, seed, accounts)
            let journal = journalHeader(spec.name, seed)
            for (let n = 1; n <= forkPoint; n++) {
                const inputs = new Map(network.chains.map(c => [c.role, c.included.get(n) ?? []] as const))
                const branch = network.chains[0].branchOf.get(n) ?? 0
                const content = network.contentOf.get(n)
                replay.step(inputs, branch, content)
                journal += journalLine(n, branch, inputs, content)
            }
            const branch = Math.max(...network.chains.map(c => c.branch)) + 1
            for (const c of replay.chains) c.branch = branch
            const target = forkOptions.chain === undefined ? replay.stakingChain : replay.chain(forkOptions.chain)
            if (!target) throw new ForkError('chain', `scenario ${spec.name} has no ${forkOptions.chain} chain`)
            extrinsics.forEach((hex, i) => {
                try {
                    target.submit(hex)
                } catch (e) {
                    const reason = e instanceof PoolError ? `${e.code} ${e.message}${e.data ? `: ${e.data}` : ''}` : (e as Error).message
                    throw new ForkError(
                        `extrinsics[${i}]`,
                        `extrinsics[${i}] is not valid at the fork point (block ${forkPoint} of the ${target.role} chain): ${reason}`,
                    )
                }
            })
            const steps: BlockRecord[][] = []
            for (const content of branchContents(variant, depth + 1, extrinsics.length > 0)) {
                const inputs = new Map(replay.chains.map(c => [c.role, c.pool.splice(0)] as const))
                steps.push(replay.step(inputs, undefined, content))
                journal += journalLine(replay.height, branch, inputs, replay.contentOf.get(replay.height))
            }
            if (variant === 'add-extrinsic' && !extrinsics.length && !replay.contentOf.get(forkPoint + 1)?.extraPayout) {
                throw new ForkError(
                    'variant',
                    `add-extrinsic: no unclaimed payout page to add in block ${forkPoint + 1} (none before the first era ends); pass extrinsics`,
                )
            }
            network = replay
            if (journalFile) fs.writeFileSync(journalFile, journal)
            announce(steps)
            return steps.map(s => s[0])
        },
        facts: () => collectFacts(network),
        async stop() {
            if (timer) clearInterval(timer)
            await started.stop()
            for (const s of servers) await s.stop()
        },
    }
    servers.forEach((s, i) => {
        const role = network.chains[i].role
        addDevMethods(methodsByRole.get(role)!, devnet, role, s.faults)
    })
    return devnet
}

/** One Faults object driving several servers: the same rules and latency everywhere. */
function combinedFaults(all: Faults[]): Faults {
    const first = all[0]
    const proxy = new Proxy(first, {
        set(target, prop, value) {
            for (const f of all) (f as any)[prop] = value
            return true
        },
        get(target, prop) {
            const v = (target as any)[prop]
            if (prop === 'failNext' || prop === 'clear') return (...args: any[]) => all.forEach(f => (f as any)[prop](...args))
            if (prop === 'dropConnections') return () => all.reduce((s, f) => s + f.dropConnections(), 0)
            if (prop === 'openConnections') return () => all.reduce((s, f) => s + f.openConnections(), 0)
            return typeof v === 'function' ? v.bind(target) : v
        },
    })
    return proxy
}

export type {BlockRecord} from './chain/devnet-chain'
export {ForkError, FORK_VARIANTS, type ForkVariant} from './chain/fork-variant'
export {DEV_METHODS} from './rpc/dev-methods'
export type {ScenarioFacts} from './scenario/facts'
export type {ChainRole} from './chain/chain-role'
export {scenarios} from './scenario/scenario-spec'
