/**
 * The soak's fault schedule: which fault is injected when, as a pure function of (seed, duration), so a
 * run that found something is replayed by giving the same seed and duration.
 */
import {SeededRandom} from '../devnet/scenario/seeded-random'

export type ChainTarget = 'relay' | 'assetHub' | 'people'
/** The soak stack's services: one processor per chain and the telemetry follower. */
export type ServiceTarget = ChainTarget | 'telemetry'

export const CHAIN_TARGETS: readonly ChainTarget[] = ['relay', 'assetHub', 'people']
export const SERVICE_TARGETS: readonly ServiceTarget[] = [...CHAIN_TARGETS, 'telemetry']

export type Fault =
    /** kill -9 of one service; the launcher's supervisor restarts it. */
    | {kind: 'kill'; atMs: number; service: ServiceTarget}
    /** Every chain replaces its last `depth` blocks with a branch one block longer (both stacks see it). */
    | {kind: 'reorg'; atMs: number; depth: number}
    /** The next `count` JSON-RPC requests to one chain get this error reply instead of their answer. */
    | {kind: 'rpc-errors'; atMs: number; chain: ChainTarget; count: number; code: number; message: string}
    /** Every JSON-RPC request of every chain waits `latencyMs` before it is forwarded, for `durationMs`. */
    | {kind: 'latency'; atMs: number; durationMs: number; latencyMs: number}
    /** Every open WebSocket (chains and telemetry feed) is cut. */
    | {kind: 'drop-connections'; atMs: number}
    /** The telemetry feed sends and answers nothing for `durationMs`, as a hung server. */
    | {kind: 'feed-stall'; atMs: number; durationMs: number}
    /** The soak stack's Postgres stops (fast shutdown: connections cut) and starts again after `downMs`. */
    | {kind: 'postgres-restart'; atMs: number; downMs: number}

export type FaultKind = Fault['kind']

/**
 * Error replies a node or provider gives: the first two the Subsquid client retries, the third it does
 * not (the processor exits and the supervisor restarts it), so it comes one at a time. The client pauses
 * 10 ms, 0.1, 0.5, 2, 10, then 20 s after each error in a row: five in a row cost 12.6 s, eight over a
 * minute, which would make a stall of the client's own schedule.
 */
export const MAX_ERRORS_IN_A_ROW = 5
const ERROR_REPLIES = [
    {code: -32029, message: 'rate limit exceeded', count: [1, MAX_ERRORS_IN_A_ROW]},
    {code: -32000, message: 'execution timeout', count: [1, MAX_ERRORS_IN_A_ROW]},
    {code: -32603, message: 'Internal error', count: [1, 1]},
] as const

/** On average one fault of a kind (one kill per service) per this long; every kind comes at least once. */
const MEAN_INTERVAL_MS: Record<FaultKind, number> = {
    kill: 6 * 60_000,
    reorg: 6 * 60_000,
    'rpc-errors': 4 * 60_000,
    latency: 6 * 60_000,
    'drop-connections': 5 * 60_000,
    'feed-stall': 10 * 60_000,
    'postgres-restart': 10 * 60_000,
}

/** Faults start after this share of the run and end before this share: both stacks start and settle clean. */
const FIRST_FAULT_SHARE = 0.1
const LAST_FAULT_SHARE = 0.9
/** A fault that lasts may take at most this share of the run. */
const MAX_WINDOW_SHARE = 0.15

/** The reorg depths the devnet's finality lag allows (the soak runs it with a lag of 3). */
export const MAX_REORG_DEPTH = 3

/**
 * @returns the faults sorted by time (ms from the start of the run); each kind (each service for kills)
 *   at least once, more in longer runs.
 */
export function faultSchedule(seed: number, durationMs: number): Fault[] {
    if (!Number.isInteger(seed) || seed < 0) throw new Error(`soak seed: expected a non-negative integer, got ${seed}`)
    if (!(durationMs > 0)) throw new Error(`soak duration: expected a positive number of ms, got ${durationMs}`)
    const rng = new SeededRandom(seed, 'soak-faults')
    const from = durationMs * FIRST_FAULT_SHARE
    const to = durationMs * LAST_FAULT_SHARE
    const count = (kind: FaultKind) => Math.max(1, Math.round(durationMs / MEAN_INTERVAL_MS[kind]))
    const between = (lo: number, hi: number) => lo + rng.next() * (hi - lo)
    /** A window of [lo, hi] ms (shrunk in short runs) placed so that it ends by `to`. */
    const window = (lo: number, hi: number) => {
        const max = Math.min(hi, durationMs * MAX_WINDOW_SHARE)
        const length = Math.round(between(Math.min(lo, max), max))
        return {atMs: Math.round(between(from, to - length)), durationMs: length}
    }
    const at = () => Math.round(between(from, to))
    const faults: Fault[] = []
    for (const service of SERVICE_TARGETS) {
        for (let i = 0; i < count('kill'); i++) faults.push({kind: 'kill', atMs: at(), service})
    }
    for (let i = 0; i < count('reorg'); i++) faults.push({kind: 'reorg', atMs: at(), depth: 1 + rng.int(MAX_REORG_DEPTH)})
    for (let i = 0; i < count('rpc-errors'); i++) {
        // The fatal reply at most once in every three, and at least once per run.
        const reply = i === 0 ? ERROR_REPLIES[2] : ERROR_REPLIES[rng.int(i % 3 === 0 ? 3 : 2)]
        const n = reply.count[0] + rng.int(reply.count[1] - reply.count[0] + 1)
        faults.push({kind: 'rpc-errors', atMs: at(), chain: rng.pick(CHAIN_TARGETS), count: n, code: reply.code, message: reply.message})
    }
    for (let i = 0; i < count('latency'); i++) faults.push({kind: 'latency', ...window(10_000, 60_000), latencyMs: 20 + rng.int(481)})
    for (let i = 0; i < count('drop-connections'); i++) faults.push({kind: 'drop-connections', atMs: at()})
    for (let i = 0; i < count('feed-stall'); i++) faults.push({kind: 'feed-stall', ...window(5_000, 40_000)})
    for (let i = 0; i < count('postgres-restart'); i++) faults.push({kind: 'postgres-restart', atMs: at(), downMs: 500 + rng.int(4501)})
    return faults.sort((a, b) => a.atMs - b.atMs || a.kind.localeCompare(b.kind))
}

/** One line per fault, for the run's log. */
export function describeFault(f: Fault): string {
    switch (f.kind) {
        case 'kill':
            return `kill -9 ${f.service}`
        case 'reorg':
            return `reorg of ${f.depth} block(s)`
        case 'rpc-errors':
            return `${f.count} × "${f.message}" (${f.code}) from ${f.chain}`
        case 'latency':
            return `${f.latencyMs} ms RPC latency for ${(f.durationMs / 1000).toFixed(1)} s`
        case 'drop-connections':
            return 'drop every WebSocket'
        case 'feed-stall':
            return `telemetry feed stalled for ${(f.durationMs / 1000).toFixed(1)} s`
        case 'postgres-restart':
            return `Postgres restart, down ${(f.downMs / 1000).toFixed(1)} s`
    }
}
