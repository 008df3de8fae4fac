/**
 * How the devnet feed writes its messages: the flattened `[action, payload, …]` frame and the AddedNode
 * payload in the layout the W3F feed sends (8 detail fields with hwbench last, 8 outer elements), plus
 * the node list derived from the programme's candidates (name = telemetry name, stash = validator).
 */
export interface DevnetTelemetryNode {
    name: string
    /** SS58 address the node reports as validator; null for a node that does not expose one. */
    validatorAddress: string | null
    version: string
    implementation?: string
    networkId?: string | null
    ip?: string | null
    startupTimeMs?: number | null
    location?: [number, number, string] | null
    sysinfo?: Record<string, unknown> | null
    hwbench?: Record<string, unknown> | null
}

export function encodeFeedFrame(frame: unknown[]): string {
    return JSON.stringify(frame)
}

export function addedNodePayload(id: number, n: DevnetTelemetryNode, block: unknown[]): unknown[] {
    const series = Array.from({length: 20}, (_, i) => 1_000_000 + i)
    return [
        id,
        [
            n.name,
            n.implementation ?? 'Parity Polkadot',
            n.version,
            n.validatorAddress,
            n.networkId ?? null,
            n.ip ?? null,
            n.sysinfo ?? null,
            n.hwbench ?? null,
        ],
        [25, 0],
        [series],
        [series, series, series.map(x => 1_731_000_000_000 + x)],
        block,
        n.location ?? null,
        n.startupTimeMs ?? null,
    ]
}

export interface CandidateEntry {
    name: string
    stash: string
    /** Client version the node reports; absent = one of two recent releases by position. */
    version?: string
    /** IP the node reports; absent = one in a hosting network's range, by position. */
    ip?: string
}

/**
 * One node per candidate, deterministic: the version, IP (from public ranges of a few hosting
 * networks) and hardware depend only on the position in the list.
 */
export function nodesFromCandidates(candidates: CandidateEntry[], opts: {count?: number; version?: string} = {}): DevnetTelemetryNode[] {
    const list = opts.count === undefined ? candidates : candidates.slice(0, opts.count)
    return list.map((c, i) => ({
        name: c.name,
        validatorAddress: c.stash,
        version: c.version ?? opts.version ?? (i % 5 === 0 ? '1.15.2-2c9d2dc4bd9' : '1.16.2-dba2dd59101'),
        implementation: i % 17 === 0 ? 'Kagome' : 'Parity Polkadot',
        networkId: `12D3KooWDevnet${String(i).padStart(6, '0')}`,
        ip: c.ip ?? DEVNET_IP_PREFIXES[i % DEVNET_IP_PREFIXES.length] + String(((i >> 2) % 254) + 1),
        startupTimeMs: 1_731_000_000_000 + i * 1000,
        location: null,
        sysinfo: {
            cpu: 'AMD Ryzen 9 7950X 16-Core Processor',
            memory: 68719476736,
            core_count: 16,
            linux_kernel: '6.8.0',
            linux_distro: 'Ubuntu 24.04 LTS',
            is_virtual_machine: i % 3 === 0,
        },
        hwbench: {cpu_hashrate_score: 1500 + i, memory_memcpy_score: 3700, disk_sequential_write_score: 800, disk_random_write_score: 170},
    }))
}

/** /24 prefixes of real hosting networks, so the offline IP database finds a provider and a country. */
const DEVNET_IP_PREFIXES = ['95.141.47.', '65.108.1.', '51.89.0.', '136.243.0.']

/** n synthetic nodes (for benchmarks beyond the candidate list's size). */
export function syntheticNodes(n: number): DevnetTelemetryNode[] {
    return nodesFromCandidates(Array.from({length: n}, (_, i) => ({name: `devnet-node-${i}`, stash: `devnet-stash-${i}`})))
}
