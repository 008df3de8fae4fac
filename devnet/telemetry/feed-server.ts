/**
 * A substrate-telemetry feed (protocol version 32, the W3F feed's AddedNode layout) for the devnet and
 * tests: it serves one chain's nodes over `ws`, answers `subscribe:` and `ping:`, and has controls to
 * add and remove nodes, change versions, drop connections, stall and send malformed frames.
 */
import http from 'http'
import type {AddressInfo} from 'net'
import {WebSocketServer, type WebSocket} from 'ws'
import {encodeFeedFrame, addedNodePayload, type DevnetTelemetryNode} from './feed-encoding'

export type {DevnetTelemetryNode} from './feed-encoding'

/** The devnet's chain as the feed announces it (a made-up genesis hash: the devnet is not a real chain). */
export const DEVNET_FEED_CHAIN = {
    label: 'Devnet',
    genesisHash: '0xde7e000000000000000000000000000000000000000000000000000000000001',
}

export interface TelemetryFeedOptions {
    /** 0 = any free port. Ignored when `server` is given. */
    port?: number
    host?: string
    /** Attach to an existing HTTP server (e.g. the devnet RPC's) on `path` instead of listening. */
    server?: http.Server
    path?: string
    chain?: {label: string; genesisHash: string}
    nodes: DevnetTelemetryNode[]
    /** AddedNode messages per frame in the snapshot after `subscribe:` (the real feed batches too). */
    nodesPerFrame?: number
}

export interface TelemetryFeed {
    url: string
    chain: {label: string; genesisHash: string}
    /** Adds a connection for this node (a second one with the same name is a restart or a duplicate); returns its feed node id. */
    addNode(node: DevnetTelemetryNode): number
    /** Removes every connection with this name. */
    removeNode(name: string): void
    /** A node upgrade: a new connection with the new version, then the old one leaves (overlap) or the reverse. */
    changeVersion(name: string, version: string, opts?: {overlap?: boolean}): void
    /** Closes every feed connection abruptly, as a crashing feed or a network cut would. */
    dropConnections(): void
    /** Stops sending anything (pongs included) until `resume()`, like a hung server. */
    stall(): void
    resume(): void
    /** Sends a frame that is not valid protocol (default: not JSON) to every subscriber. */
    sendMalformed(text?: string): void
    /** Sends a raw frame (an array of action/payload pairs) to every subscriber. */
    sendFrame(frame: unknown[]): void
    /** Sends `count` ImportedBlock messages round-robin over the nodes, `perFrame` per frame; returns how many. */
    sendBlocks(count: number, perFrame?: number): number
    /** The chain behind the feed has a new best (and finalized) block: every node imports it. */
    importBlock(best: {number: number; hash: string}, finalized?: {number: number; hash: string}): void
    /** Current feed connections and subscriptions; total connections accepted so far; whether it is stalled. */
    stats(): {connections: number; subscribers: number; accepted: number; subscribeRequests: number; pings: number; stalled: boolean}
    nodeIds(name: string): number[]
    stop(): Promise<void>
}

interface Connection {
    node: DevnetTelemetryNode
    id: number
}

