/**
 * Benchmark (`npm run bench:telemetry`): 5,000 nodes on the devnet feed (in a child process, so the
 * follower has its own core), then a stream of feed messages (ImportedBlock and NodeStatsUpdate, with
 * 1 % churn: a node leaving and coming back under a new feed id); prints messages/s processed by the
 * follower (decode + state machine + batched Postgres writes), CPU time per message and memory.
 */
import {fork} from 'child_process'
import {createLogger} from '@subsquid/logger'
import pg from 'pg'
import {pgClientConfig} from '../db/connection'
import {applyMigrations} from '../db/migrate'
import {acquireDbServer, createTempDatabase} from '../db/test-database'
import {addedNodePayload, encodeFeedFrame, syntheticNodes} from '../devnet/telemetry/feed-encoding'
import {startTelemetryFeed} from '../devnet/telemetry/feed-server'
import {indexCandidates} from './candidate-match'
import {decodeFeedFrame} from './feed-frame'
import {ChainNodeState} from './node-state'
import {TelemetryFollower} from './telemetry-follower'
import {TelemetryStore} from './telemetry-store'

const NODES = Number(process.env.BENCH_NODES || 5000)
const MESSAGES = Number(process.env.BENCH_MESSAGES || 500_000)
const PER_FRAME = 100

type ToFeed = {send: number}
type FromFeed = {url: string; chain: string} | {sent: number}

async function feedProcess(): Promise<void> {
    const nodes = syntheticNodes(NODES)
    const feed = await startTelemetryFeed({port: 0, nodes, nodesPerFrame: 500})
    process.send!({url: feed.url, chain: feed.chain.genesisHash} satisfies FromFeed)
    process.on('message', async (m: ToFeed) => {
        let sent = 0
        let height = 2
        const ids = nodes.map(n => feed.nodeIds(n.name)[0])
        let churn = 0
        while (sent < m.send) {
            const frame: unknown[] = []
            for (let i = 0; i < PER_FRAME - 2; i++) {
                const k = (sent + i) % NODES
                if (i % 2 === 0) frame.push(6, [ids[k], [height, '0x' + height.toString(16).padStart(64, '0'), 6000, Date.now(), 120]])
                else frame.push(8, [ids[k], [20 + (i % 7), 0]])
            }
            feed.sendFrame(frame)
            // 1 % churn: a node restarts (leaves, comes back under a new feed id), one frame each.
            const k = churn++ % NODES
            feed.removeNode(nodes[k].name)
            ids[k] = feed.addNode(nodes[k])
            sent += PER_FRAME
            height++
            // Let the socket drain now and then, as a real server's write loop would.
            if (height % 50 === 0) await new Promise(r => setImmediate(r))
        }
        process.send!({sent} satisfies FromFeed)
    })
}

/** Decode + state machine alone, in this process, on pre-built frames of the same mix: the CPU ceiling. */
function pureRate(): {messagesPerSecond: number; addedPerSecond: number} {
    const nodes = syntheticNodes(NODES)
    const added: string[] = []
    for (let i = 0; i < NODES; i += 500)
        added.push(encodeFeedFrame(nodes.slice(i, i + 500).flatMap((n, k) => [3, addedNodePayload(i + k, n, [1, '0x01', 6000, 0, null])])))
    const frames: string[] = []
    for (let sent = 0; sent < MESSAGES; sent += PER_FRAME) {
        const frame: unknown[] = []
        for (let i = 0; i < PER_FRAME; i++) {
            const k = (sent + i) % NODES
            if (i % 2 === 0) frame.push(6, [k, [sent, '0x' + sent.toString(16).padStart(64, '0'), 6000, 1_731_000_000_000 + sent, 120]])
            else frame.push(8, [k, [20 + (i % 7), 0]])
        }
        frames.push(encodeFeedFrame(frame))
    }
    const state = new ChainNodeState('0xbench', 300_000)
    state.subscribed(0)
    let t = process.hrtime.bigint()
    for (const f of added) for (const m of decodeFeedFrame(f).messages) state.apply(m, 1)
    const addedS = Number(process.hrtime.bigint() - t) / 1e9
    t = process.hrtime.bigint()
    let n = 0
    for (const f of frames) {
        for (const m of decodeFeedFrame(f).messages) {
            state.apply(m, 2)
            n++
        }
    }
    const s = Number(process.hrtime.bigint() - t) / 1e9
    return {messagesPerSecond: Math.round(n / s), addedPerSecond: Math.round(NODES / addedS)}
}

