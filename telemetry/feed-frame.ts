/**
 * Decodes one substrate-telemetry feed frame (protocol version 32) into typed messages: a frame is a
 * JSON array `[action, payload, action, payload, …]`; unknown actions are counted and skipped, and a
 * bad payload is reported with its action and position while the rest of the frame still decodes.
 */

export const FEED_VERSION = 32

export interface NodeStats {
    peers: number
    txCount: number
}

export interface BlockDetails {
    height: number
    hash: string
    blockTimeMs: number
    blockTimestampMs: number
    propagationTimeMs: number | null
}

export interface NodeHardware {
    /** Bytes per second, one value per chart stamp. */
    upload: number[]
    download: number[]
    chartStampsMs: number[]
}

export interface NodeIO {
    usedStateCacheSizes: number[]
}

export interface NodeLocation {
    latitude: number
    longitude: number
    city: string
}

export interface NodeSysInfo {
    cpu: string | null
    memoryBytes: number | null
    coreCount: number | null
    linuxKernel: string | null
    linuxDistro: string | null
    isVirtualMachine: boolean | null
}

export interface NodeHwBench {
    cpuHashrateScore: number
    memoryMemcpyScore: number
    diskSequentialWriteScore: number | null
    diskRandomWriteScore: number | null
}

export interface NodeDetails {
    name: string
    implementation: string
    version: string
    /** SS58 address the node reports as its validator; null when not a validator or not exposed. */
    validatorAddress: string | null
    /** libp2p peer id. */
    networkId: string | null
    /** Only on feeds run with expose-node-details. */
    ip: string | null
    sysinfo: NodeSysInfo | null
}

export interface Ranking<K> {
    list: [K, number][]
    other: number
    unknown: number
}

/** `[lo, hi]` bucket; `hi` null for the open top bucket. */
export type Range = [number, number | null]

export interface ChainStats {
    version?: Ranking<string>
    targetOs?: Ranking<string>
    targetArch?: Ranking<string>
    cpu?: Ranking<string>
    memory?: Ranking<Range>
    coreCount?: Ranking<number>
    linuxKernel?: Ranking<string>
    linuxDistro?: Ranking<string>
    isVirtualMachine?: Ranking<boolean>
    cpuHashrateScore?: Ranking<Range>
    memoryMemcpyScore?: Ranking<Range>
    diskSequentialWriteScore?: Ranking<Range>
    diskRandomWriteScore?: Ranking<Range>
}

export type FeedMessage =
    | {action: 'FeedVersion'; version: number}
    | {action: 'BestBlock'; height: number; timestampMs: number; avgBlockTimeMs: number | null}
    | {action: 'BestFinalized'; height: number; hash: string}
    | {
          action: 'AddedNode'
          nodeId: number
          details: NodeDetails
          stats: NodeStats
          io: NodeIO
          hardware: NodeHardware
          block: BlockDetails
          location: NodeLocation | null
          startupTimeMs: number | null
          hwbench: NodeHwBench | null
      }
    | {action: 'RemovedNode'; nodeId: number}
    | {action: 'LocatedNode'; nodeId: number; location: NodeLocation}
    | {action: 'ImportedBlock'; nodeId: number; block: BlockDetails}
    | {action: 'FinalizedBlock'; nodeId: number; height: number; hash: string}
    | {action: 'NodeStatsUpdate'; nodeId: number; stats: NodeStats}
    | {action: 'Hardware'; nodeId: number; hardware: NodeHardware}
    | {action: 'TimeSync'; timeMs: number}
    | {action: 'AddedChain'; label: string; genesisHash: string; nodeCount: number}
    | {action: 'RemovedChain'; genesisHash: string}
    | {action: 'SubscribedTo'; genesisHash: string}
    | {action: 'UnsubscribedFrom'; genesisHash: string}
    | {action: 'Pong'; payload: string}
    | {action: 'StaleNode'; nodeId: number}
    | {action: 'NodeIOUpdate'; nodeId: number; io: NodeIO}
    | {action: 'ChainStatsUpdate'; stats: ChainStats}

export type FeedAction = FeedMessage['action']

/** A whole frame that cannot be read (not JSON, not a flat pair array). */
export class FeedFrameError extends Error {
    override name = 'FeedFrameError'
    constructor(
        readonly reason: string,
        readonly framePreview: string,
    ) {
        super(`telemetry feed frame rejected: ${reason} (frame starts ${JSON.stringify(framePreview)})`)
    }
}

/** One payload that does not have the shape its action requires. */
export class FeedPayloadError extends Error {
    override name = 'FeedPayloadError'
    constructor(
        readonly path: string,
        readonly expected: string,
        readonly got: unknown,
    ) {
        super(`${path}: expected ${expected}, got ${preview(got)}`)
    }
}

