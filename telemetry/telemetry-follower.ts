/**
 * Follows one chain on a telemetry feed: frames from the client are decoded and applied to the node
 * state in arrival order, and every flush period the state's changes (with candidate matches) are
 * written to Postgres in one batch, and IP locations that are missing or stale are looked up.
 */
import type {Logger} from '@subsquid/logger'
import {redactUrl} from '../config/redact-url'
import {type CandidateIndex, matchCandidate, publicKeyOf} from './candidate-match'
import {FeedClient} from './feed-client'
import {decodeFeedFrame, FEED_VERSION, FeedFrameError} from './feed-frame'
import {emptyMetrics, type FeedMetrics} from './feed-metrics'
import type {IpLocator} from './ip-location'
import {ChainNodeState, type NodeSnapshot, type StateChanges} from './node-state'
import type {NodeRow, TelemetryStore} from './telemetry-store'

/** How often every node (not only changed ones) is checked for a missing or stale location. */
const LOCATION_SWEEP_INTERVAL_MS = 60_000

export interface FollowerOptions {
    feedUrl: string
    chain: string
    offlineGraceMs: number
    reconnectMinDelayMs: number
    reconnectMaxDelayMs: number
    silenceTimeoutMs: number
    flushIntervalMs: number
    locationRefreshAfterMs: number
    candidates: CandidateIndex
    locator: IpLocator | null
    store: TelemetryStore
    log: Logger
    now?: () => number
}

export class TelemetryFollower {
    readonly state: ChainNodeState
    readonly metrics: FeedMetrics
    private readonly client: FeedClient
    private timer: NodeJS.Timeout | null = null
    /** Flushes run one after another; `queuedFlush` is the one waiting for the running one to finish. */
    private flushChain: Promise<void> = Promise.resolve()
    private queuedFlush: Promise<void> | null = null
    private unwritten: StateChanges = {intervals: [], feed: [], nodes: []}
    private locations = new Map<string, {ip: string; lookedUpAtMs: number}>()
    private lastRate = {atMs: 0, messages: 0}
    private closedForGood = false
    private openedAtMs = 0
    private lastLocationSweepMs = 0
    private locationQueue = new Map<string, {name: string; ip: string}>()
    /** Nodes with a row in Postgres: a location row needs its node row first. */
    private persisted = new Set<string>()
    private locating: Promise<void> | null = null

    constructor(private readonly opts: FollowerOptions) {
        this.state = new ChainNodeState(opts.chain, opts.offlineGraceMs)
        this.metrics = emptyMetrics(opts.chain)
        this.client = new FeedClient(
            {
                url: opts.feedUrl,
                reconnectMinDelayMs: opts.reconnectMinDelayMs,
                reconnectMaxDelayMs: opts.reconnectMaxDelayMs,
                silenceTimeoutMs: opts.silenceTimeoutMs,
                now: opts.now,
            },
            {
                frame: (text, atMs) => this.onFrame(text, atMs),
                opened: () => {
                    this.metrics.connected = true
                    this.openedAtMs = this.now()
                    opts.log.info(`feed connected: ${redactUrl(opts.feedUrl)}, subscribing to ${opts.chain}`)
                },
                closed: (reason, atMs, lastTrafficMs) => {
                    this.metrics.connected = false
                    // Only up to the last frame is anything known about the nodes.
                    this.state.connectionLost(lastTrafficMs ?? atMs)
                    opts.log.warn(`feed connection lost (${reason}); reconnecting`)
                },
            },
        )
        this.client.subscribe(opts.chain)
    }

    private now(): number {
        return this.opts.now?.() ?? Date.now()
    }

    /** Closes what a previous run left open, restores known nodes, then connects. */
    async start(): Promise<void> {
        const recovered = await this.opts.store.recover(this.opts.chain)
        if (recovered.feedIntervals || recovered.nodeIntervals) {
            this.opts.log.info(
                `recovered after restart: closed ${recovered.feedIntervals} feed and ${recovered.nodeIntervals} node intervals at the last confirmed time`,
            )
        }
        const stored = await this.opts.store.loadNodes(this.opts.chain)
        this.state.restore(stored)
        for (const n of stored) {
            this.persisted.add(n.id)
            if (n.ipLocation) this.locations.set(n.id, n.ipLocation)
        }
        this.opts.locator?.prepare?.()
        this.lastRate = {atMs: this.now(), messages: 0}
        this.client.start()
        this.timer = setInterval(() => void this.flush(), this.opts.flushIntervalMs)
    }

