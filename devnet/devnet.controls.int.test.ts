/**
 * Test controls of the devnet: deterministic hashes across restarts, a reorg visible to a subscriber,
 * injected error replies, latency and dropped connections, finality lag.
 */
import fs from 'fs'
import os from 'os'
import path from 'path'
import {afterEach, describe, expect, it} from 'vitest'
import {ApiPromise, WsProvider} from '@polkadot/api'
import {startDevnet, type Devnet} from './index'
import {waitFor} from '../test/vitest/wait-for'

const started: Devnet[] = []
afterEach(async () => {
    while (started.length) await started.pop()!.stop()
})

async function devnetOf(options: Parameters<typeof startDevnet>[0]): Promise<Devnet> {
    const d = await startDevnet(options)
    started.push(d)
    return d
}

async function rpc(d: Devnet, method: string, params: unknown[] = []): Promise<any> {
    const res = await fetch(d.httpUrl, {method: 'POST', body: JSON.stringify({jsonrpc: '2.0', id: 1, method, params})})
    return res.json()
}

describe('devnet controls', () => {
    it('serves identical hashes after a restart with the same seed, different ones with another seed', async () => {
        const a = await devnetOf({scenario: 'legacy', seed: 5, upgradeAtBlock: 10})
        await a.produceBlocks(25)
        const hashesA = a.chain.blocks.map(b => b.hash)
        await a.stop()
        started.pop()
        const b = await devnetOf({scenario: 'legacy', seed: 5, upgradeAtBlock: 10})
        await b.produceBlocks(25)
        expect(b.chain.blocks.map(x => x.hash)).toEqual(hashesA)
        const c = await devnetOf({scenario: 'legacy', seed: 6, upgradeAtBlock: 10})
        await c.produceBlocks(1)
        expect(c.chain.blocks[1].hash).not.toBe(hashesA[1])
    })

    it('resumes the same chain from its journal after a restart, including submitted extrinsics and reorgs', async () => {
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'devnet-journal-')), 'journal.jsonl')
        const a = await devnetOf({scenario: 'legacy', seed: 8, finalityLagBlocks: 3, journalFile: file})
        await a.produceBlocks(4)
        const api = await ApiPromise.create({provider: new WsProvider(a.url), noInitWarn: true})
        try {
            const tx = api.tx.staking.chill()
            await tx.signAsync(a.accounts.find(x => x.name === 'Alice')!.pair)
            await api.rpc.author.submitExtrinsic(tx)
        } finally {
            await api.disconnect()
        }
        await a.produceBlocks(3)
        await a.fork(2)
        await a.produceBlocks(2)
        await a.fork(3)
        const hashes = a.chain.blocks.map(b => b.hash)
        expect(a.chain.blocks[5].includedHashes).toHaveLength(1)
        await a.stop()
        started.pop()
        const b = await devnetOf({scenario: 'legacy', seed: 8, finalityLagBlocks: 3, journalFile: file})
        expect(b.chain.blocks.map(x => x.hash)).toEqual(hashes)
        expect(b.chain.world.nominators.has(a.accounts[0].publicKey)).toBe(false)
        await expect(devnetOf({scenario: 'legacy', seed: 9, journalFile: file})).rejects.toThrow(/written for scenario legacy seed 8/)
    })

    it('reorgs the last k blocks, and a subscriber sees the new branch', async () => {
        const d = await devnetOf({scenario: 'legacy', seed: 2, finalityLagBlocks: 3})
        await d.produceBlocks(10)
        const api = await ApiPromise.create({provider: new WsProvider(d.url), noInitWarn: true})
        try {
            const heads: {number: number; hash: string; parentHash: string}[] = []
            const unsub = await api.rpc.chain.subscribeNewHeads(h =>
                heads.push({number: h.number.toNumber(), hash: h.hash.toHex(), parentHash: h.parentHash.toHex()}),
            )
            await waitFor('heads.length > 0', () => heads.length > 0, undefined, 10_000)
            const old8 = d.chain.blocks[8].hash
            const old9 = d.chain.blocks[9].hash
            const old10 = d.chain.blocks[10].hash
            const newBlocks = await d.fork(2)
            expect(newBlocks.map(b => b.number)).toEqual([9, 10, 11])
            await waitFor('heads.some(h => h.number === 11)', () => heads.some(h => h.number === 11), undefined, 10_000)
            const seen9 = heads.find(h => h.number === 9 && h.hash !== old9)!
            expect(seen9.parentHash).toBe(d.chain.blocks[8].hash)
            expect(heads.filter(h => h.number === 10).map(h => h.hash)).toEqual([old10, d.chain.blocks[10].hash])
            expect(d.chain.blocks[10].hash).not.toBe(old10)
            expect((await api.rpc.chain.getBlockHash(10)).toHex()).toBe(d.chain.blocks[10].hash)
            // The old branch is gone: its blocks are "not found" for state queries.
            const stale = await rpc(d, 'state_getRuntimeVersion', [old10])
            expect(stale.error.message).toMatch(/ not found/)
            // Blocks below the fork point keep their hashes; a reorg below finality is refused.
            expect(d.chain.blocks[8].hash).toBe(old8)
            await expect(d.fork(5)).rejects.toThrow(/finalized/)
            unsub()
        } finally {
            await api.disconnect()
        }
    })

    it('lags finality by the configured number of blocks', async () => {
        const d = await devnetOf({scenario: 'legacy', seed: 2, finalityLagBlocks: 4})
        await d.produceBlocks(9)
        const fin = await rpc(d, 'chain_getFinalizedHead')
        expect(fin.result).toBe(d.chain.blocks[5].hash)
        const header = await rpc(d, 'chain_getHeader', [fin.result])
        expect(header.result.number).toBe('0x5')
    })

    it('answers batches, unknown methods and unknown blocks as a node does', async () => {
        const d = await devnetOf({scenario: 'legacy', seed: 2})
        await d.produceBlocks(3)
        const res = await fetch(d.httpUrl, {
            method: 'POST',
            body: JSON.stringify([
                {jsonrpc: '2.0', id: 1, method: 'chain_getBlockHash', params: ['0x2']},
                {jsonrpc: '2.0', id: 2, method: 'chain_getBlockHash', params: [99]},
                {jsonrpc: '2.0', id: 3, method: 'nope_nothing', params: []},
                {jsonrpc: '2.0', id: 4, method: 'state_getMetadata', params: ['0x' + '11'.repeat(32)]},
            ]),
        })
        const replies = await res.json()
        expect(replies.find((r: any) => r.id === 1).result).toBe(d.chain.blocks[2].hash)
        expect(replies.find((r: any) => r.id === 2).result).toBeNull()
        expect(replies.find((r: any) => r.id === 3).error.code).toBe(-32601)
        expect(replies.find((r: any) => r.id === 4).error.message).toMatch(/ not found/)
        const methods = (await rpc(d, 'rpc_methods')).result.methods
        expect(methods).toEqual(
            expect.arrayContaining([
                'chain_subscribeNewHeads',
                'chain_subscribeNewHead',
                'state_subscribeStorage',
                'author_submitAndWatchExtrinsic',
                'state_getKeysPaged',
            ]),
        )
        const malformed = await fetch(d.httpUrl, {method: 'POST', body: '{not json'})
        expect((await malformed.json()).error.code).toBe(-32700)
    })

    it('injects error replies, latency and dropped connections', async () => {
        const d = await devnetOf({scenario: 'legacy', seed: 2})
        d.faults.failNext(2, {method: 'chain_getHeader', message: 'rate limit exceeded'})
        expect((await rpc(d, 'chain_getHeader')).error.message).toBe('rate limit exceeded')
        expect((await rpc(d, 'chain_getBlockHash', [0])).result).toBe(d.chain.genesisHash)
        expect((await rpc(d, 'chain_getHeader')).error.message).toBe('rate limit exceeded')
        expect((await rpc(d, 'chain_getHeader')).result.number).toBe('0x0')
        d.faults.latencyMs = 150
        const t0 = performance.now()
        await rpc(d, 'system_chain')
        expect(performance.now() - t0).toBeGreaterThanOrEqual(140)
        d.faults.latencyMs = 0
        const provider = new WsProvider(d.url, 100)
        const api = await ApiPromise.create({provider, noInitWarn: true})
        try {
            let disconnects = 0
            provider.on('disconnected', () => disconnects++)
            expect(d.faults.dropConnections()).toBe(1)
            await waitFor('disconnects === 1', () => disconnects === 1, undefined, 10_000)
            await waitFor('provider.isConnected', () => provider.isConnected, undefined, 10_000)
            await d.produceBlocks(1)
            expect((await api.rpc.chain.getHeader()).number.toNumber()).toBe(1)
        } finally {
            await api.disconnect()
        }
    })
})