export interface RejectedMessage {
    /** Position of the pair in the frame (0 = first action). */
    index: number
    action: number
    error: string
}

export interface DecodedFrame {
    messages: FeedMessage[]
    /** Action codes this decoder does not know, skipped. */
    unknownActions: number[]
    rejected: RejectedMessage[]
}

export function decodeFeedFrame(text: string): DecodedFrame {
    let json: unknown
    try {
        json = JSON.parse(text)
    } catch (e: any) {
        throw new FeedFrameError(`not JSON (${e.message})`, text.slice(0, 80))
    }
    if (!Array.isArray(json)) throw new FeedFrameError('not a JSON array', text.slice(0, 80))
    if (json.length % 2 !== 0)
        throw new FeedFrameError(`odd number of elements (${json.length}): actions and payloads must pair up`, text.slice(0, 80))
    const out: DecodedFrame = {messages: [], unknownActions: [], rejected: []}
    for (let i = 0; i < json.length; i += 2) {
        const action = json[i]
        if (typeof action !== 'number' || !Number.isInteger(action)) {
            out.rejected.push({index: i / 2, action: -1, error: `action at element ${i}: expected an integer, got ${preview(action)}`})
            continue
        }
        const decode = DECODERS[action]
        if (!decode) {
            out.unknownActions.push(action)
            continue
        }
        try {
            out.messages.push(decode(json[i + 1]))
        } catch (e) {
            if (!(e instanceof FeedPayloadError)) throw e
            out.rejected.push({index: i / 2, action, error: `action ${action} (${ACTION_NAMES[action]}) at pair ${i / 2}: ${e.message}`})
        }
    }
    return out
}

export const ACTION_NAMES: Record<number, FeedAction> = {
    0: 'FeedVersion',
    1: 'BestBlock',
    2: 'BestFinalized',
    3: 'AddedNode',
    4: 'RemovedNode',
    5: 'LocatedNode',
    6: 'ImportedBlock',
    7: 'FinalizedBlock',
    8: 'NodeStatsUpdate',
    9: 'Hardware',
    10: 'TimeSync',
    11: 'AddedChain',
    12: 'RemovedChain',
    13: 'SubscribedTo',
    14: 'UnsubscribedFrom',
    15: 'Pong',
    20: 'StaleNode',
    21: 'NodeIOUpdate',
    22: 'ChainStatsUpdate',
}

const DECODERS: Record<number, (p: unknown) => FeedMessage> = {
    0: p => ({action: 'FeedVersion', version: int(p, 'version')}),
    1: p => {
        const t = tuple(p, 3, 'BestBlock')
        return {
            action: 'BestBlock',
            height: int(t[0], 'height'),
            timestampMs: num(t[1], 'timestamp'),
            avgBlockTimeMs: nullable(t[2], num, 'avgBlockTime'),
        }
    },
    2: p => {
        const t = tuple(p, 2, 'BestFinalized')
        return {action: 'BestFinalized', height: int(t[0], 'height'), hash: str(t[1], 'hash')}
    },
    3: decodeAddedNode,
    4: p => ({action: 'RemovedNode', nodeId: int(p, 'nodeId')}),
    5: p => {
        const t = tuple(p, 4, 'LocatedNode')
        return {
            action: 'LocatedNode',
            nodeId: int(t[0], 'nodeId'),
            location: {latitude: num(t[1], 'lat'), longitude: num(t[2], 'lon'), city: str(t[3], 'city')},
        }
    },
    6: p => {
        const t = tuple(p, 2, 'ImportedBlock')
        return {action: 'ImportedBlock', nodeId: int(t[0], 'nodeId'), block: blockDetails(t[1], 'ImportedBlock[1]')}
    },
    7: p => {
        const t = tuple(p, 3, 'FinalizedBlock')
        return {action: 'FinalizedBlock', nodeId: int(t[0], 'nodeId'), height: int(t[1], 'height'), hash: str(t[2], 'hash')}
    },
    8: p => {
        const t = tuple(p, 2, 'NodeStatsUpdate')
        return {action: 'NodeStatsUpdate', nodeId: int(t[0], 'nodeId'), stats: nodeStats(t[1], 'NodeStatsUpdate[1]')}
    },
    9: p => {
        const t = tuple(p, 2, 'Hardware')
        return {action: 'Hardware', nodeId: int(t[0], 'nodeId'), hardware: nodeHardware(t[1], 'Hardware[1]')}
    },
    10: p => ({action: 'TimeSync', timeMs: num(p, 'TimeSync')}),
    11: p => {
        const t = tuple(p, 3, 'AddedChain')
        return {action: 'AddedChain', label: str(t[0], 'label'), genesisHash: str(t[1], 'genesisHash'), nodeCount: int(t[2], 'nodeCount')}
    },
    12: p => ({action: 'RemovedChain', genesisHash: str(p, 'RemovedChain')}),
    13: p => ({action: 'SubscribedTo', genesisHash: str(p, 'SubscribedTo')}),
    14: p => ({action: 'UnsubscribedFrom', genesisHash: str(p, 'UnsubscribedFrom')}),
    15: p => ({action: 'Pong', payload: str(p, 'Pong')}),
    20: p => ({action: 'StaleNode', nodeId: int(p, 'nodeId')}),
    21: p => {
        const t = tuple(p, 2, 'NodeIOUpdate')
        return {action: 'NodeIOUpdate', nodeId: int(t[0], 'nodeId'), io: nodeIO(t[1], 'NodeIOUpdate[1]')}
    },
    22: p => ({action: 'ChainStatsUpdate', stats: chainStats(p)}),
}

