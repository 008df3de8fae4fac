/**
 * `npm run bench:squid`: indexes a Kusama-size devnet scenario (2,000 validators, 12,500 nominators,
 * 1,000 elected, Kusama's 3,600-block eras) with the relay processor and with the same processor on a
 * no-op handler, and prints blocks/s, events/s, their ratio (target >= 0.9), peak RSS, the CPU seconds
 * of the processor (and of its main and snapshot threads), the devnet and Postgres, and the time spent
 * in the handler, and how far the squid is behind the no-op at every 1,000th block. BENCH_BLOCKS sets the chain
 * length (default 9,000: two era ends, the second with the steady-state snapshot, and half an era after
 * it); BENCH_RPC_LATENCY_MS lists the delays of every RPC answer to measure at (default `0,5`: the devnet
 * answering at once, and as a node on the LAN does); BENCH_PAIRS the pairs of runs at each (default 3);
 * BENCH_TRANSPORT `ws` (default, as the configs for real chains use) or `http`.
 * One devnet serves every run, and the summary gives the median ratio of the pairs with its range:
 * identical runs differ by a few percent on a shared machine.
 */
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import {type DbSettings, pgClientConfig} from '../../db/connection'
import {applyMigrations} from '../../db/migrate'
import {acquireDbServer, createTempDatabase} from '../../db/test-database'
import {startDevnet} from '../../devnet'
import {layerEvents} from '../run-chain-processor'
import {relayMapping} from '../relay/mapping'
import {ChainLayer} from '../chain-layer'
import {startProcessorChild} from '../processor-child'

interface RunResult {
    seconds: number
    peakRssMb: number
    /**
     * CPU seconds (user + system) of the processor; of its main thread and its snapshot thread (both
     * included in `processor`, beside V8's and libuv's helper threads; the snapshot thread is found by its
     * nice 19, on Linux); of this process (the devnet serving it) and of Postgres.
     */
    cpu: {processor: number; mainThread: number; snapshotThread: number; devnet: number; postgres: number}
    /** The processor's own log lines about the identity copy, era snapshots (read and write times) and its handler's time. */
    logLines: string[]
    /** Seconds into the run at which block `i * PROGRESS_STEP` was committed (the processor's status row). */
    committedAt: number[]
}

/** Blocks between the points at which the two runs' progress is compared. */
const PROGRESS_STEP = 1000

/**
 * Polls the processor's committed height (its status row) until `stop` and records when each
 * PROGRESS_STEP-th block was committed: comparing the two runs shows where the squid falls behind.
 */
function trackCommits(db: DbSettings, started: bigint) {
    const committedAt: number[] = []
    const client = new pg.Client(pgClientConfig(db))
    let polling = true
    const done = (async () => {
        await client.connect()
        while (polling) {
            try {
                const height: number = (await client.query('SELECT height FROM squid_processor.status WHERE id = 0')).rows[0]?.height ?? -1
                const at = Number(process.hrtime.bigint() - started) / 1e9
                while (committedAt.length * PROGRESS_STEP <= height) committedAt.push(at)
            } catch {
                /* the schema is created as the processor starts */
            }
            await new Promise(resolve => setTimeout(resolve, 20))
        }
        await client.end()
    })()
    return {
        committedAt,
        stop: async () => {
            polling = false
            await done
        },
    }
}

