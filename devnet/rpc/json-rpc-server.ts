/**
 * JSON-RPC 2.0 over WebSocket and HTTP POST on one port, with batches, subscriptions (WebSocket only)
 * and injected faults. Malformed requests get JSON-RPC errors naming what was wrong; the server keeps running.
 * Methods named `dev_*` control the devnet: injected faults and latency never apply to them, so a client
 * can always clear the faults it injected.
 */
import http from 'http'
import {WebSocketServer, WebSocket} from 'ws'
import type {AddressInfo} from 'net'
import {Faults} from './fault-injection'

export class RpcError extends Error {
    constructor(
        readonly code: number,
        message: string,
        readonly data?: unknown,
    ) {
        super(message)
    }
}

export interface Connection {
    id: number
    /** Send a subscription notification. */
    notify(method: string, subscription: string, result: unknown): void
    readonly isWebSocket: boolean
    readonly closed: boolean
    onClose(cb: () => void): void
}

/**
 * @param afterReply runs `cb` once the reply to this request has been written (e.g. to close the
 *   connection it came on without losing the reply).
 */
export type MethodHandler = (params: unknown[], conn: Connection, afterReply: (cb: () => void) => void) => unknown | Promise<unknown>

/** Devnet controls (`dev_*`): exempt from injected faults. */
export function isControlMethod(method: string): boolean {
    return method.startsWith('dev_')
}

export interface RpcServer {
    port: number
    url: string
    httpUrl: string
    faults: Faults
    /** The HTTP server, for others to serve WebSockets on the paths given in `foreignWebSocketPaths`. */
    httpServer: http.Server
    stop(): Promise<void>
}

/**
 * @param foreignWebSocketPaths upgrade requests on these paths are left to another listener on
 *   `httpServer` (the devnet's telemetry feed); every other path is JSON-RPC.
 */
export async function startRpcServer(
    methods: Map<string, MethodHandler>,
    port = 0,
    host = '127.0.0.1',
    foreignWebSocketPaths: string[] = [],
): Promise<RpcServer> {
    const faults = new Faults()
    let nextConnId = 1

    async function handleOne(req: any, conn: Connection, after: (() => void)[]): Promise<object | undefined> {
        const id = req && typeof req === 'object' && 'id' in req ? req.id : null
        if (!req || typeof req !== 'object' || req.jsonrpc !== '2.0' || typeof req.method !== 'string') {
            return {
                jsonrpc: '2.0',
                id,
                error: {code: -32600, message: 'Invalid request: expected {"jsonrpc":"2.0","method":string,"params":array,"id"}'},
            }
        }
        if (!isControlMethod(req.method)) {
            if (faults.latencyMs > 0) await new Promise(r => setTimeout(r, faults.latencyMs))
            const fault = faults.take(req.method)
            if (fault) return {jsonrpc: '2.0', id, error: fault}
        }
        const handler = methods.get(req.method)
        if (!handler) return {jsonrpc: '2.0', id, error: {code: -32601, message: `Method not found: ${req.method}`}}
        const params = req.params === undefined ? [] : req.params
        if (!Array.isArray(params))
            return {jsonrpc: '2.0', id, error: {code: -32602, message: `Invalid params of ${req.method}: expected an array`}}
        try {
            const result = await handler(params, conn, cb => after.push(cb))
            return id === undefined ? undefined : {jsonrpc: '2.0', id, result: result === undefined ? null : result}
        } catch (e: any) {
            if (e instanceof RpcError)
                return {jsonrpc: '2.0', id, error: {code: e.code, message: e.message, ...(e.data === undefined ? {} : {data: e.data})}}
            const pe = e as {code?: unknown; data?: unknown; message?: string}
            if (typeof pe.code === 'number')
                return {jsonrpc: '2.0', id, error: {code: pe.code, message: pe.message, ...(pe.data === undefined ? {} : {data: pe.data})}}
            return {jsonrpc: '2.0', id, error: {code: -32603, message: `Internal error in ${req.method}: ${e?.message ?? e}`}}
        }
    }

    async function handleText(text: string, conn: Connection, after: (() => void)[]): Promise<string | undefined> {
        let msg: unknown
        try {
            msg = JSON.parse(text)
        } catch (e: any) {
            return JSON.stringify({jsonrpc: '2.0', id: null, error: {code: -32700, message: `Parse error: ${e.message}`}})
        }
        if (Array.isArray(msg)) {
            if (msg.length === 0)
                return JSON.stringify({jsonrpc: '2.0', id: null, error: {code: -32600, message: 'Invalid request: empty batch'}})
            const replies = (await Promise.all(msg.map(m => handleOne(m, conn, after)))).filter(r => r !== undefined)
            return JSON.stringify(replies)
        }
        const reply = await handleOne(msg, conn, after)
        return reply === undefined ? undefined : JSON.stringify(reply)
    }

    const httpServer = http.createServer((req, res) => {
        if (req.method !== 'POST') {
            res.writeHead(405, {'content-type': 'text/plain'}).end('devnet: POST JSON-RPC here, or connect a WebSocket\n')
            return
        }
        const chunks: Buffer[] = []
        req.on('data', c => chunks.push(c))
        req.on('end', async () => {
            const conn: Connection = {
                id: nextConnId++,
                isWebSocket: false,
                closed: true,
                notify() {},
                onClose() {},
            }
            const after: (() => void)[] = []
            const reply = await handleText(Buffer.concat(chunks).toString('utf8'), conn, after)
            res.writeHead(200, {'content-type': 'application/json'}).end(reply ?? '', () => after.forEach(cb => cb()))
        })
    })
    const wss = new WebSocketServer({noServer: true, maxPayload: 64 * 1024 * 1024})
    httpServer.on('upgrade', (req, socket, head) => {
        if (foreignWebSocketPaths.includes((req.url ?? '/').split('?')[0])) return
        wss.handleUpgrade(req, socket, head, ws => wss.emit('connection', ws, req))
    })
    const sockets = new Set<WebSocket>()
    wss.on('connection', ws => {
        sockets.add(ws)
        const closeCbs: (() => void)[] = []
        const conn: Connection = {
            id: nextConnId++,
            isWebSocket: true,
            get closed() {
                return ws.readyState !== WebSocket.OPEN
            },
            notify(method, subscription, result) {
                if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({jsonrpc: '2.0', method, params: {subscription, result}}))
            },
            onClose(cb) {
                closeCbs.push(cb)
            },
        }
        ws.on('message', async data => {
            const after: (() => void)[] = []
            const reply = await handleText(data.toString(), conn, after)
            const replied = () => after.forEach(cb => cb())
            if (reply !== undefined && ws.readyState === WebSocket.OPEN) ws.send(reply, replied)
            else replied()
        })
        ws.on('close', () => {
            sockets.delete(ws)
            for (const cb of closeCbs) cb()
        })
        ws.on('error', () => ws.terminate())
    })
    faults.dropConnections = () => {
        const n = sockets.size
        for (const s of sockets) s.terminate()
        return n
    }
    faults.openConnections = () => sockets.size
    await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject)
        httpServer.listen(port, host, () => resolve())
    })
    const actual = (httpServer.address() as AddressInfo).port
    return {
        port: actual,
        url: `ws://${host}:${actual}`,
        httpUrl: `http://${host}:${actual}`,
        faults,
        httpServer,
        async stop() {
            for (const s of sockets) s.terminate()
            await new Promise<void>(r => wss.close(() => r()))
            await new Promise<void>(r => httpServer.close(() => r()))
        },
    }
}