/**
 * Upstream substrate-telemetry sends hwbench as the 9th outer element with 7 detail fields; the W3F
 * feed (real frames, Nov 2024) sends it as the 8th detail field and 8 outer elements. Accept both.
 */
function decodeAddedNode(p: unknown): FeedMessage {
    const t = tuple(p, 8, 'AddedNode')
    const d = tuple(t[1], 7, 'AddedNode.details')
    const hwbenchRaw = d.length > 7 && d[7] != null ? d[7] : t[8]
    return {
        action: 'AddedNode',
        nodeId: int(t[0], 'AddedNode.nodeId'),
        details: {
            name: str(d[0], 'details.name'),
            implementation: str(d[1], 'details.implementation'),
            version: str(d[2], 'details.version'),
            validatorAddress: nullable(d[3], str, 'details.validatorAddress'),
            networkId: nullable(d[4], str, 'details.networkId'),
            ip: nullable(d[5], str, 'details.ip'),
            sysinfo: nullable(d[6], sysinfo, 'details.sysinfo'),
        },
        stats: nodeStats(t[2], 'AddedNode.stats'),
        io: nodeIO(t[3], 'AddedNode.io'),
        hardware: nodeHardware(t[4], 'AddedNode.hardware'),
        block: blockDetails(t[5], 'AddedNode.block'),
        location: nullable(t[6], location, 'AddedNode.location'),
        startupTimeMs: nullable(t[7], num, 'AddedNode.startupTime'),
        hwbench: hwbenchRaw == null ? null : hwbench(hwbenchRaw, 'AddedNode.hwbench'),
    }
}

function nodeStats(v: unknown, path: string): NodeStats {
    const t = tuple(v, 2, path)
    return {peers: int(t[0], `${path}.peers`), txCount: int(t[1], `${path}.txCount`)}
}

function nodeIO(v: unknown, path: string): NodeIO {
    const t = tuple(v, 1, path)
    return {usedStateCacheSizes: numbers(t[0], `${path}.usedStateCacheSizes`)}
}

function nodeHardware(v: unknown, path: string): NodeHardware {
    const t = tuple(v, 3, path)
    return {
        upload: numbers(t[0], `${path}.upload`),
        download: numbers(t[1], `${path}.download`),
        chartStampsMs: numbers(t[2], `${path}.chartStamps`),
    }
}

function blockDetails(v: unknown, path: string): BlockDetails {
    const t = tuple(v, 5, path)
    return {
        height: int(t[0], `${path}.height`),
        hash: str(t[1], `${path}.hash`),
        blockTimeMs: num(t[2], `${path}.blockTime`),
        blockTimestampMs: num(t[3], `${path}.blockTimestamp`),
        propagationTimeMs: nullable(t[4], num, `${path}.propagationTime`),
    }
}

function location(v: unknown, path: string): NodeLocation {
    const t = tuple(v, 3, path)
    return {latitude: num(t[0], `${path}.lat`), longitude: num(t[1], `${path}.lon`), city: str(t[2], `${path}.city`)}
}

function sysinfo(v: unknown, path: string): NodeSysInfo {
    const o = object(v, path)
    return {
        cpu: nullable(o.cpu, str, `${path}.cpu`),
        memoryBytes: nullable(o.memory, num, `${path}.memory`),
        coreCount: nullable(o.core_count, int, `${path}.core_count`),
        linuxKernel: nullable(o.linux_kernel, str, `${path}.linux_kernel`),
        linuxDistro: nullable(o.linux_distro, str, `${path}.linux_distro`),
        isVirtualMachine: nullable(o.is_virtual_machine, bool, `${path}.is_virtual_machine`),
    }
}

