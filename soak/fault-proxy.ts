/**
 * A fault-injecting proxy in front of one chain node (JSON-RPC over WebSocket and HTTP POST on one port, and
 * the telemetry feed's WebSocket on its path): error replies, latency, dropped connections and a stalled
 * feed for the clients behind it, while other clients of the same node see none of it.
 */
import http from 'http'
import type {AddressInfo, Socket} from 'net'
import {WebSocket, WebSocketServer, type RawData} from 'ws'

export interface FaultProxy {
    /** ws://127.0.0.1:<port> and http://127.0.0.1:<port>: the upstream's paths work under it. */
    url: string
    httpUrl: string
    /** Delay before each JSON-RPC request is forwarded. */
    latencyMs: number
    /** The next `count` JSON-RPC requests get this error reply instead of being forwarded. */
    failNext(count: number, error: {code: number; message: string}): void
    /** Cuts every WebSocket (the clients reconnect) and every HTTP request in flight. */
    dropConnections(): number
    /** The feed path forwards nothing either way until `resumeFeed()` (new connections too). */
    stallFeed(): void
    resumeFeed(): void
    /** Everything injected so far, for the report. */
    readonly injected: {errorReplies: number; droppedConnections: number}
    stop(): Promise<void>
}

interface ErrorRule {
    remaining: number
    code: number
    message: string
}

/**
 * @param upstream the node's ws:// URL (its HTTP endpoint is the same host and port)
 * @param feedPath the path of the telemetry feed on that node, if any (not JSON-RPC: never answered by the proxy)
 */
export async function startFaultProxy(upstream: string, feedPath?: string): Promise<FaultProxy> {
    const upstreamHttp = upstream.replace(/^ws/, 'http')
    const rules: ErrorRule[] = []
    const injected = {errorReplies: 0, droppedConnections: 0}
    let latencyMs = 0
    let feedStalled = false
    const sockets = new Set<WebSocket>()
    const tcp = new Set<Socket>()

    /** The error reply for a request, when a rule applies (it consumes one). */
    const errorFor = (): {code: number; message: string} | undefined => {
        const rule = rules[0]
        if (!rule) return undefined
        if (--rule.remaining <= 0) rules.shift()
        injected.errorReplies++
        return {code: rule.code, message: rule.message}
    }
    /** The reply text when the request (or every request of a batch) is refused, else undefined. */
    const refusal = (text: string): string | undefined => {
        if (rules.length === 0) return undefined
        let msg: any
        try {
            msg = JSON.parse(text)
        } catch {
            return undefined
        }
        const reply = (req: any) => ({jsonrpc: '2.0', id: req?.id ?? null, error: errorFor()})
        if (Array.isArray(msg)) return msg.length ? JSON.stringify(msg.map(reply)) : undefined
        return msg && typeof msg === 'object' && 'id' in msg ? JSON.stringify(reply(msg)) : undefined
    }
    const later = (fn: () => void) => (latencyMs > 0 ? setTimeout(fn, latencyMs) : fn())

    const server = http.createServer((req, res) => {
        const chunks: Buffer[] = []
        req.on('data', c => chunks.push(c))
        req.on('end', () => {
            const body = Buffer.concat(chunks)
            const refused = req.method === 'POST' ? refusal(body.toString('utf8')) : undefined
            if (refused) {
                res.writeHead(200, {'content-type': 'application/json'}).end(refused)
                return
            }
            later(() => {
                const out = http.request(
                    upstreamHttp + (req.url ?? '/'),
                    {method: req.method, headers: {...req.headers, host: new URL(upstreamHttp).host}},
                    up => {
                        res.writeHead(up.statusCode ?? 502, up.headers)
                        up.pipe(res)
                    },
                )
                out.on('error', () => res.destroy())
                out.end(body)
            })
        })
    })
    server.on('connection', s => {
        tcp.add(s)
        s.on('close', () => tcp.delete(s))
    })
    const wss = new WebSocketServer({noServer: true, maxPayload: 256 * 1024 * 1024})
    server.on('upgrade', (req, socket, head) => {
        wss.handleUpgrade(req, socket, head, client => {
            const isFeed = feedPath !== undefined && (req.url ?? '/').split('?')[0] === feedPath
            const up = new WebSocket(upstream + (req.url ?? '/'), {maxPayload: 256 * 1024 * 1024})
            sockets.add(client)
            sockets.add(up)
            const pending: (RawData | string)[] = []
            const toUpstream = (data: RawData | string) => {
                if (up.readyState === WebSocket.OPEN) up.send(data)
                else if (up.readyState === WebSocket.CONNECTING) pending.push(data)
            }
            const toClient = (data: string) => {
                if (client.readyState === WebSocket.OPEN) client.send(data)
            }
            up.on('open', () => {
                for (const d of pending.splice(0)) up.send(d)
            })
            client.on('message', (data, isBinary) => {
                // Text frames stay text frames: clients refuse anything else.
                const payload = isBinary ? data : data.toString()
                if (isFeed) {
                    if (!feedStalled) toUpstream(payload)
                    return
                }
                const refused = typeof payload === 'string' ? refusal(payload) : undefined
                if (refused) toClient(refused)
                else later(() => toUpstream(payload))
            })
            up.on('message', (data, isBinary) => {
                if (isFeed && feedStalled) return
                if (client.readyState === WebSocket.OPEN) client.send(data, {binary: isBinary})
            })
            const close = () => {
                sockets.delete(client)
                sockets.delete(up)
                client.terminate()
                up.terminate()
            }
            client.on('close', close)
            up.on('close', close)
            client.on('error', close)
            up.on('error', close)
        })
    })
    await new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        server.listen(0, '127.0.0.1', () => resolve())
    })
    const port = (server.address() as AddressInfo).port
    return {
        url: `ws://127.0.0.1:${port}`,
        httpUrl: `http://127.0.0.1:${port}`,
        get latencyMs() {
            return latencyMs
        },
        set latencyMs(ms: number) {
            latencyMs = ms
        },
        failNext(count, error) {
            if (count > 0) rules.push({remaining: count, ...error})
        },
        dropConnections() {
            // Sockets come in pairs (client and upstream); count the clients' side.
            const n = Math.ceil(sockets.size / 2)
            for (const s of [...sockets]) s.terminate()
            for (const s of [...tcp]) s.destroy()
            injected.droppedConnections += n
            return n
        },
        stallFeed() {
            feedStalled = true
        },
        resumeFeed() {
            feedStalled = false
        },
        injected,
        async stop() {
            for (const s of [...sockets]) s.terminate()
            for (const s of [...tcp]) s.destroy()
            await new Promise<void>(r => wss.close(() => r()))
            await new Promise<void>(r => server.close(() => r()))
        },
    }
}
