/**
 * The soak's devnet in a process of its own (a reorg rebuilds the chain for seconds; the soak's proxies and
 * clock must not stop meanwhile): it produces a block every `blockTimeMs`, reorgs on request, and reports
 * each chain's recent hashes and the finalized head after every change over IPC.
 */
import {startDevnet, type Devnet} from '../devnet'
import type {ScenarioSpec} from '../devnet/scenario/scenario-spec'

export interface DevnetHostOptions {
    scenario: ScenarioSpec
    seed: number
    blockTimeMs: number
    finalityLagBlocks: number
}

/** Blocks whose hashes each report carries: enough to cover every block a reorg can replace. */
const RECENT_BLOCKS = 8

export type ToHost = {type: 'reorg'; depth: number} | {type: 'pause'} | {type: 'stop'}

export interface ChainHeads {
    /** When the devnet made the change (ms since the epoch: the soak runs on one machine). */
    atMs: number
    best: number
    finalized: number
    /** Per chain role: [number, hash] of its last blocks (all chains of the layout have the same heights). */
    recent: Record<string, [number, string][]>
}

export type FromHost =
    | {type: 'ready'; endpoints: {role: string; url: string}[]; feedUrl: string; feedPath: string; genesisHash: string; heads: ChainHeads}
    | {type: 'heads'; heads: ChainHeads}
    | {type: 'reorged'; depth: number; heads: ChainHeads}
    | {type: 'failed'; message: string}

function headsOf(devnet: Devnet): ChainHeads {
    const best = devnet.head().number
    const recent: ChainHeads['recent'] = {}
    for (const e of devnet.endpoints) {
        const blocks = e.chain.blocks
        recent[e.role] = blocks.slice(Math.max(0, best - RECENT_BLOCKS + 1), best + 1).map(b => [b.number, b.hash])
    }
    return {atMs: Date.now(), best, finalized: devnet.finalized().number, recent}
}

async function main(): Promise<void> {
    const opts = JSON.parse(process.argv[2]) as DevnetHostOptions
    const send = (m: FromHost) => process.send?.(m)
    const devnet = await startDevnet({
        scenario: opts.scenario,
        seed: opts.seed,
        port: 0,
        blockTimeMs: 0,
        finalityLagBlocks: opts.finalityLagBlocks,
    })
    let producing = true
    let timer: NodeJS.Timeout | undefined
    // One change at a time: a reorg waits for the block being made and the other way round.
    let busy: Promise<unknown> = Promise.resolve()
    const serially = (fn: () => Promise<unknown>) => (busy = busy.then(fn, fn))
    const tick = () => {
        timer = setTimeout(() => {
            void serially(async () => {
                if (!producing) return
                await devnet.produceBlocks(1)
                send({type: 'heads', heads: headsOf(devnet)})
            }).then(() => {
                if (producing) tick()
            })
        }, opts.blockTimeMs)
    }
    process.on('message', (m: ToHost) => {
        if (m.type === 'reorg') {
            void serially(async () => {
                try {
                    await devnet.fork(m.depth)
                    send({type: 'reorged', depth: m.depth, heads: headsOf(devnet)})
                } catch (e) {
                    send({type: 'failed', message: `reorg of ${m.depth}: ${e instanceof Error ? e.message : String(e)}`})
                }
            })
        } else if (m.type === 'pause') {
            producing = false
            clearTimeout(timer)
        } else {
            producing = false
            clearTimeout(timer)
            void serially(() => devnet.stop()).then(() => process.exit(0))
        }
    })
    // The soak is gone (its IPC channel closed): nothing to serve any more.
    process.once('disconnect', () => process.exit(0))
    send({
        type: 'ready',
        endpoints: devnet.endpoints.map(e => ({role: e.role, url: e.url})),
        feedUrl: devnet.feedUrl,
        feedPath: new URL(devnet.feedUrl).pathname,
        genesisHash: devnet.chain.genesisHash,
        heads: headsOf(devnet),
    })
    tick()
}

main().catch(e => {
    process.send?.({type: 'failed', message: e instanceof Error ? (e.stack ?? e.message) : String(e)} satisfies FromHost)
    process.exit(1)
})