async function timedRun(label: string, db: DbSettings, rpcUrl: string, toBlock: number, script?: string): Promise<RunResult> {
    const started = process.hrtime.bigint()
    const devnetCpu = process.cpuUsage()
    const postgresCpu = postgresCpuSeconds()
    const run = startProcessorChild({layer: ChainLayer.relay, db, rpcUrl, toBlock, script})
    const commits = trackCommits(db, started)
    let peakKb = 0
    let processorCpu = 0
    let snapshotThreadCpu = 0
    let mainThreadCpu = 0
    // VmHWM is the kernel's own peak-RSS mark for the process; sample it and the CPU time until the process ends.
    const sampler = setInterval(() => {
        try {
            const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${run.child.pid}/status`, 'utf8'))
            if (m) peakKb = Math.max(peakKb, Number(m[1]))
            processorCpu = cpuSeconds(run.child.pid!)
            mainThreadCpu = cpuSeconds(`${run.child.pid}/task/${run.child.pid}`)
            // Its counter only grows while it lives; the thread may end before the process.
            snapshotThreadCpu = Math.max(snapshotThreadCpu, lowPriorityThreadsCpuSeconds(run.child.pid!))
        } catch {
            /* the process has ended */
        }
    }, 50)
    const code = await run.exited
    clearInterval(sampler)
    await commits.stop()
    const devnetUsed = process.cpuUsage(devnetCpu)
    const cpu = {
        processor: processorCpu,
        mainThread: mainThreadCpu,
        snapshotThread: snapshotThreadCpu,
        devnet: (devnetUsed.user + devnetUsed.system) / 1e6,
        postgres: postgresCpuSeconds() - postgresCpu,
    }
    if (code !== 0) throw new Error(`${label} run exited with ${code} (signal ${run.child.signalCode}):\n${run.log().slice(-3000)}`)
    const logLines = run
        .log()
        .split('\n')
        .flatMap(l => {
            const msg = /"msg":"((copied|era \d+ ended|wrote the batch|handler took)[^"]*)"/.exec(l)
            return msg ? [msg[1]] : []
        })
    return {
        seconds: Number(process.hrtime.bigint() - started) / 1e9,
        peakRssMb: peakKb / 1024,
        cpu,
        logLines,
        committedAt: commits.committedAt,
    }
}

const CLOCK_TICKS = 100

/** Fields of /proc/<pid>/stat after the command name (field 3 onwards). */
function statFields(pid: number | string): string[] {
    return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
}

/** utime + stime of a process's threads that run at nice 19 (the snapshot thread), in seconds. */
function lowPriorityThreadsCpuSeconds(pid: number): number {
    const NICE = 16
    return fs
        .readdirSync(`/proc/${pid}/task`)
        .map(tid => `${pid}/task/${tid}`)
        .filter(task => Number(statFields(task)[NICE]) === 19)
        .reduce((sum, task) => sum + cpuSeconds(task), 0)
}

/** utime + stime of a process or (`<pid>/task/<tid>`) of one of its threads, in seconds. */
function cpuSeconds(pid: number | string): number {
    const f = statFields(pid)
    return (Number(f[11]) + Number(f[12])) / CLOCK_TICKS
}

/**
 * CPU seconds of the machine's Postgres: every backend's own, plus what the postmaster has reaped from
 * backends that already ended (its cutime + cstime).
 */
function postgresCpuSeconds(): number {
    const postgres = new Set<string>()
    for (const pid of fs.readdirSync('/proc').filter(d => /^\d+$/.test(d))) {
        try {
            if (fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') postgres.add(pid)
        } catch {
            /* the process has ended */
        }
    }
    let ticks = 0
    for (const pid of postgres) {
        try {
            const f = statFields(pid)
            ticks += Number(f[11]) + Number(f[12])
            if (!postgres.has(f[1])) ticks += Number(f[13]) + Number(f[14])
        } catch {
            /* the process has ended */
        }
    }
    return ticks / CLOCK_TICKS
}

/** The middle value; the mean of the two middle ones for an even count. */
function median(values: number[]): number {
    const v = [...values].sort((a, b) => a - b)
    const mid = Math.floor(v.length / 2)
    return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2
}

const NOOP = 'no-op handler'
const SQUID = 'squid'

function describeRun(r: RunResult, blocks: number, events: number): string {
    return (
        `${r.seconds.toFixed(2)} s  ${(blocks / r.seconds).toFixed(0)} blocks/s  ${(events / r.seconds).toFixed(0)} events/s  peak RSS ${r.peakRssMb.toFixed(0)} MB  ` +
        `CPU s: processor ${r.cpu.processor.toFixed(2)} (main thread ${r.cpu.mainThread.toFixed(2)}, snapshot thread ${r.cpu.snapshotThread.toFixed(2)}), ` +
        `devnet ${r.cpu.devnet.toFixed(2)}, postgres ${r.cpu.postgres.toFixed(2)}`
    )
}

/** Median times and rates of both sides, the squid's highest peak RSS, and the median ratio of the pairs with its range. */
function summarise(pairs: Record<string, RunResult>[], blocks: number, events: number): string {
    const ratios = pairs.map(p => p[NOOP].seconds / p[SQUID].seconds)
    const noop = median(pairs.map(p => p[NOOP].seconds))
    const squid = median(pairs.map(p => p[SQUID].seconds))
    return (
        `no-op ${noop.toFixed(2)} s (${(blocks / noop).toFixed(0)} blocks/s)  ` +
        `squid ${squid.toFixed(2)} s (${(blocks / squid).toFixed(0)} blocks/s, ${(events / squid).toFixed(0)} events/s, ` +
        `peak RSS ${Math.max(...pairs.map(p => p[SQUID].peakRssMb)).toFixed(0)} MB)  ` +
        `ratio median ${median(ratios).toFixed(3)} (${Math.min(...ratios).toFixed(3)}-${Math.max(...ratios).toFixed(3)})`
    )
}

async function main() {
    const blocks = Number(process.env.BENCH_BLOCKS || 9000)
    const latencies = (process.env.BENCH_RPC_LATENCY_MS || '0,5').split(',').map(Number)
    const pairs = Number(process.env.BENCH_PAIRS || 3)
    const transport = process.env.BENCH_TRANSPORT || 'ws'
    if (latencies.some(l => !Number.isFinite(l) || l < 0) || !Number.isInteger(pairs) || pairs < 1 || !['ws', 'http'].includes(transport)) {
        throw new Error(
            `BENCH_RPC_LATENCY_MS must list latencies in ms (e.g. 0,5,20), BENCH_PAIRS be a whole number >= 1 and BENCH_TRANSPORT ws or http, ` +
                `not ${process.env.BENCH_RPC_LATENCY_MS} / ${process.env.BENCH_PAIRS} / ${process.env.BENCH_TRANSPORT}`,
        )
    }
    const server = await acquireDbServer()
    const devnetStarted = Date.now()
    // The runtime upgrade (9420 → 1002005) mid-era, so the measured era end runs on the paged-exposure runtime.
    const devnet = await startDevnet({
        scenario: 'kusama-scale',
        seed: 1,
        port: 0,
        blockTimeMs: 0,
        finalityLagBlocks: 2,
        upgradeAtBlock: 300,
    })
    await devnet.produceBlocks(blocks)
    const to = devnet.finalized().number
    const names = new Set(layerEvents(relayMapping))
    const facts = devnet.facts()
    const events = Object.entries(facts.events)
        .filter(([n]) => names.has(n))
        .reduce((s, [, list]) => s + list.filter(e => e.block <= to).length, 0)
    // WebSocket, as the configs for real chains (wss://) and the SDK's cheaper transport per call; http:// for comparison.
    const rpcUrl = transport === 'ws' ? devnet.url : devnet.httpUrl
    console.log(
        `devnet kusama-scale: ${to + 1} finalized blocks, ${events} indexed events, built in ${((Date.now() - devnetStarted) / 1000).toFixed(1)} s; ` +
            `RPC over ${rpcUrl}; ${pairs} pair(s) of runs per RPC latency, the pair's order alternating so that drift in the machine's speed hits both sides`,
    )

    const run = async (label: string): Promise<RunResult> => {
        const db = await createTempDatabase(server.settings, 'bench')
        try {
            await applyMigrations(db.settings)
            return await timedRun(label, db.settings, rpcUrl, to, label === NOOP ? path.join(__dirname, 'noop-main.js') : undefined)
        } finally {
            await db.drop()
        }
    }
    const summaries: string[] = []
    for (const latencyMs of latencies) {
        devnet.faults.latencyMs = latencyMs
        console.log(`\n--- RPC latency ${latencyMs} ms`)
        const runs: Record<string, RunResult>[] = []
        for (let i = 0; i < pairs; i++) {
            const pair: Record<string, RunResult> = {}
            for (const label of i % 2 ? [SQUID, NOOP] : [NOOP, SQUID]) {
                pair[label] = await run(label)
                console.log(`${label.padEnd(14)} ${describeRun(pair[label], to + 1, events)}`)
            }
            for (const line of pair[SQUID].logLines) console.log(`  ${line}`)
            const behind = pair[SQUID].committedAt.map((at, j) => `${j * PROGRESS_STEP}: ${(at - pair[NOOP].committedAt[j]).toFixed(2)}`)
            console.log(`  squid behind the no-op (s) when block N is committed: ${behind.join(', ')}`)
            console.log(`  ratio of this pair: ${(pair[NOOP].seconds / pair[SQUID].seconds).toFixed(3)}`)
            runs.push(pair)
        }
        summaries.push(`${String(latencyMs).padStart(4)} ms  ${summarise(runs, to + 1, events)}`)
    }
    console.log(
        `\nsquid / no-op throughput by RPC latency over ${transport} (medians of ${pairs} pair(s); target >= 0.9):\n${summaries.join('\n')}`,
    )
    await devnet.stop()
    await server.stop()
}

main().catch(e => {
    console.error(e)
    process.exit(1)
})
