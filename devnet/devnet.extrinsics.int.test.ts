/**
 * Signed extrinsics against the devnet as a node treats them: bad signatures and stale nonces are
 * rejected by the pool; wrong proxies, unannounced or too-early announcements, bad targets and
 * already-claimed payouts fail in the block with the module error a real runtime gives.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {ApiPromise, WsProvider} from '@polkadot/api'
import type {SubmittableExtrinsic} from '@polkadot/api/types'
import {blake2AsHex} from '@polkadot/util-crypto'
import {include as includeTx, proxyResultError, type Included} from '../test/vitest/devnet-include'
import {startDevnet, type Devnet} from './index'

let devnet: Devnet
let api: ApiPromise

beforeAll(async () => {
    devnet = await startDevnet({scenario: 'legacy', seed: 11, finalityLagBlocks: 1, upgradeAtBlock: 3})
    await devnet.produceBlocks(17)
    api = await ApiPromise.create({provider: new WsProvider(devnet.url), noInitWarn: true, throwOnConnect: true})
})

afterAll(async () => {
    await api?.disconnect()
    await devnet?.stop()
})

const dev = (name: string) => devnet.accounts.find(a => a.name === name)!

/** Sign as the named dev account, submit, produce a block (test/vitest/devnet-include.ts). */
const include = (tx: SubmittableExtrinsic<'promise'>, signer: string) => includeTx(api, devnet, tx, dev(signer).pair)
const proxyError = (r: Included) => proxyResultError(api, r)

/** An active blocked validator //Alice does not nominate yet: a target pallet-staking refuses her (BadTarget). */
function blockedTarget(): string {
    const world = devnet.chain.world
    const current = world.nominators.get(dev('Alice').publicKey)?.targets ?? []
    return [...world.validators.values()].find(v => v.active && v.blocked && !current.includes(v.stash))!.stash
}

describe('transaction pool checks', () => {
    it('rejects a bad signature as a node does', async () => {
        const tx = api.tx.staking.chill()
        await tx.signAsync(dev('Dave').pair)
        const hex = tx.toHex()
        // Flip one byte inside the 64-byte signature (after the address and the signature type byte).
        const pos = 2 + 2 * (1 + 1 + 1 + 32 + 1) + 10
        const bad = hex.slice(0, pos) + (hex[pos] === '0' ? '1' : '0') + hex.slice(pos + 1)
        await expect(api.rpc.author.submitExtrinsic(bad)).rejects.toThrow(/1010: Invalid Transaction: Transaction has a bad signature/)
    })

    it('rejects a stale nonce', async () => {
        const first = await include(api.tx.staking.chill(), 'Eve')
        expect(first.error).toBe('staking.NotController')
        const stale = api.tx.staking.chill()
        await stale.signAsync(dev('Eve').pair, {nonce: 0})
        await expect(api.rpc.author.submitExtrinsic(stale)).rejects.toThrow(/1010: Invalid Transaction: Transaction is outdated/)
    })

    it('answers 1013 Already Imported for the same bytes again while they wait in the pool, as a Substrate pool does', async () => {
        const tx = api.tx.staking.chill()
        await tx.signAsync(dev('Dave').pair)
        await api.rpc.author.submitExtrinsic(tx)
        await expect(api.rpc.author.submitExtrinsic(tx)).rejects.toThrow(/1013: Transaction Already Imported/)
        expect(devnet.chain.pool.length).toBe(1)
        await devnet.produceBlocks(1)
        // Once in a block, its nonce is used: outdated.
        await expect(api.rpc.author.submitExtrinsic(tx)).rejects.toThrow(/1010: Invalid Transaction: Transaction is outdated/)
    })

    it('rejects a mortal transaction whose era has passed', async () => {
        const tx = api.tx.staking.chill()
        const head = await api.rpc.chain.getHeader()
        await tx.signAsync(dev('Dave').pair, {
            era: api.registry.createType('ExtrinsicEra', {current: head.number.toNumber(), period: 4}),
            blockHash: head.hash,
        })
        await devnet.produceBlocks(5)
        await expect(api.rpc.author.submitExtrinsic(tx)).rejects.toThrow(/1010: Invalid Transaction/)
    })

    it('seals a block as soon as a transaction arrives when asked to', async () => {
        const instant = await startDevnet({scenario: 'legacy', seed: 11, instantSeal: true})
        const api2 = await ApiPromise.create({provider: new WsProvider(instant.url), noInitWarn: true})
        try {
            const statuses: string[] = []
            await new Promise<void>((resolve, reject) => {
                api2.tx.staking
                    .chill()
                    .signAndSend(dev('Dave').pair, (r: any) => {
                        statuses.push(r.status.type)
                        if (r.status.isInBlock) resolve()
                    })
                    .catch(reject)
            })
            expect(statuses.slice(0, 2)).toEqual(['Ready', 'InBlock'])
            expect(instant.head().number).toBe(1)
        } finally {
            await api2.disconnect()
            await instant.stop()
        }
    })

    it('rejects bytes that are not an extrinsic', async () => {
        // Raw JSON-RPC: @polkadot/api would refuse to send these bytes at all.
        const res = await fetch(devnet.httpUrl, {
            method: 'POST',
            body: JSON.stringify({jsonrpc: '2.0', id: 1, method: 'author_submitExtrinsic', params: ['0x1234']}),
        })
        const reply = await res.json()
        expect(reply.error.code).toBe(1002)
        expect(reply.error.message).toMatch(/Could not decode extrinsic/)
        // The node is still serving.
        expect((await api.rpc.chain.getHeader()).number.toNumber()).toBe(devnet.head().number)
    })
})