function hwbench(v: unknown, path: string): NodeHwBench {
    const o = object(v, path)
    return {
        cpuHashrateScore: num(o.cpu_hashrate_score, `${path}.cpu_hashrate_score`),
        memoryMemcpyScore: num(o.memory_memcpy_score, `${path}.memory_memcpy_score`),
        diskSequentialWriteScore: nullable(o.disk_sequential_write_score, num, `${path}.disk_sequential_write_score`),
        diskRandomWriteScore: nullable(o.disk_random_write_score, num, `${path}.disk_random_write_score`),
    }
}

const STRING_KEY = (v: unknown, path: string) => str(v, path)
const NUMBER_KEY = (v: unknown, path: string) => num(v, path)
const BOOL_KEY = (v: unknown, path: string) => bool(v, path)
const RANGE_KEY = (v: unknown, path: string): Range => {
    const t = tuple(v, 2, path)
    return [num(t[0], `${path}[0]`), nullable(t[1], num, `${path}[1]`)]
}

/** Wire key (snake_case) → our key and how its ranking keys look. */
const CHAIN_STATS_FIELDS: [string, keyof ChainStats, (v: unknown, path: string) => unknown][] = [
    ['version', 'version', STRING_KEY],
    ['target_os', 'targetOs', STRING_KEY],
    ['target_arch', 'targetArch', STRING_KEY],
    ['cpu', 'cpu', STRING_KEY],
    ['memory', 'memory', RANGE_KEY],
    ['core_count', 'coreCount', NUMBER_KEY],
    ['linux_kernel', 'linuxKernel', STRING_KEY],
    ['linux_distro', 'linuxDistro', STRING_KEY],
    ['is_virtual_machine', 'isVirtualMachine', BOOL_KEY],
    ['cpu_hashrate_score', 'cpuHashrateScore', RANGE_KEY],
    ['memory_memcpy_score', 'memoryMemcpyScore', RANGE_KEY],
    ['disk_sequential_write_score', 'diskSequentialWriteScore', RANGE_KEY],
    ['disk_random_write_score', 'diskRandomWriteScore', RANGE_KEY],
]

function chainStats(v: unknown): ChainStats {
    const o = object(v, 'ChainStatsUpdate')
    const out: Record<string, Ranking<unknown>> = {}
    for (const [wire, key, decodeKey] of CHAIN_STATS_FIELDS) {
        if (o[wire] === undefined) continue
        const path = `ChainStatsUpdate.${wire}`
        const r = object(o[wire], path)
        const list = array(r.list, `${path}.list`).map((entry, i): [unknown, number] => {
            const e = tuple(entry, 2, `${path}.list[${i}]`)
            return [decodeKey(e[0], `${path}.list[${i}][0]`), int(e[1], `${path}.list[${i}][1]`)]
        })
        out[key] = {list, other: int(r.other, `${path}.other`), unknown: int(r.unknown, `${path}.unknown`)}
    }
    return out as ChainStats
}

function tuple(v: unknown, minLength: number, path: string): unknown[] {
    if (!Array.isArray(v) || v.length < minLength) throw new FeedPayloadError(path, `an array of at least ${minLength} elements`, v)
    return v
}

function array(v: unknown, path: string): unknown[] {
    if (!Array.isArray(v)) throw new FeedPayloadError(path, 'an array', v)
    return v
}

function numbers(v: unknown, path: string): number[] {
    const a = array(v, path)
    for (let i = 0; i < a.length; i++) if (typeof a[i] !== 'number') throw new FeedPayloadError(`${path}[${i}]`, 'a number', a[i])
    return a as number[]
}

function object(v: unknown, path: string): Record<string, unknown> {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new FeedPayloadError(path, 'an object', v)
    return v as Record<string, unknown>
}

function num(v: unknown, path: string): number {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new FeedPayloadError(path, 'a number', v)
    return v
}

function int(v: unknown, path: string): number {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new FeedPayloadError(path, 'a non-negative integer', v)
    return v
}

function str(v: unknown, path: string): string {
    if (typeof v !== 'string') throw new FeedPayloadError(path, 'a string', v)
    return v
}

function bool(v: unknown, path: string): boolean {
    if (typeof v !== 'boolean') throw new FeedPayloadError(path, 'a boolean', v)
    return v
}

function nullable<T>(v: unknown, decode: (v: unknown, path: string) => T, path: string): T | null {
    return v === null || v === undefined ? null : decode(v, path)
}

function preview(v: unknown): string {
    if (v === undefined) return 'nothing'
    const s = JSON.stringify(v)
    return s.length > 60 ? s.slice(0, 57) + '...' : s
}