    async stop(): Promise<void> {
        if (this.timer) clearInterval(this.timer)
        await this.client.stop()
        // A clean stop closes every interval now; what follows until the next start is unknown.
        this.metrics.connected = false
        this.state.connectionLost(this.now())
        await this.flush()
        this.locationQueue.clear()
        await this.locating
    }

    /** Stops at once and writes nothing more: what a crash leaves behind (restart tests use it). */
    async halt(): Promise<void> {
        if (this.timer) clearInterval(this.timer)
        await this.flushChain
        this.closedForGood = true
        await this.client.stop()
        await this.locating
    }

    /**
     * Writes every change made before the call (the timer calls this; tests and shutdown too). A call
     * during a running flush waits for a fresh one, since the running one drained the state earlier.
     */
    flush(): Promise<void> {
        if (!this.queuedFlush) {
            const run = this.flushChain.then(() => {
                this.queuedFlush = null
                return this.doFlush()
            })
            this.queuedFlush = run
            this.flushChain = run.catch(() => {})
        }
        return this.queuedFlush
    }

    private onFrame(text: string, atMs: number): void {
        this.metrics.frames++
        let decoded
        try {
            decoded = decodeFeedFrame(text)
        } catch (e) {
            if (!(e instanceof FeedFrameError)) throw e
            this.metrics.malformedFrames++
            if (isLogWorthy(this.metrics.malformedFrames))
                this.opts.log.warn(`${e.message} [${this.metrics.malformedFrames} so far]; connection kept`)
            return
        }
        this.metrics.unknownActions += decoded.unknownActions.length
        for (const r of decoded.rejected) {
            this.metrics.rejectedMessages++
            if (isLogWorthy(this.metrics.rejectedMessages))
                this.opts.log.warn(`feed message skipped: ${r.error} [${this.metrics.rejectedMessages} so far]`)
        }
        for (const m of decoded.messages) {
            this.metrics.messages++
            switch (m.action) {
                case 'FeedVersion':
                    if (m.version !== FEED_VERSION)
                        this.opts.log.warn(`feed speaks protocol version ${m.version}; this client decodes version ${FEED_VERSION}`)
                    break
                case 'SubscribedTo':
                    if (m.genesisHash === this.opts.chain) this.state.subscribed(atMs)
                    break
                case 'UnsubscribedFrom':
                case 'RemovedChain':
                    if (m.genesisHash === this.opts.chain) {
                        this.state.connectionLost(atMs)
                        this.client.reconnect(`the feed dropped chain ${m.genesisHash}`)
                    }
                    break
                default:
                    this.state.apply(m, atMs)
            }
        }
    }

    private async doFlush(): Promise<void> {
        if (this.closedForGood) return
        const nowMs = this.now()
        // A subscription the feed never confirmed (lost in a hang, say) is redialled, not waited on forever.
        if (this.metrics.connected && !this.state.feedUp && nowMs - this.openedAtMs > this.opts.silenceTimeoutMs) {
            this.client.reconnect(`subscription to ${this.opts.chain} not confirmed within ${this.opts.silenceTimeoutMs} ms`)
        }
        this.state.tick(nowMs)
        const changes = this.state.drain()
        this.unwritten.intervals.push(...changes.intervals)
        this.unwritten.feed.push(...changes.feed)
        this.unwritten.nodes = [...new Set([...this.unwritten.nodes, ...changes.nodes])]
        const snapshots = this.unwritten.nodes.map(k => this.state.snapshot(k)!).filter(Boolean)
        try {
            await this.opts.store.write({
                genesisHash: this.opts.chain,
                // Stored and served by the API: a key in the feed's URL must not be.
                feedUrl: redactUrl(this.opts.feedUrl),
                nodes: snapshots.map(s => this.toRow(s)),
                intervals: this.unwritten.intervals,
                feed: this.unwritten.feed,
                aliveUntilMs: this.state.feedUp ? nowMs : null,
            })
            this.unwritten = {intervals: [], feed: [], nodes: []}
            for (const n of snapshots) this.persisted.add(n.key)
        } catch (e: any) {
            // Kept and retried on the next flush: nothing is lost while Postgres is away.
            this.metrics.flushErrors++
            this.opts.log.error(`writing telemetry to Postgres failed (${e.message}); will retry`)
            return
        }
        const elapsedMs = nowMs - this.lastRate.atMs
        if (elapsedMs > 0) {
            this.metrics.messagesPerSecond = Math.round(((this.metrics.messages - this.lastRate.messages) * 1000) / elapsedMs)
            this.lastRate = {atMs: nowMs, messages: this.metrics.messages}
        }
        this.metrics.nodesOnline = this.state.onlineCount()
        this.metrics.nodesKnown = this.state.nodes().length
        this.metrics.unknownNodeIds = this.state.unknownNodeIds
        this.metrics.reconnects = this.client.reconnects
        this.queueLocations(snapshots, nowMs)
        // Nodes that stay connected for days change nothing, yet their location goes stale too.
        if (nowMs - this.lastLocationSweepMs >= LOCATION_SWEEP_INTERVAL_MS) {
            this.lastLocationSweepMs = nowMs
            this.queueLocations(this.state.nodes(), nowMs)
        }
    }

