/**
 * The devnet's dev_* JSON-RPC controls, driven over its real HTTP and WebSocket endpoint with plain
 * JSON-RPC and checked with @polkadot/api and a raw telemetry feed client: new heads, forks whose
 * events differ, faults a client sees, feed stalls and drops, nodes added and removed, and -32602 for
 * bad input while the devnet keeps running.
 */
import fs from 'fs'
import os from 'os'
import path from 'path'
import WebSocket from 'ws'
import {afterEach, describe, expect, it} from 'vitest'
import {ApiPromise, WsProvider} from '@polkadot/api'
import {DEV_METHODS, startDevnet, type Devnet} from './index'
import {connectFeed} from '../test/feed-test-client'
import {waitFor} from '../test/vitest/wait-for'

const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!().catch(() => undefined)
})

async function devnetOf(options: Parameters<typeof startDevnet>[0]): Promise<Devnet> {
    const d = await startDevnet(options)
    cleanups.push(() => d.stop())
    return d
}

async function apiOf(d: Devnet): Promise<ApiPromise> {
    const api = await ApiPromise.create({provider: new WsProvider(d.url, 100), noInitWarn: true})
    cleanups.push(() => api.disconnect())
    return api
}

/** One JSON-RPC request over HTTP POST; the whole reply ({result} or {error}). */
async function post(d: Devnet, method: string, params: unknown[] = []): Promise<any> {
    const res = await fetch(d.httpUrl, {method: 'POST', body: JSON.stringify({jsonrpc: '2.0', id: 1, method, params})})
    return res.json()
}

/** A plain JSON-RPC client on one WebSocket: call() sends a request and resolves with its reply. */
async function wsClient(url: string) {
    const ws = new WebSocket(url)
    await new Promise((resolve, reject) => {
        ws.once('open', resolve)
        ws.once('error', reject)
    })
    cleanups.push(async () => ws.terminate())
    let nextId = 1
    const closed = new Promise<void>(resolve => ws.once('close', () => resolve()))
    return {
        closed,
        call(method: string, params: unknown[] = []): Promise<any> {
            const id = nextId++
            ws.send(JSON.stringify({jsonrpc: '2.0', id, method, params}))
            return new Promise(resolve => {
                const onMessage = (d: WebSocket.RawData) => {
                    const msg = JSON.parse(d.toString())
                    if (msg.id !== id) return
                    ws.off('message', onMessage)
                    resolve(msg)
                }
                ws.on('message', onMessage)
            })
        },
    }
}

/** Event names (Pallet.Name) of a block, read with @polkadot/api from its System.Events storage. */
async function eventNames(api: ApiPromise, hash: string): Promise<string[]> {
    const records = await (await api.at(hash)).query.system.events()
    return (records as any).map((r: any) => `${r.event.section}.${r.event.method}`).map((n: string) => n[0].toUpperCase() + n.slice(1))
}

const count = (names: string[], name: string) => names.filter(n => n === name).length

