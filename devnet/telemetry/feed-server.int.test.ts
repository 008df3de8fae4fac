import {afterEach, describe, expect, it} from 'vitest'
import {nodesFromCandidates} from './feed-encoding'
import {DEVNET_FEED_CHAIN, startTelemetryFeed, type TelemetryFeed} from './feed-server'
import {connectFeed as connect} from '../../test/feed-test-client'

const nodes = nodesFromCandidates([
    {name: 'alpha', stash: '1614F5TvNUQmPZ964M9KCdJfmQjnkdtHYXPhuX2KeNCnuc7U'},
    {name: 'beta', stash: '12bWp3rifCRrJzrTSPe1BrDaFxCLMVCUit6t21K986ZeeNJm'},
    {name: 'gamma', stash: '13UVJyLnbVp9RBZYFwFGyDvVd1y27Tt8tkntv6Q7JVPhFsTB'},
])
let feed: TelemetryFeed | undefined
afterEach(async () => {
    await feed?.stop()
})

describe('devnet telemetry feed', () => {
    it('speaks the protocol: version and chain on connect, snapshot after subscribe, pong, node changes', async () => {
        feed = await startTelemetryFeed({port: 0, nodes, nodesPerFrame: 2})
        const c = await connect(feed.url)
        await c.next(2)
        expect(c.messages.slice(0, 2)).toEqual([
            {action: 'FeedVersion', version: 32},
            {action: 'AddedChain', label: DEVNET_FEED_CHAIN.label, genesisHash: DEVNET_FEED_CHAIN.genesisHash, nodeCount: 3},
        ])
        c.ws.send(`subscribe:${feed.chain.genesisHash}`)
        await c.next(2 + 4 + 3)
        expect(c.messages[2]).toEqual({action: 'SubscribedTo', genesisHash: feed.chain.genesisHash})
        const added = c.messages.filter(m => m.action === 'AddedNode')
        expect(added.map(m => m.action === 'AddedNode' && [m.nodeId, m.details.name, m.details.validatorAddress])).toEqual([
            [0, 'alpha', nodes[0].validatorAddress],
            [1, 'beta', nodes[1].validatorAddress],
            [2, 'gamma', nodes[2].validatorAddress],
        ])
        // nodesPerFrame 2: the snapshot came as two frames.
        expect(c.raw.filter(r => r.startsWith('[3,')).length).toBe(2)
        c.ws.send('ping:abc')
        await c.next(10)
        feed.removeNode('beta')
        feed.changeVersion('gamma', '1.17.0-x', {overlap: true})
        await c.next(9 + 4)
        expect(c.messages.slice(9)).toEqual([
            {action: 'Pong', payload: 'abc'},
            {action: 'RemovedNode', nodeId: 1},
            expect.objectContaining({
                action: 'AddedNode',
                nodeId: 3,
                details: expect.objectContaining({name: 'gamma', version: '1.17.0-x'}),
            }),
            {action: 'RemovedNode', nodeId: 2},
        ])
        expect(feed.stats()).toMatchObject({connections: 1, subscribers: 1, subscribeRequests: 1, pings: 1})
        c.ws.close()
    })

    it('a subscription to another chain gets nothing; malformed frames and drops reach the client', async () => {
        feed = await startTelemetryFeed({port: 0, nodes})
        const c = await connect(feed.url)
        c.ws.send('subscribe:0x1234')
        await c.next(2)
        feed.sendMalformed()
        await new Promise(r => setTimeout(r, 50))
        expect(c.messages.length).toBe(2)
        c.ws.send(`subscribe:${feed.chain.genesisHash}`)
        await c.next(6)
        feed.sendMalformed('{oops')
        await new Promise(r => setTimeout(r, 50))
        expect(c.raw.at(-1)).toBe('{oops')
        const closed = new Promise(r => c.ws.once('close', r))
        feed.dropConnections()
        await closed
        while (feed.stats().connections > 0) await new Promise(r => setTimeout(r, 5))
        expect(feed.stats().accepted).toBe(1)
    })
})