describe('dispatch errors', () => {
    it('fails proxy.proxy from an account that is not a proxy (NotProxy), and from a delayed proxy (Unannounced)', async () => {
        const alice = dev('Alice').publicKey
        const notProxy = await include(api.tx.proxy.proxy(alice, null, api.tx.staking.chill()), 'Dave')
        expect(notProxy.error).toBe('proxy.NotProxy')
        expect(notProxy.events).toContain('system.ExtrinsicFailed')
        const delayed = await include(api.tx.proxy.proxy(alice, null, api.tx.staking.chill()), 'Charlie')
        expect(delayed.error).toBe('proxy.Unannounced')
        expect(devnet.chain.world.nominators.has(alice)).toBe(true)
    })

    it('reports a bad nomination target inside a proxy call', async () => {
        const alice = dev('Alice').publicKey
        const r = await include(api.tx.proxy.proxy(alice, null, api.tx.staking.nominate([blockedTarget()])), 'Bob')
        expect(r.error).toBeUndefined()
        expect(proxyError(r)).toBe('staking.BadTarget')
    })

    it('enforces the announcement delay of a time-delayed proxy', async () => {
        const alice = dev('Alice').publicKey
        const targets = [...devnet.chain.world.validators.values()]
            .filter(v => v.active && !v.blocked)
            .slice(-2)
            .map(v => v.stash)
        const call = api.tx.staking.nominate(targets)
        const callHash = blake2AsHex(call.method.toU8a(), 256)
        const unannounced = await include(api.tx.proxy.proxyAnnounced(dev('Charlie').publicKey, alice, null, call), 'Dave')
        expect(unannounced.error).toBe('proxy.Unannounced')
        const announced = await include(api.tx.proxy.announce(alice, callHash), 'Charlie')
        expect(announced.events).toContain('proxy.Announced')
        const tooEarly = await include(api.tx.proxy.proxyAnnounced(dev('Charlie').publicKey, alice, null, call), 'Dave')
        expect(tooEarly.error).toBe('proxy.Unannounced')
        await devnet.produceBlocks(devnet.spec.proxyDelayBlocks)
        const executed = await include(api.tx.proxy.proxyAnnounced(dev('Charlie').publicKey, alice, null, call), 'Dave')
        expect(executed.error).toBeUndefined()
        expect(proxyError(executed)).toBeUndefined()
        const nominations: any = (await api.query.staking.nominators(alice)).unwrap()
        expect(nominations.targets.map((t: any) => t.toHex())).toEqual(targets)
        const removed = await include(api.tx.proxy.removeAnnouncement(alice, callHash), 'Charlie')
        expect(removed.error).toBe('proxy.NotFound')
    })

    it('interrupts utility.batch at the first failing call and rolls back batchAll', async () => {
        const alice = dev('Alice').publicKey
        const before = devnet.chain.world.nominators.get(alice)!.targets
        const good = [...devnet.chain.world.validators.values()]
            .filter(v => v.active && !v.blocked)
            .slice(0, 2)
            .map(v => v.stash)
        const batchAll = await include(
            api.tx.proxy.proxy(
                alice,
                null,
                api.tx.utility.batchAll([api.tx.staking.nominate(good), api.tx.staking.nominate([blockedTarget()])]),
            ),
            'Bob',
        )
        expect(proxyError(batchAll)).toBe('staking.BadTarget')
        expect(devnet.chain.world.nominators.get(alice)!.targets).toEqual(before)
        const batch = await include(
            api.tx.proxy.proxy(
                alice,
                null,
                api.tx.utility.batch([api.tx.staking.nominate(good), api.tx.staking.nominate([blockedTarget()])]),
            ),
            'Bob',
        )
        expect(batch.events).toContain('utility.BatchInterrupted')
        expect(devnet.chain.world.nominators.get(alice)!.targets).toEqual(good)
        const force = await include(api.tx.utility.forceBatch([api.tx.staking.chill(), api.tx.staking.chill()]), 'Dave')
        expect(force.events.filter(e => e === 'utility.ItemFailed').length).toBe(2)
        expect(force.events).toContain('utility.BatchCompletedWithErrors')
    })

    it('refuses payouts of the active era and already-claimed pages', async () => {
        const world = devnet.chain.world
        const current = world.currentEra.exposures[0].validator
        const active = await include(api.tx.staking.payoutStakersByPage(current, world.activeEra, 0), 'Dave')
        expect(active.error).toBe('staking.InvalidEraToReward')
        const prev = world.eras.get(world.activeEra - 1)!
        const [validator, pages] = [...prev.claimedPages.entries()].find(([, p]) => p.includes(0))!
        expect(pages).toContain(0)
        const again = await include(api.tx.staking.payoutStakersByPage(validator, prev.index, 0), 'Dave')
        expect(again.error).toBe('staking.AlreadyClaimed')
    })
})