export async function startTelemetryFeed(opts: TelemetryFeedOptions): Promise<TelemetryFeed> {
    const chain = opts.chain ?? DEVNET_FEED_CHAIN
    const nodesPerFrame = opts.nodesPerFrame ?? 100
    const connections = new Map<number, Connection>()
    let nextId = 0
    // Placeholder heights and hashes until the chain behind the feed reports its own (importBlock).
    let best = {number: 1, hash: blockHash(1)}
    let finalized = {number: 0, hash: blockHash(0)}
    let stalled = false
    let accepted = 0
    let subscribeRequests = 0
    let pings = 0
    const subscribers = new Set<WebSocket>()
    const sockets = new Set<WebSocket>()

    const ownServer = !opts.server
    const server = opts.server ?? http.createServer()
    const wss = new WebSocketServer({noServer: true})
    const path = opts.path ?? '/feed'
    const onUpgrade = (req: http.IncomingMessage, socket: any, head: Buffer) => {
        if ((req.url ?? '/').split('?')[0] !== path) return
        wss.handleUpgrade(req, socket, head, ws => wss.emit('connection', ws, req))
    }
    server.on('upgrade', onUpgrade)

    const send = (ws: WebSocket, frame: unknown[] | string) => {
        if (stalled || ws.readyState !== ws.OPEN) return
        ws.send(typeof frame === 'string' ? frame : encodeFeedFrame(frame))
    }
    const broadcast = (frame: unknown[] | string) => {
        for (const ws of subscribers) send(ws, frame)
    }
    const blockOf = () => [best.number, best.hash, 6000, Date.now(), null]

    wss.on('connection', ws => {
        accepted++
        sockets.add(ws)
        send(ws, [0, 32, 11, [chain.label, chain.genesisHash, connections.size]])
        ws.on('message', data => {
            const text = data.toString()
            if (stalled) return
            if (text.startsWith('subscribe:')) {
                subscribeRequests++
                if (text.slice('subscribe:'.length) !== chain.genesisHash) return
                subscribers.add(ws)
                send(ws, [13, chain.genesisHash, 10, Date.now(), 1, [best.number, Date.now(), 6000], 2, [finalized.number, finalized.hash]])
                const all = [...connections.values()]
                for (let i = 0; i < all.length; i += nodesPerFrame) {
                    send(
                        ws,
                        all.slice(i, i + nodesPerFrame).flatMap(c => [3, addedNodePayload(c.id, c.node, blockOf())]),
                    )
                }
            } else if (text.startsWith('ping:')) {
                pings++
                send(ws, [15, text.slice('ping:'.length)])
            }
        })
        ws.on('close', () => {
            sockets.delete(ws)
            subscribers.delete(ws)
        })
        ws.on('error', () => {})
    })

    const addNode = (node: DevnetTelemetryNode): number => {
        const id = nextId++
        connections.set(id, {node, id})
        broadcast([3, addedNodePayload(id, node, blockOf())])
        return id
    }
    const nodeIds = (name: string) => [...connections.values()].filter(c => c.node.name === name).map(c => c.id)
    const removeIds = (ids: number[]) => {
        for (const id of ids) connections.delete(id)
        if (ids.length) broadcast(ids.flatMap(id => [4, id]))
    }
    const sendBlocks = (count: number, perFrame = 100): number => {
        const ids = [...connections.keys()]
        if (ids.length === 0) return 0
        let frame: unknown[] = []
        for (let i = 0; i < count; i++) {
            const id = ids[i % ids.length]
            frame.push(6, [id, [best.number, best.hash, 6000, Date.now(), 100]])
            if (frame.length >= perFrame * 2) {
                broadcast(frame)
                frame = []
            }
        }
        if (frame.length) broadcast(frame)
        return count
    }

    let url: string
    if (ownServer) {
        await new Promise<void>(resolve => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve))
        const a = server.address() as AddressInfo
        url = `ws://${opts.host ?? '127.0.0.1'}:${a.port}${path}`
    } else {
        const a = server.address() as AddressInfo | null
        url = `ws://127.0.0.1:${a?.port ?? 0}${path}`
    }
    for (const node of opts.nodes) addNode(node)

    return {
        url,
        chain,
        addNode,
        removeNode: name => removeIds(nodeIds(name)),
        changeVersion(name, version, {overlap = true} = {}) {
            const old = nodeIds(name)
            const current = connections.get(old[0])?.node
            if (!current) throw new Error(`devnet feed: no node named ${JSON.stringify(name)}`)
            if (!overlap) removeIds(old)
            addNode({...current, version, startupTimeMs: Date.now()})
            if (overlap) removeIds(old)
        },
        dropConnections() {
            for (const ws of sockets) ws.terminate()
        },
        stall() {
            stalled = true
        },
        resume() {
            stalled = false
        },
        sendMalformed(text = '[3, {"not": "a node"') {
            broadcast(text)
        },
        sendFrame: frame => broadcast(frame),
        sendBlocks,
        importBlock(block, final) {
            best = {number: block.number, hash: block.hash}
            if (final) finalized = {number: final.number, hash: final.hash}
            sendBlocks(connections.size, nodesPerFrame)
        },
        stats: () => ({connections: sockets.size, subscribers: subscribers.size, accepted, subscribeRequests, pings, stalled}),
        nodeIds,
        async stop() {
            server.off('upgrade', onUpgrade)
            for (const ws of sockets) ws.terminate()
            await new Promise<void>(resolve => wss.close(() => resolve()))
            if (ownServer) await new Promise<void>(resolve => server.close(() => resolve()))
        },
    }
}

function blockHash(height: number): string {
    return '0x' + Math.max(0, height).toString(16).padStart(64, '0')
}
