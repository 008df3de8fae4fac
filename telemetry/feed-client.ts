/**
 * A WebSocket connection to a substrate-telemetry feed that never gives up: it subscribes to one chain
 * (the feed serves one subscription per connection), pings, reconnects forever with jittered back-off,
 * and drops a connection that has been silent for too long. It hands raw frames to its consumer.
 */
import WebSocket from 'ws'
import {reconnectDelayMs} from './reconnect-delay'

export interface FeedClientOptions {
    url: string
    reconnectMinDelayMs: number
    reconnectMaxDelayMs: number
    /** A connection that has sent nothing (pongs included) for this long is dropped and redialled. */
    silenceTimeoutMs: number
    /** How often to ping; default a third of the silence timeout, so a live feed always answers in time. */
    pingIntervalMs?: number
    random?: () => number
    now?: () => number
}

export interface FeedClientHandlers {
    /** A frame arrived (text). Called synchronously in arrival order. */
    frame(text: string, atMs: number): void
    /** The socket opened; `subscribe()` may be called. */
    opened(): void
    /** The connection ended; `lastTrafficMs` is when the feed last sent anything. */
    closed(reason: string, atMs: number, lastTrafficMs: number | null): void
}

export class FeedClient {
    private ws: WebSocket | null = null
    private attempt = 0
    private stopped = true
    private reconnectTimer: NodeJS.Timeout | null = null
    private pingTimer: NodeJS.Timeout | null = null
    private lastTrafficMs: number | null = null
    private pingSeq = 0
    private chain: string | null = null
    reconnects = 0

    constructor(
        private readonly opts: FeedClientOptions,
        private readonly handlers: FeedClientHandlers,
    ) {}

    get connected(): boolean {
        return this.ws?.readyState === WebSocket.OPEN
    }

    start(): void {
        if (!this.stopped) return
        this.stopped = false
        this.connect()
    }

    /** Subscribes now (if open) and again after every reconnect. */
    subscribe(genesisHash: string): void {
        this.chain = genesisHash
        if (this.connected) this.ws!.send(`subscribe:${genesisHash}`)
    }

    get subscribedChain(): string | null {
        return this.chain
    }

    /** Drops the current connection and dials again (after the back-off). */
    reconnect(reason: string): void {
        this.ws?.terminate()
        if (this.ws) this.onClose(this.ws, reason)
    }

    async stop(): Promise<void> {
        this.stopped = true
        if (this.reconnectTimer) clearTimeout(this.reconnectTimer)
        this.clearPing()
        const ws = this.ws
        this.ws = null
        if (ws && ws.readyState !== WebSocket.CLOSED) {
            await new Promise<void>(resolve => {
                ws.once('close', () => resolve())
                ws.terminate()
            })
        }
    }

    private now(): number {
        return this.opts.now?.() ?? Date.now()
    }

    private connect(): void {
        const ws = new WebSocket(this.opts.url, {handshakeTimeout: this.opts.silenceTimeoutMs, maxPayload: 256 * 1024 * 1024})
        this.ws = ws
        this.lastTrafficMs = null
        ws.on('open', () => {
            if (this.ws !== ws) return
            this.lastTrafficMs = this.now()
            this.startPing(ws)
            if (this.chain) ws.send(`subscribe:${this.chain}`)
            this.handlers.opened()
        })
        ws.on('message', (data, isBinary) => {
            if (this.ws !== ws) return
            const at = this.now()
            this.lastTrafficMs = at
            // A connection that delivers frames is healthy: the next failure starts the back-off afresh.
            this.attempt = 0
            this.handlers.frame(isBinary ? Buffer.from(data as Buffer).toString('utf8') : data.toString(), at)
        })
        ws.on('close', (code, reason) => this.onClose(ws, `closed (${code}${reason.length ? ' ' + reason.toString() : ''})`))
        ws.on('error', err => this.onClose(ws, `error: ${err.message}`))
    }

    private onClose(ws: WebSocket, reason: string): void {
        if (this.ws !== ws) return
        this.ws = null
        this.clearPing()
        ws.removeAllListeners()
        ws.on('error', () => {})
        ws.terminate()
        this.handlers.closed(reason, this.now(), this.lastTrafficMs)
        if (this.stopped) return
        const delayMs = reconnectDelayMs(
            this.attempt++,
            this.opts.reconnectMinDelayMs,
            this.opts.reconnectMaxDelayMs,
            (this.opts.random ?? Math.random)(),
        )
        this.reconnects++
        this.reconnectTimer = setTimeout(() => {
            this.reconnectTimer = null
            if (!this.stopped) this.connect()
        }, delayMs)
    }

    private startPing(ws: WebSocket): void {
        const intervalMs = this.opts.pingIntervalMs ?? Math.max(10, Math.floor(this.opts.silenceTimeoutMs / 3))
        let lastTickMs = Date.now()
        this.pingTimer = setInterval(() => {
            if (this.ws !== ws) return
            const tickMs = Date.now()
            const lagMs = tickMs - lastTickMs - intervalMs
            lastTickMs = tickMs
            // This process was blocked (frames may be waiting unread in the socket): a late timer says
            // nothing about the feed, so judge silence on the next, punctual tick.
            if (lagMs > intervalMs) return
            const silentMs = this.now() - (this.lastTrafficMs ?? this.now())
            if (silentMs >= this.opts.silenceTimeoutMs) {
                this.reconnect(`silent for ${silentMs} ms (limit ${this.opts.silenceTimeoutMs} ms)`)
                return
            }
            if (ws.readyState === WebSocket.OPEN) ws.send(`ping:${++this.pingSeq}`)
        }, intervalMs)
    }

    private clearPing(): void {
        if (this.pingTimer) clearInterval(this.pingTimer)
        this.pingTimer = null
    }
}
