/**
 * The online/offline state of one chain's nodes as seen through one feed subscription: feed connections
 * (keyed by feed node id) are grouped by telemetry name, a name is online while any connection with it
 * exists or one left less than the grace period ago, and the intervals this implies are emitted as
 * open/close operations. While the feed itself is down nothing is known: every interval is closed.
 */
import type {FeedMessage, NodeDetails, NodeHwBench, NodeLocation} from './feed-frame'

export type IntervalKind = 'online' | 'offline'

export type IntervalOp =
    | {op: 'open'; nodeKey: string; kind: IntervalKind; startMs: number}
    | {op: 'close'; nodeKey: string; kind: IntervalKind; startMs: number; endMs: number}

export type FeedOp = {op: 'open'; startMs: number} | {op: 'close'; startMs: number; endMs: number}

/** What is known about a name; persisted as a TelemetryNode. */
export interface NodeSnapshot {
    key: string
    chain: string
    name: string
    details: NodeDetails | null
    hwbench: NodeHwBench | null
    startupTimeMs: number | null
    location: NodeLocation | null
    firstSeenMs: number
    lastSeenMs: number
    /** Public state: false only once the grace period after the last connection left has passed. */
    online: boolean
    connections: number
    stale: boolean
}

/** A node as stored before a restart; all of its intervals were closed by recovery. */
export interface RestoredNode {
    chain: string
    name: string
    firstSeenMs: number
    lastSeenMs: number
    online: boolean
    /** Last known details, kept until the node shows up again (so nothing is overwritten with blanks). */
    details?: NodeDetails | null
    hwbench?: NodeHwBench | null
    startupTimeMs?: number | null
    location?: NodeLocation | null
    stale?: boolean
}

interface Group extends NodeSnapshot {
    connectionIds: Set<number>
    /** When the last connection left; the name goes offline (backdated to here) after the grace period. */
    leftAtMs: number | null
    open: {kind: IntervalKind; startMs: number} | null
    bestBlock: number
    peers: number
}

export interface StateChanges {
    intervals: IntervalOp[]
    feed: FeedOp[]
    /** Keys of nodes whose snapshot changed. */
    nodes: string[]
}

export function nodeKey(chain: string, name: string): string {
    return `${chain}:${name}`
}

export class ChainNodeState {
    private readonly groups = new Map<string, Group>()
    private readonly byConnection = new Map<number, Group>()
    private feedStartMs: number | null = null
    private intervals: IntervalOp[] = []
    private feed: FeedOp[] = []
    private dirty = new Set<string>()
    /** RemovedNode/updates for feed node ids never added: counted, never fatal. */
    unknownNodeIds = 0

    constructor(
        readonly chain: string,
        readonly offlineGraceMs: number,
    ) {}

    get feedUp(): boolean {
        return this.feedStartMs !== null
    }

    /** Nodes from Postgres after a restart: like after a feed outage, each waits for the next subscription. */
    restore(nodes: RestoredNode[]): void {
        for (const n of nodes) {
            if (n.chain !== this.chain) continue
            const g = this.group(n.name, n.firstSeenMs)
            g.firstSeenMs = n.firstSeenMs
            g.lastSeenMs = n.lastSeenMs
            g.online = n.online
            g.details = n.details ?? null
            g.hwbench = n.hwbench ?? null
            g.startupTimeMs = n.startupTimeMs ?? null
            g.location = n.location ?? null
            g.stale = n.stale ?? false
        }
    }

    /** The feed confirmed the subscription: node state is known again from now on. */
    subscribed(nowMs: number): void {
        if (this.feedStartMs !== null) return
        this.feedStartMs = nowMs
        this.feed.push({op: 'open', startMs: nowMs})
        // Whoever was online before the gap gets the grace period to reappear in the snapshot that
        // follows; whoever was offline stays offline until re-added.
        for (const g of this.groups.values()) {
            if (g.online) {
                this.openInterval(g, 'online', nowMs)
                g.leftAtMs = nowMs
            } else {
                this.openInterval(g, 'offline', nowMs)
            }
        }
    }

    /** The feed connection ended (or the subscription was dropped): from now on nothing is known. */
    connectionLost(nowMs: number): void {
        if (this.feedStartMs === null) return
        this.feed.push({op: 'close', startMs: this.feedStartMs, endMs: nowMs})
        this.feedStartMs = null
        for (const g of this.groups.values()) {
            // A name within its grace period counts as online: restarts are not outages.
            this.closeInterval(g, nowMs)
            g.connectionIds.clear()
            g.leftAtMs = null
            g.connections = 0
            this.dirty.add(g.key)
        }
        this.byConnection.clear()
    }