    private toRow(s: NodeSnapshot): NodeRow {
        const d = s.details
        const match = matchCandidate({name: s.name, validatorAddress: d?.validatorAddress ?? null}, this.opts.candidates)
        return {
            id: s.key,
            genesis_hash: s.chain,
            name: s.name,
            implementation: d?.implementation ?? null,
            version: d?.version ?? null,
            validator_address: d?.validatorAddress ?? null,
            validator_public_key: d?.validatorAddress ? publicKeyOf(d.validatorAddress) : null,
            network_id: d?.networkId ?? null,
            ip: d?.ip ?? null,
            startup_time: s.startupTimeMs === null ? null : new Date(s.startupTimeMs).toISOString(),
            sysinfo: d?.sysinfo ?? null,
            hwbench: s.hwbench,
            feed_latitude: s.location?.latitude ?? null,
            feed_longitude: s.location?.longitude ?? null,
            feed_city: s.location?.city ?? null,
            first_seen_at: new Date(s.firstSeenMs).toISOString(),
            last_seen_at: new Date(s.lastSeenMs).toISOString(),
            online: s.online,
            connections: s.connections,
            stale: s.stale,
            candidate_stash: match?.stash ?? null,
            candidate_public_key: match ? publicKeyOf(match.stash) : null,
            matched_by: match?.by ?? null,
        }
    }

    /** Queues the nodes whose location is missing, changed or stale; a separate loop looks them up. */
    private queueLocations(snapshots: NodeSnapshot[], nowMs: number): void {
        if (!this.opts.locator) return
        for (const s of snapshots) {
            const ip = s.details?.ip
            if (!ip || !this.persisted.has(s.key)) continue
            const known = this.locations.get(s.key)
            if (known && known.ip === ip && nowMs - known.lookedUpAtMs < this.opts.locationRefreshAfterMs) continue
            // Remember the attempt first so a failing source is not asked again on every flush.
            this.locations.set(s.key, {ip, lookedUpAtMs: nowMs})
            this.locationQueue.set(s.key, {name: s.name, ip})
        }
        if (this.locationQueue.size && !this.locating) {
            this.locating = this.lookUpQueued().finally(() => {
                this.locating = null
            })
        }
    }

    /** Runs apart from the flushes, so a slow online source never delays the interval writes. */
    private async lookUpQueued(): Promise<void> {
        const locator = this.opts.locator!
        for (const [key, {name, ip}] of this.locationQueue) {
            this.locationQueue.delete(key)
            if (this.closedForGood) return
            let loc
            try {
                loc = await locator.locate(ip)
                this.metrics.locationLookups++
            } catch (e: any) {
                this.opts.log.warn(`location lookup for node ${JSON.stringify(name)} failed (${locator.source}): ${e.message}`)
                continue
            }
            try {
                if (loc) await this.opts.store.saveLocation(key, loc, this.now())
            } catch (e: any) {
                // Not the source's fault: ask again on the next sweep.
                this.locations.delete(key)
                this.opts.log.warn(`saving the location of node ${JSON.stringify(name)} failed: ${e.message}`)
            }
        }
    }
}

/** Log the first few and then every power of two, so a flood of bad frames cannot flood the log. */
function isLogWorthy(count: number): boolean {
    return count <= 10 || (count & (count - 1)) === 0
}
