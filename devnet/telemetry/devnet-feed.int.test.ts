import WebSocket from 'ws'
import {afterEach, describe, expect, it} from 'vitest'
import {startDevnet, type Devnet} from '../index'
import {scenarioNodes} from '../scenario/nodes'
import {connectFeed} from '../../test/feed-test-client'

let devnet: Devnet | undefined
afterEach(async () => {
    await devnet?.stop()
    devnet = undefined
})

/** One JSON-RPC call over a WebSocket on the given URL. */
async function rpcOverWs(url: string, method: string, params: unknown[]): Promise<unknown> {
    const ws = new WebSocket(url)
    await new Promise((resolve, reject) => {
        ws.once('open', resolve)
        ws.once('error', reject)
    })
    ws.send(JSON.stringify({jsonrpc: '2.0', id: 1, method, params}))
    const reply = await new Promise<any>(resolve => ws.once('message', d => resolve(JSON.parse(d.toString()))))
    ws.close()
    return reply.result
}

describe('the devnet serves its telemetry feed', () => {
    it('at /feed on the chain’s port: the chain’s genesis, one AddedNode per scenario validator (name, stash, client version)', async () => {
        devnet = await startDevnet({scenario: 'legacy', seed: 3, port: 0})
        const expected = await scenarioNodes('legacy', 3, 0)
        expect(devnet.feedUrl).toBe(`${devnet.url}/feed`)

        const c = await connectFeed(devnet.feedUrl)
        await c.next(2)
        expect(c.messages.slice(0, 2)).toEqual([
            {action: 'FeedVersion', version: 32},
            {action: 'AddedChain', label: 'Devnet legacy', genesisHash: devnet.chain.genesisHash, nodeCount: expected.length},
        ])
        c.ws.send(`subscribe:${devnet.chain.genesisHash}`)
        await c.next(3 + expected.length)
        expect(c.messages[2]).toEqual({action: 'SubscribedTo', genesisHash: devnet.chain.genesisHash})
        const added = c.messages.flatMap(m =>
            m.action === 'AddedNode' ? [[m.details.name, m.details.validatorAddress, m.details.version]] : [],
        )
        expect(added).toEqual(expected.map(n => [n.nodeName, n.address, n.clientVersion]))
        // The candidates are the programme's, by name and stash.
        expect(added.filter((_, i) => expected[i].isCandidate).length).toBeGreaterThan(0)
        c.ws.close()

        // JSON-RPC keeps the other paths of the same port, and its genesis is the feed's.
        expect(await rpcOverWs(devnet.url, 'chain_getBlockHash', [0])).toBe(devnet.chain.genesisHash)
    })

    it('its nodes report the chain’s own blocks: best and finalized on subscribe, an ImportedBlock per node for each new block', async () => {
        devnet = await startDevnet({scenario: 'legacy', seed: 2, port: 0, initialBlocks: 5, finalityLagBlocks: 2})
        const nodeCount = devnet.chain.world.nodeList().length
        const c = await connectFeed(devnet.feedUrl)
        c.ws.send(`subscribe:${devnet.chain.genesisHash}`)
        await c.next(2 + 3 + nodeCount)
        expect(c.messages.find(m => m.action === 'BestBlock')).toMatchObject({height: 5})
        expect(c.messages.find(m => m.action === 'BestFinalized')).toEqual({
            action: 'BestFinalized',
            height: 3,
            hash: devnet.finalized().hash,
        })
        const snapshotBlocks = c.messages.flatMap(m => (m.action === 'AddedNode' ? [[m.block.height, m.block.hash]] : []))
        expect(new Set(snapshotBlocks.map(b => b.join()))).toEqual(new Set([`5,${devnet.head().hash}`]))

        const before = c.messages.length
        const [block6] = await devnet.produceBlocks(1)
        await c.next(before + nodeCount)
        const imported = c.messages.slice(before).flatMap(m => (m.action === 'ImportedBlock' ? [m] : []))
        expect(imported).toHaveLength(nodeCount)
        expect(new Set(imported.map(m => m.nodeId)).size).toBe(nodeCount)
        expect(imported.every(m => m.block.height === 6 && m.block.hash === block6.hash)).toBe(true)
        c.ws.close()
    })

    it('on the relay chain’s port in the current layout, announcing the relay genesis', async () => {
        devnet = await startDevnet({scenario: 'current', seed: 1, port: 0})
        const relay = devnet.endpoints.find(e => e.role === 'relay')!
        expect(devnet.feedUrl).toBe(`${relay.url}/feed`)
        const c = await connectFeed(devnet.feedUrl)
        await c.next(2)
        expect(c.messages[1]).toMatchObject({
            action: 'AddedChain',
            genesisHash: relay.chain.genesisHash,
            nodeCount: devnet.chain.world.nodeList().length,
        })
        c.ws.close()
        // The other chains' ports are JSON-RPC only.
        const assetHub = devnet.endpoints.find(e => e.role === 'assetHub')!
        expect(await rpcOverWs(`${assetHub.url}/feed`, 'chain_getBlockHash', [0])).toBe(assetHub.chain.genesisHash)
    })
})