    apply(m: FeedMessage, nowMs: number): void {
        switch (m.action) {
            case 'AddedNode':
                return this.added(m, nowMs)
            case 'RemovedNode':
                return this.removed(m.nodeId, nowMs)
            case 'LocatedNode': {
                const g = this.connection(m.nodeId)
                if (g) {
                    g.location = m.location
                    this.dirty.add(g.key)
                }
                return
            }
            case 'StaleNode': {
                const g = this.connection(m.nodeId)
                if (g && !g.stale) {
                    g.stale = true
                    this.dirty.add(g.key)
                }
                return
            }
            case 'ImportedBlock': {
                const g = this.connection(m.nodeId)
                if (!g) return
                g.bestBlock = m.block.height
                if (g.stale) {
                    g.stale = false
                    this.dirty.add(g.key)
                }
                return
            }
            case 'NodeStatsUpdate': {
                const g = this.connection(m.nodeId)
                if (g) g.peers = m.stats.peers
                return
            }
            case 'FinalizedBlock':
            case 'Hardware':
            case 'NodeIOUpdate':
                this.connection(m.nodeId)
                return
            default:
                return
        }
    }

    /** Names whose grace period ended go offline, backdated to when their last connection left. */
    tick(nowMs: number): void {
        for (const g of this.groups.values()) {
            if (g.leftAtMs === null || nowMs - g.leftAtMs < this.offlineGraceMs) continue
            const leftAtMs = g.leftAtMs
            g.leftAtMs = null
            g.online = false
            this.closeInterval(g, leftAtMs)
            this.openInterval(g, 'offline', leftAtMs)
            this.dirty.add(g.key)
        }
    }

    /** The changes since the last drain, for persistence. */
    drain(): StateChanges {
        const out = {intervals: this.intervals, feed: this.feed, nodes: [...this.dirty]}
        this.intervals = []
        this.feed = []
        this.dirty = new Set()
        return out
    }

    snapshot(key: string): NodeSnapshot | undefined {
        const g = this.groups.get(key)
        if (!g) return undefined
        const {connectionIds: _c, leftAtMs: _l, open: _o, bestBlock: _b, peers: _p, ...snapshot} = g
        return snapshot
    }

    nodes(): NodeSnapshot[] {
        return [...this.groups.keys()].map(k => this.snapshot(k)!)
    }

    /** Open interval per node, for tests and metrics. */
    openIntervalOf(key: string): {kind: IntervalKind; startMs: number} | null {
        return this.groups.get(key)?.open ?? null
    }

    onlineCount(): number {
        let n = 0
        for (const g of this.groups.values()) if (g.online) n++
        return n
    }

    private added(m: Extract<FeedMessage, {action: 'AddedNode'}>, nowMs: number): void {
        const previous = this.byConnection.get(m.nodeId)
        // The feed reuses ids: an id now carrying another name left its old name.
        if (previous && previous.name !== m.details.name) this.removed(m.nodeId, nowMs)
        const g = this.group(m.details.name, nowMs)
        g.connectionIds.add(m.nodeId)
        g.connections = g.connectionIds.size
        this.byConnection.set(m.nodeId, g)
        g.details = m.details
        g.hwbench = m.hwbench ?? g.hwbench
        g.startupTimeMs = m.startupTimeMs
        g.location = m.location ?? g.location
        g.bestBlock = m.block.height
        g.peers = m.stats.peers
        g.stale = false
        g.lastSeenMs = nowMs
        g.leftAtMs = null
        g.online = true
        if (this.feedStartMs !== null && g.open?.kind !== 'online') {
            this.closeInterval(g, nowMs)
            this.openInterval(g, 'online', nowMs)
        }
        this.dirty.add(g.key)
    }

    private removed(nodeId: number, nowMs: number): void {
        const g = this.byConnection.get(nodeId)
        if (!g) {
            this.unknownNodeIds++
            return
        }
        this.byConnection.delete(nodeId)
        g.connectionIds.delete(nodeId)
        g.connections = g.connectionIds.size
        g.lastSeenMs = nowMs
        if (g.connections === 0) g.leftAtMs = nowMs
        this.dirty.add(g.key)
    }

    private connection(nodeId: number): Group | undefined {
        const g = this.byConnection.get(nodeId)
        if (!g) this.unknownNodeIds++
        return g
    }

    private group(name: string, nowMs: number): Group {
        const key = nodeKey(this.chain, name)
        let g = this.groups.get(key)
        if (!g) {
            g = {
                key,
                chain: this.chain,
                name,
                details: null,
                hwbench: null,
                startupTimeMs: null,
                location: null,
                firstSeenMs: nowMs,
                lastSeenMs: nowMs,
                online: false,
                connections: 0,
                stale: false,
                connectionIds: new Set(),
                leftAtMs: null,
                open: null,
                bestBlock: 0,
                peers: 0,
            }
            this.groups.set(key, g)
        }
        return g
    }

    private openInterval(g: Group, kind: IntervalKind, startMs: number): void {
        g.open = {kind, startMs}
        this.intervals.push({op: 'open', nodeKey: g.key, kind, startMs})
    }

    private closeInterval(g: Group, endMs: number): void {
        if (!g.open) return
        this.intervals.push({op: 'close', nodeKey: g.key, kind: g.open.kind, startMs: g.open.startMs, endMs})
        g.open = null
    }
}