async function main(): Promise<void> {
    const server = await acquireDbServer()
    const db = await createTempDatabase(server.settings, 'bench')
    try {
        await applyMigrations(db.settings)
        const pool = new pg.Pool({...pgClientConfig(db.settings), max: 4})
        const child = fork(__filename, ['feed'], {stdio: ['ignore', 'inherit', 'inherit', 'ipc']})
        const next = () => new Promise<FromFeed>(resolve => child.once('message', m => resolve(m as FromFeed)))
        const ready = (await next()) as {url: string; chain: string}
        const follower = new TelemetryFollower({
            feedUrl: ready.url,
            chain: ready.chain,
            offlineGraceMs: 300_000,
            reconnectMinDelayMs: 1000,
            reconnectMaxDelayMs: 60_000,
            silenceTimeoutMs: 60_000,
            flushIntervalMs: 1000,
            locationRefreshAfterMs: 172_800_000,
            candidates: indexCandidates([]),
            locator: null,
            store: new TelemetryStore(pool),
            log: createLogger('bench:telemetry'),
        })
        const t0 = Date.now()
        await follower.start()
        while (follower.state.onlineCount() < NODES) await new Promise(r => setTimeout(r, 5))
        await follower.flush()
        const snapshotMs = Date.now() - t0
        const memAfterSnapshot = process.memoryUsage()

        const before = follower.metrics.messages
        const cpu0 = process.cpuUsage()
        const start = process.hrtime.bigint()
        child.send({send: MESSAGES} satisfies ToFeed)
        while (follower.metrics.messages - before < MESSAGES) await new Promise(r => setImmediate(r))
        await follower.flush()
        const elapsedS = Number(process.hrtime.bigint() - start) / 1e9
        const cpu = process.cpuUsage(cpu0)
        const cpuS = (cpu.user + cpu.system) / 1e6
        const mem = process.memoryUsage()
        const {rows} = await pool.query(
            `SELECT (SELECT count(*) FROM telemetry_node)::int AS nodes, (SELECT count(*) FROM telemetry_node_interval)::int AS intervals`,
        )

        const processed = follower.metrics.messages - before
        const pure = pureRate()
        const mb = (b: number) => (b / 1024 / 1024).toFixed(1)
        console.log(`telemetry benchmark: ${NODES} nodes, ${processed} messages in frames of ${PER_FRAME} (1 % churn)`)
        console.log(
            `  decode + state machine only (one thread, no I/O): ${pure.messagesPerSecond} msg/s; AddedNode ${pure.addedPerSecond}/s`,
        )
        console.log(`  snapshot: ${NODES} AddedNode processed and persisted in ${snapshotMs} ms`)
        console.log(`  messages/s (wall, incl. batched Postgres writes): ${Math.round(processed / elapsedS)}`)
        console.log(
            `  messages per CPU-second of the follower process:   ${Math.round(processed / cpuS)}  (target >= 20000 on one core: ${(processed / cpuS / 20000).toFixed(2)}x)`,
        )
        console.log(`  CPU time per message: ${((cpuS * 1e6) / processed).toFixed(2)} us`)
        console.log(
            `  memory after snapshot: rss ${mb(memAfterSnapshot.rss)} MB, heap ${mb(memAfterSnapshot.heapUsed)} MB; after run: rss ${mb(mem.rss)} MB, heap ${mb(mem.heapUsed)} MB`,
        )
        console.log(
            `  heap per node: ${(memAfterSnapshot.heapUsed / NODES / 1024).toFixed(1)} KB; rows: ${rows[0].nodes} nodes, ${rows[0].intervals} intervals; flush errors ${follower.metrics.flushErrors}`,
        )
        await follower.stop()
        child.kill()
        await pool.end()
    } finally {
        await db.drop()
        await server.stop()
    }
}

if (process.argv[2] === 'feed') {
    void feedProcess()
} else {
    main().then(
        () => process.exit(0),
        e => {
            console.error(e)
            process.exit(1)
        },
    )
}
