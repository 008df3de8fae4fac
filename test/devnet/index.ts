/**
 * The devnet: a local Substrate JSON-RPC node (WebSocket and HTTP on one port) serving a seeded staking
 * world on real runtime metadata, for the real @polkadot/api and @subsquid/substrate-processor.
 *
 * Programmatic API:
 * ```ts
 * const devnet = await startDevnet({scenario: 'legacy', seed: 1, port: 0, blockTimeMs: 0, finalityLagBlocks: 2})
 * devnet.url / devnet.httpUrl            // ws://127.0.0.1:<port>, http://127.0.0.1:<port>
 * await devnet.produceBlocks(30)          // produce blocks now (blockTimeMs > 0 also produces on a timer)
 * devnet.head()                           // {number, hash, …} of the best block
 * await devnet.fork(2)                    // reorg: replace the last 2 blocks with a new branch of 3
 * devnet.faults.failNext(3, {method: 'chain_getBlock'}); devnet.faults.latencyMs = 50; devnet.faults.dropConnections()
 * devnet.accounts                         // funded dev accounts (//Alice … //Ferdie) with their key pairs
 * devnet.chain.world                      // the scenario's logical state (validators, nominators, eras …)
 * devnet.facts()                          // what the scenario produced, for comparison with an indexer's rows
 * await devnet.stop()
 * ```
 * Blocks are deterministic from (scenario, seed, submitted extrinsics): a restarted devnet serves the same hashes.
 */
import {cryptoWaitReady} from '@polkadot/util-crypto'
import {devAccounts, type DevAccount} from './scenario/dev-accounts'
import {scenarioByName, type ScenarioSpec} from './scenario/scenario-spec'
import {loadRuntime} from './runtime/metadata-sources'
import {DevnetChain, type BlockRecord} from './chain/devnet-chain'
import {startRpcServer, type RpcServer} from './rpc/json-rpc-server'
import {nodeMethods, type NodeBackend} from './rpc/node-methods'
import type {Faults} from './rpc/fault-injection'
import {collectFacts, type ScenarioFacts} from './scenario/facts'

export interface DevnetOptions {
    scenario?: string | ScenarioSpec
    seed?: number
    /** 0 = a free port. */
    port?: number
    host?: string
    /** Produce a block every this many ms; 0 = only on produceBlocks() (and never on submission). */
    blockTimeMs?: number
    /** Blocks between the best and the finalized head. */
    finalityLagBlocks?: number
    /** Blocks to produce before the server starts listening. */
    initialBlocks?: number
    /** Override the block of the scenario's runtime upgrade (legacy layout: 9420 → 1002005). */
    upgradeAtBlock?: number
}

export interface Devnet {
    url: string
    httpUrl: string
    port: number
    spec: ScenarioSpec
    seed: number
    readonly chain: DevnetChain
    accounts: DevAccount[]
    faults: Faults
    produceBlocks(n?: number): Promise<BlockRecord[]>
    head(): BlockRecord
    finalized(): BlockRecord
    fork(depth: number): Promise<BlockRecord[]>
    facts(): ScenarioFacts
    stop(): Promise<void>
}

export async function startDevnet(options: DevnetOptions = {}): Promise<Devnet> {
    await cryptoWaitReady()
    const base = typeof options.scenario === 'object' ? options.scenario : scenarioByName(options.scenario ?? 'legacy')
    const spec: ScenarioSpec = options.upgradeAtBlock === undefined ? base : {
        ...base,
        runtimes: base.runtimes.map((r, i) => (i === 1 ? {...r, fromBlock: options.upgradeAtBlock!} : r)),
    }
    const seed = options.seed ?? 1
    const lag = options.finalityLagBlocks ?? 2
    const accounts = devAccounts(0)
    const runtimes = spec.runtimes.map(r => ({fromBlock: r.fromBlock, rt: loadRuntime(r.id)}))
    let chain = new DevnetChain({spec, seed, runtimes, dev: accounts})
    let finalizedNumber = 0
    const newBlockListeners = new Set<(b: BlockRecord[]) => void>()
    const finalizedListeners = new Set<(b: BlockRecord) => void>()

    const announce = (blocks: BlockRecord[]) => {
        for (const cb of [...newBlockListeners]) cb(blocks)
        const target = Math.max(finalizedNumber, chain.head.number - lag)
        while (finalizedNumber < target) {
            finalizedNumber++
            const b = chain.blocks[finalizedNumber]
            for (const cb of [...finalizedListeners]) cb(b)
        }
    }
    const produce = (n: number): BlockRecord[] => {
        const out: BlockRecord[] = []
        for (let i = 0; i < n; i++) out.push(chain.produceBlock())
        return out
    }
    const initial = options.initialBlocks ?? 0
    if (initial > 0) {
        produce(initial)
        finalizedNumber = Math.max(0, chain.head.number - lag)
    }

    const backend: NodeBackend = {
        chain: () => chain,
        finalizedNumber: () => finalizedNumber,
        properties: {ss58Format: 0, tokenDecimals: 10, tokenSymbol: 'DOT'},
        chainName: `Devnet (${spec.name})`,
        onNewBlocks(cb) {
            newBlockListeners.add(cb)
            return () => newBlockListeners.delete(cb)
        },
        onFinalized(cb) {
            finalizedListeners.add(cb)
            return () => finalizedListeners.delete(cb)
        },
    }
    const server: RpcServer = await startRpcServer(nodeMethods(backend), options.port ?? 0, options.host ?? '127.0.0.1')
    let timer: NodeJS.Timeout | undefined
    if (options.blockTimeMs && options.blockTimeMs > 0) {
        timer = setInterval(() => announce(produce(1)), options.blockTimeMs)
    }

    return {
        url: server.url,
        httpUrl: server.httpUrl,
        port: server.port,
        spec,
        seed,
        get chain() {
            return chain
        },
        accounts,
        faults: server.faults,
        async produceBlocks(n = 1) {
            const blocks = produce(n)
            announce(blocks)
            return blocks
        },
        head: () => chain.head,
        finalized: () => chain.blocks[finalizedNumber],
        async fork(depth: number) {
            const head = chain.head.number
            const forkPoint = head - depth
            if (depth < 1 || forkPoint < finalizedNumber) {
                throw new Error(`cannot reorg ${depth} blocks: the fork point ${forkPoint} must be at or after the finalized block ${finalizedNumber}`)
            }
            // Replay the same inputs up to the fork point (same hashes), then grow a new branch one block longer.
            const replay = new DevnetChain({spec, seed, runtimes, dev: accounts, branch: 0})
            for (let n = 1; n <= forkPoint; n++) replay.produce(chain.included.get(n) ?? [])
            replay.branch = chain.branch + 1
            chain = replay
            const blocks = produce(depth + 1)
            announce(blocks)
            return blocks
        },
        facts: () => collectFacts(chain),
        async stop() {
            if (timer) clearInterval(timer)
            await server.stop()
        },
    }
}

export type {BlockRecord} from './chain/devnet-chain'
export type {ScenarioFacts} from './scenario/facts'
export {scenarios} from './scenario/scenario-spec'