describe('devnet dev_* methods', () => {
    it('dev_newBlock produces blocks that @polkadot/api sees as the new head; rpc_methods lists the controls', async () => {
        const d = await devnetOf({scenario: 'legacy', seed: 2})
        const api = await apiOf(d)
        const heads: number[] = []
        const unsub = await api.rpc.chain.subscribeNewHeads(h => heads.push(h.number.toNumber()))
        const client = await wsClient(d.url)
        const reply = await client.call('dev_newBlock', [{count: 3}])
        expect(reply.result).toEqual({number: 3, hash: d.chain.blocks[3].hash})
        const header = await api.rpc.chain.getHeader()
        expect([header.number.toNumber(), header.hash.toHex()]).toEqual([3, reply.result.hash])
        await waitFor('the subscriber to see block 3', () => heads.includes(3))
        expect((await post(d, 'dev_newBlock')).result.number).toBe(4)
        unsub()
        expect((await post(d, 'rpc_methods')).result.methods).toEqual(expect.arrayContaining([...DEV_METHODS]))
    })

    it('dev_fork drop-extrinsic: the new branch’s blocks lose the payouts the old ones carried', async () => {
        const d = await devnetOf({scenario: 'legacy', seed: 2, finalityLagBlocks: 3})
        const api = await apiOf(d)
        // Era 1 starts at block 15: the bot pays its prompt validators in blocks 16 and 17.
        await post(d, 'dev_newBlock', [{count: 17}])
        const old = d.chain.blocks.slice(16, 18).map(b => b.hash)
        const oldEvents = await Promise.all(old.map(h => eventNames(api, h)))
        expect(oldEvents.every(names => count(names, 'Staking.PayoutStarted') > 0)).toBe(true)

        const client = await wsClient(d.url)
        const fork = (await client.call('dev_fork', [{depth: 2, variant: 'drop-extrinsic'}])).result
        expect(fork.forkPoint).toEqual({number: 15, hash: d.chain.blocks[15].hash})
        expect(fork.replaced.map((b: any) => b.hash)).toEqual(old)
        expect(fork.blocks.map((b: any) => [b.number, b.signedExtrinsics])).toEqual([
            [16, 0],
            [17, 0],
            [18, 0],
        ])
        expect({number: fork.number, hash: fork.hash}).toEqual({number: 18, hash: (await api.rpc.chain.getHeader()).hash.toHex()})
        for (const [i, b] of fork.blocks.slice(0, 2).entries()) {
            expect(b.hash).not.toBe(old[i])
            const names = await eventNames(api, b.hash)
            expect(count(names, 'Staking.PayoutStarted')).toBe(0)
            expect(count(names, 'Staking.Rewarded')).toBe(0)
        }
        // The bot pays what it owes in the blocks after the branch.
        const next = (await post(d, 'dev_newBlock')).result
        expect(count(await eventNames(api, next.hash), 'Staking.PayoutStarted')).toBeGreaterThan(0)
    })

    it('dev_fork add-extrinsic: one payout more, or the caller’s signed extrinsic, in the first block of the branch', async () => {
        const d = await devnetOf({scenario: 'legacy', seed: 2, finalityLagBlocks: 3})
        const api = await apiOf(d)
        await post(d, 'dev_newBlock', [{count: 20}])
        const old19 = await eventNames(api, d.chain.blocks[19].hash)
        const extra = (await post(d, 'dev_fork', [{depth: 2, variant: 'add-extrinsic'}])).result
        expect(extra.blocks[0].signedExtrinsics).toBe(extra.replaced[0].signedExtrinsics + 1)
        const new19 = await eventNames(api, extra.blocks[0].hash)
        expect(count(new19, 'Staking.PayoutStarted')).toBe(count(old19, 'Staking.PayoutStarted') + 1)

        // //Alice's chill, signed for this chain (immortal) and valid at the fork point, lands in the new block 20.
        const alice = d.accounts.find(a => a.name === 'Alice')!
        const chill = await api.tx.staking.chill().signAsync(alice.pair, {era: 0})
        const before20 = await eventNames(api, d.chain.blocks[20].hash)
        expect(count(before20, 'Staking.Chilled')).toBe(0)
        const added = (await post(d, 'dev_fork', [{depth: 2, variant: 'add-extrinsic', extrinsics: [chill.toHex()]}])).result
        expect(added.forkPoint.number).toBe(19)
        expect(d.chain.blocks[20].includedHashes).toEqual([chill.hash.toHex()])
        expect(count(await eventNames(api, added.blocks[0].hash), 'Staking.Chilled')).toBe(1)
        expect((await api.query.staking.nominators(alice.address)).isNone).toBe(true)

        // The same extrinsic again: its nonce is used now, so the fork is refused and the chain stays.
        const head = d.head().hash
        const refused = await post(d, 'dev_fork', [{depth: 1, variant: 'add-extrinsic', extrinsics: [chill.toHex()]}])
        expect(refused.error.code).toBe(-32602)
        expect(refused.error.message).toMatch(
            /^Invalid params of dev_fork: extrinsics\[0\] is not valid at the fork point \(block 21 of the all chain\): 1010 Invalid Transaction: Transaction is outdated/,
        )
        expect(d.head().hash).toBe(head)
    })

    it('a restarted devnet resumes from its journal a branch whose content differs (same hashes, same extra payout)', async () => {
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'devnet-journal-')), 'journal.jsonl')
        const a = await devnetOf({scenario: 'legacy', seed: 2, finalityLagBlocks: 3, journalFile: file})
        await a.produceBlocks(20)
        await a.fork(2, {variant: 'add-extrinsic'})
        await a.fork(2, {variant: 'other-author'})
        await a.produceBlocks(1)
        const hashes = a.chain.blocks.map(b => b.hash)
        const payouts = a.facts().events['Staking.PayoutStarted'].map(e => e.block)
        await a.stop()
        cleanups.pop()
        const b = await devnetOf({scenario: 'legacy', seed: 2, finalityLagBlocks: 3, journalFile: file})
        expect(b.chain.blocks.map(x => x.hash)).toEqual(hashes)
        expect(b.facts().events['Staking.PayoutStarted'].map(e => e.block)).toEqual(payouts)
        expect(payouts).toContain(19)
    })

    it('dev_fork other-author: the same events, but the era points of the forked blocks go to other validators', async () => {
        const d = await devnetOf({scenario: 'legacy', seed: 2, finalityLagBlocks: 3})
        const api = await apiOf(d)
        await post(d, 'dev_newBlock', [{count: 20}])
        const points = async (hash: string) => (await (await api.at(hash)).query.staking.erasRewardPoints(1)).toJSON() as any
        const old = d.chain.blocks[20].hash
        const oldPoints = await points(old)
        const oldEvents = await eventNames(api, old)
        const fork = (await post(d, 'dev_fork', [{depth: 2, variant: 'other-author'}])).result
        const new20 = fork.blocks.find((b: any) => b.number === 20).hash
        const newPoints = await points(new20)
        expect(newPoints.total).toBe(oldPoints.total)
        expect(newPoints.individual).not.toEqual(oldPoints.individual)
        expect(await eventNames(api, new20)).toEqual(oldEvents)
    })

    it('dev_faults: error replies a client sees, latency, clearing, and dropped connections (the reply comes first)', async () => {
        const d = await devnetOf({scenario: 'legacy', seed: 2})
        const api = await apiOf(d)
        const set = await post(d, 'dev_faults', [
            {fail: {count: 1, method: 'chain_getHeader', message: 'rate limit exceeded'}, latencyMs: 20},
        ])
        expect(set.result).toEqual({
            latencyMs: 20,
            pending: [{method: 'chain_getHeader', remaining: 1, code: -32000, message: 'rate limit exceeded'}],
        })
        await expect(api.rpc.chain.getHeader()).rejects.toThrow(/rate limit exceeded/)
        expect((await api.rpc.chain.getHeader()).number.toNumber()).toBe(0)
        // A fault on every method does not reach the controls: dev_faults can always clear it.
        await post(d, 'dev_faults', [{fail: {count: 100}}])
        expect((await post(d, 'system_chain')).error.message).toBe('devnet injected fault')
        expect((await post(d, 'dev_faults', [{clear: true}])).result).toEqual({latencyMs: 0, pending: []})
        expect((await post(d, 'system_chain')).result).toBe('Devnet legacy')

        let disconnects = 0
        api.on('disconnected', () => disconnects++)
        const client = await wsClient(d.url)
        const dropped = await client.call('dev_faults', [{drop: true}])
        expect(dropped.result).toEqual({latencyMs: 0, pending: [], dropped: 2})
        await client.closed
        await waitFor('the api to see the drop', () => disconnects === 1, undefined, 10_000)
        await waitFor('the api to reconnect', () => api.isConnected, undefined, 10_000)
        await post(d, 'dev_newBlock')
        expect((await api.rpc.chain.getHeader()).number.toNumber()).toBe(1)
    })

    it('dev_feed and dev_addNode / dev_removeNode: a feed subscriber sees nodes come and go, nothing while stalled, and a drop', async () => {
        const d = await devnetOf({scenario: 'legacy', seed: 2})
        const nodeCount = d.chain.world.nodeList().length
        const feed = await connectFeed(d.feedUrl)
        feed.ws.send(`subscribe:${d.chain.genesisHash}`)
        await feed.next(3 + 2 + nodeCount)
        const alice = d.accounts.find(a => a.name === 'Alice')!
        const added = (await post(d, 'dev_addNode', [{name: 'rpc-node', validatorAddress: alice.address, version: '1.17.0-abc'}])).result
        await waitFor('AddedNode rpc-node', () => feed.messages.find(m => m.action === 'AddedNode' && m.details.name === 'rpc-node'))
        const node = feed.messages.find(m => m.action === 'AddedNode' && m.details.name === 'rpc-node')!
        expect(node).toMatchObject({nodeId: added.id, details: {validatorAddress: alice.address, version: '1.17.0-abc'}})
        expect((await post(d, 'dev_removeNode', [{name: 'rpc-node'}])).result).toEqual({removed: [added.id]})
        await waitFor('RemovedNode', () => feed.messages.some(m => m.action === 'RemovedNode' && m.nodeId === added.id))

        expect((await post(d, 'dev_feed', [{action: 'stall'}])).result).toMatchObject({stalled: true, subscribers: 1})
        await post(d, 'dev_addNode', [{name: 'while-stalled'}])
        expect((await post(d, 'dev_feed', [{action: 'resume'}])).result.stalled).toBe(false)
        await post(d, 'dev_addNode', [{name: 'after-resume'}])
        await waitFor('AddedNode after-resume', () =>
            feed.messages.some(m => m.action === 'AddedNode' && m.details.name === 'after-resume'),
        )
        const names = feed.messages.flatMap(m => (m.action === 'AddedNode' ? [m.details.name] : []))
        expect(names).not.toContain('while-stalled')

        const closed = new Promise(resolve => feed.ws.once('close', resolve))
        expect((await post(d, 'dev_feed', [{action: 'drop'}])).result).toMatchObject({stalled: false})
        await closed
    })

    it('in the current layout, act on every chain and answer with the blocks of the chain asked', async () => {
        const d = await devnetOf({scenario: 'current', seed: 1})
        const [relay, assetHub] = ['relay', 'assetHub'].map(r => d.endpoints.find(e => e.role === r)!)
        const call = async (url: string, method: string, params: unknown[]) =>
            await (await fetch(url, {method: 'POST', body: JSON.stringify({jsonrpc: '2.0', id: 1, method, params})})).json()
        const head = (await call(assetHub.httpUrl, 'dev_newBlock', [{count: 2}])).result
        expect(head).toEqual({number: 2, hash: assetHub.chain.head.hash})
        expect(relay.chain.head.number).toBe(2)
        await call(assetHub.httpUrl, 'dev_faults', [{fail: {count: 1, method: 'chain_getHeader'}}])
        expect((await call(relay.httpUrl, 'chain_getHeader', [])).error.message).toBe('devnet injected fault')
        expect((await call(assetHub.httpUrl, 'chain_getHeader', [])).error.message).toBe('devnet injected fault')
        const fork = (await call(relay.httpUrl, 'dev_fork', [{depth: 1}])).result
        expect(fork.blocks.map((b: any) => b.hash)).toEqual(relay.chain.blocks.slice(2).map(b => b.hash))
        expect(assetHub.chain.head.number).toBe(3)
    })

    it('answers -32602 naming the bad parameter, and keeps running', async () => {
        const d = await devnetOf({scenario: 'legacy', seed: 2, finalityLagBlocks: 2})
        await d.produceBlocks(5)
        const cases: [string, unknown[], RegExp][] = [
            ['dev_newBlock', [{count: 0}], /count must be a whole number 1\.\.10000, got 0/],
            ['dev_newBlock', [{count: '3'}], /count must be a whole number/],
            ['dev_newBlock', [{cnt: 3}], /cnt is unknown \(known: count\)/],
            ['dev_newBlock', [3], /expected an object of named options \(count\), got 3/],
            ['dev_newBlock', [{}, {}], /expected one parameter/],
            ['dev_fork', [{}], /depth is required/],
            ['dev_fork', [{depth: 4}], /depth: cannot reorg 4 blocks: the fork point 1 must be at or after the finalized block 3/],
            [
                'dev_fork',
                [{depth: 1, variant: 'sideways'}],
                /variant must be one of same-content, other-author, drop-extrinsic, add-extrinsic, got "sideways"/,
            ],
            ['dev_fork', [{depth: 1, extrinsics: ['0xzz']}], /extrinsics\[0\] must be a hex string/],
            ['dev_fork', [{depth: 1, extrinsics: ['0x00']}], /extrinsics go with the add-extrinsic variant, not same-content/],
            ['dev_fork', [{depth: 1, variant: 'add-extrinsic', extrinsics: ['0x00']}], /extrinsics\[0\] is not valid at the fork point/],
            ['dev_fork', [{depth: 1, variant: 'add-extrinsic'}], /variant: add-extrinsic: no unclaimed payout page to add/],
            ['dev_fork', [{depth: 1, variant: 'drop-extrinsic'}], /variant: drop-extrinsic: blocks 5\.\.5 carry no signed extrinsic/],
            ['dev_faults', [{latencyMs: -1}], /latencyMs must be a whole number 0\.\.60000/],
            ['dev_faults', [{fail: {}}], /fail\.count is required/],
            ['dev_faults', [{fail: {count: 1, method: 'chain_getheader'}}], /fail\.method: the devnet has no method chain_getheader/],
            ['dev_faults', [{fail: {count: 1, method: 'dev_newBlock'}}], /fail\.method: dev_newBlock is a control/],
            ['dev_faults', [{fail: {count: 1, retries: 2}}], /fail\.retries is unknown/],
            ['dev_faults', [{drop: 'yes'}], /drop must be true or false/],
            ['dev_feed', [{action: 'explode'}], /action must be one of drop, stall, resume, malformed, got "explode"/],
            ['dev_feed', [{action: 'stall', text: 'x'}], /text goes with the malformed action only/],
            ['dev_addNode', [{}], /name is required/],
            ['dev_addNode', [{name: 'n', validatorAddress: 'not-an-address'}], /validatorAddress "not-an-address" is not an SS58 address/],
            ['dev_removeNode', [{name: 'nobody'}], /name: the feed has no node named "nobody"/],
        ]
        const head = d.head().hash
        for (const [method, params, message] of cases) {
            const reply = await post(d, method, params)
            expect(reply.error, `${method} ${JSON.stringify(params)}`).toMatchObject({code: -32602})
            expect(reply.error.message, `${method} ${JSON.stringify(params)}`).toMatch(new RegExp(`^Invalid params of ${method}: `))
            expect(reply.error.message, `${method} ${JSON.stringify(params)}`).toMatch(message)
        }
        expect(d.head().hash).toBe(head)
        expect((await post(d, 'dev_faults')).result).toEqual({latencyMs: 0, pending: []})
        expect(d.feed.stats().stalled).toBe(false)
        expect((await post(d, 'dev_newBlock')).result.number).toBe(6)
        expect((await post(d, 'system_chain')).result).toBe('Devnet legacy')
    })
})
