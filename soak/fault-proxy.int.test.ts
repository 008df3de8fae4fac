/**
 * The soak's fault proxy in front of a real devnet: clients behind it get the injected error replies (over
 * WebSocket and HTTP, as text frames the Subsquid client accepts), their connections cut and their feed
 * stalled, while clients of the devnet itself see none of it.
 */
import {RpcClient} from '@subsquid/rpc-client'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {WebSocket} from 'ws'
import {startDevnet, type Devnet} from '../devnet'
import {waitFor} from '../test/vitest/wait-for'
import {startFaultProxy, type FaultProxy} from './fault-proxy'

let devnet: Devnet
let proxy: FaultProxy

beforeAll(async () => {
    devnet = await startDevnet({scenario: 'legacy', seed: 2, port: 0, blockTimeMs: 0, finalityLagBlocks: 2})
    await devnet.produceBlocks(3)
    proxy = await startFaultProxy(devnet.url, new URL(devnet.feedUrl).pathname)
})

afterAll(async () => {
    await proxy?.stop()
    await devnet?.stop()
})

describe('soak fault proxy', () => {
    it('forwards JSON-RPC over WebSocket and HTTP, and answers injected errors as the node would', async () => {
        for (const url of [proxy.url, proxy.httpUrl]) {
            const client = new RpcClient({url})
            try {
                expect(await client.call('chain_getBlockHash', [2])).toBe(devnet.chain.blocks[2].hash)
                proxy.failNext(2, {code: -32603, message: 'Internal error'})
                await expect(client.call('chain_getBlockHash', [2])).rejects.toThrow('Internal error')
                await expect(client.call('chain_getHeader', [])).rejects.toThrow('Internal error')
                expect(await client.call('chain_getBlockHash', [1])).toBe(devnet.chain.blocks[1].hash)
            } finally {
                client.close()
            }
        }
        expect(proxy.injected.errorReplies).toBe(4)
    })

    it('lets the Subsquid client retry a rate-limit reply', async () => {
        const client = new RpcClient({url: proxy.url, retryAttempts: 3, retrySchedule: [10], log: null})
        try {
            proxy.failNext(2, {code: -32029, message: 'rate limit exceeded'})
            expect(await client.call('chain_getBlockHash', [3])).toBe(devnet.chain.blocks[3].hash)
        } finally {
            client.close()
        }
    })

    it("cuts its WebSockets, not the node's own, and stalls only its feed", async () => {
        const direct = new WebSocket(devnet.url)
        const behind = new WebSocket(proxy.url)
        await Promise.all([direct, behind].map(ws => new Promise(resolve => ws.once('open', resolve))))
        const closed = new Promise(resolve => behind.once('close', resolve))
        expect(proxy.dropConnections()).toBeGreaterThanOrEqual(1)
        await closed
        expect(direct.readyState).toBe(WebSocket.OPEN)
        direct.close()

        // A feed subscriber behind the proxy hears nothing while stalled, then everything again.
        proxy.stallFeed()
        const frames: string[] = []
        const feed = new WebSocket(proxy.url + new URL(devnet.feedUrl).pathname)
        feed.on('message', d => frames.push(d.toString()))
        await new Promise(resolve => feed.once('open', resolve))
        feed.send(`subscribe:${devnet.chain.genesisHash}`)
        await new Promise(resolve => setTimeout(resolve, 500))
        expect(frames).toEqual([])
        proxy.resumeFeed()
        feed.send(`subscribe:${devnet.chain.genesisHash}`)
        await waitFor(
            'feed frames after the stall',
            () => frames.length,
            n => n > 0,
            10_000,
        )
        feed.close()
    })
})
