/**
 * The real @polkadot/api against the devnet: typed staking, identity, proxy and session queries return
 * the scenario's data on both runtimes of the legacy layout, and a proxied batchAll of nominations lands
 * and changes the next era's exposures.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {ApiPromise, WsProvider} from '@polkadot/api'
import {startDevnet, type Devnet} from './index'
import {waitFor} from '../test/vitest/wait-for'

let devnet: Devnet
let api: ApiPromise

beforeAll(async () => {
    devnet = await startDevnet({scenario: 'legacy', seed: 7, finalityLagBlocks: 2, upgradeAtBlock: 20})
    await devnet.produceBlocks(18)
    api = await ApiPromise.create({provider: new WsProvider(devnet.url), noInitWarn: true, throwOnConnect: true})
})

afterAll(async () => {
    await api?.disconnect()
    await devnet?.stop()
})

const dev = (name: string) => devnet.accounts.find(a => a.name === name)!

describe('@polkadot/api reads the scenario (runtime 9420)', () => {
    it('serves the runtime, chain and properties', async () => {
        expect(api.runtimeVersion.specVersion.toNumber()).toBe(9420)
        expect(api.genesisHash.toHex()).toBe(devnet.chain.genesisHash)
        expect(api.registry.chainDecimals[0]).toBe(10)
        const head = await api.rpc.chain.getHeader()
        expect(head.number.toNumber()).toBe(devnet.head().number)
        expect(head.hash.toHex()).toBe(devnet.head().hash)
    })

    it('reads eras, exposures, era points and validator prefs', async () => {
        const world = devnet.chain.world
        const active = await api.query.staking.activeEra()
        expect(active.unwrap().index.toNumber()).toBe(world.activeEra)
        const era = world.currentEra
        const e = era.exposures[0]
        const exposure: any = await api.query.staking.erasStakers(era.index, e.validator)
        expect(exposure.total.toBigInt()).toBe(e.totalPlanck)
        expect(exposure.own.toBigInt()).toBe(e.ownPlanck)
        expect(exposure.others.length).toBe(e.others.length)
        expect(exposure.others[0].who.toHex()).toBe(e.others[0].who)
        const points: any = await api.query.staking.erasRewardPoints(era.index)
        expect(points.total.toNumber()).toBe(era.totalPoints)
        expect(points.total.toNumber()).toBeGreaterThan(0)
        const prefs: any = await api.query.staking.erasValidatorPrefs(era.index, e.validator)
        expect(prefs.commission.toNumber()).toBe(era.prefs.get(e.validator)!.commissionPerbill)
        const sessionValidators = await api.query.session.validators()
        expect(sessionValidators.map(v => v.toHex())).toEqual(world.sessionValidators)
    })

    it('reads plain integer items as SCALE (session index, era totals, timestamp)', async () => {
        const world = devnet.chain.world
        expect(world.sessionIndex).toBeGreaterThan(1)
        expect((await api.query.session.currentIndex()).toNumber()).toBe(world.sessionIndex)
        expect((await api.query.staking.currentEra()).unwrap().toNumber()).toBe(world.activeEra)
        const era = world.currentEra
        expect((await api.query.staking.erasTotalStake(era.index)).toBigInt()).toBe(era.exposures.reduce((s, e) => s + e.totalPlanck, 0n))
        expect((await api.query.staking.erasStartSessionIndex(era.index)).unwrap().toNumber()).toBe(era.startSessionIndex)
        expect((await api.query.timestamp.now()).toNumber()).toBe(devnet.head().timestampMs)
        const reward = await api.query.staking.erasValidatorReward(era.index - 1)
        expect(reward.unwrap().toBigInt()).toBe(world.eras.get(era.index - 1)!.validatorPayoutPlanck)
    })

    it('reads ledgers, nominations, session keys and validators', async () => {
        const world = devnet.chain.world
        const alice = dev('Alice').publicKey
        const ledger: any = (await api.query.staking.ledger(alice)).unwrap()
        expect(ledger.active.toBigInt()).toBe(world.ledgers.get(alice)!.activePlanck)
        const nominations: any = (await api.query.staking.nominators(alice)).unwrap()
        expect(nominations.targets.map((t: any) => t.toHex())).toEqual(world.nominators.get(alice)!.targets)
        const [stash, v] = [...world.validators.entries()].find(([, v]) => v.active)!
        const keys: any = (await api.query.session.nextKeys(stash)).unwrap()
        expect(keys.grandpa.toHex()).toBe(v.sessionKeys.grandpa)
        const validators = await api.query.staking.validators.entries()
        expect(validators.length).toBe([...world.validators.values()].filter(x => x.active).length)
    })

    it('reads identities with judgements and sub-identities', async () => {
        const world = devnet.chain.world
        const [who, idn] = [...world.identities.entries()].find(([, i]) => i.judgements.length > 0)!
        const reg: any = (await api.query.identity.identityOf(who)).unwrap()
        expect(reg.info.display.asRaw.toUtf8()).toBe(idn.display.slice(0, 32))
        expect(reg.judgements[0][1].type).toBe(idn.judgements[0].judgement)
        const [sub, [parent, name]] = [...world.superOf.entries()][0]
        const sup: any = (await api.query.identity.superOf(sub)).unwrap()
        expect(sup[0].toHex()).toBe(parent)
        expect(sup[1].asRaw.toUtf8()).toBe(name)
        const subs: any = await api.query.identity.subsOf(parent)
        expect(subs[1].map((s: any) => s.toHex())).toContain(sub)
    })

    it('quotes a fee for a transaction', async () => {
        const info = await api.tx.staking.chill().paymentInfo(dev('Alice').pair)
        expect(info.partialFee.toBigInt()).toBe(100_000_000n)
        expect(info.weight.refTime.toNumber()).toBe(1_000_000_000)
    })

    it('reads proxies, including the time-delayed Staking proxy', async () => {
        const [defs]: any = await api.query.proxy.proxies(dev('Alice').publicKey)
        expect(defs.map((d: any) => [d.delegate.toHex(), d.proxyType.type, d.delay.toNumber()])).toEqual([
            [dev('Bob').publicKey, 'Staking', 0],
            [dev('Charlie').publicKey, 'Staking', devnet.spec.proxyDelayBlocks],
        ])
    })

    it('decodes the events of a block with payouts', async () => {
        const facts = devnet.facts()
        const rewarded = facts.events['Staking.Rewarded']
        expect(rewarded.length).toBeGreaterThan(0)
        const block = rewarded[0].block
        const events = await api.query.system.events.at(devnet.chain.blocks[block].hash)
        const names = events.map(e => `${e.event.section}.${e.event.method}`)
        expect(names.filter(n => n === 'staking.Rewarded').length).toBe(rewarded.filter(r => r.block === block).length)
        const first = events.find(e => e.event.method === 'Rewarded')!
        expect((first.event.data as any).stash.toHex()).toBe(rewarded[0].fields.stash)
        // Every block carries its Timestamp.set.
        const signed = await api.rpc.chain.getBlock(devnet.chain.blocks[block].hash)
        expect(signed.block.extrinsics[0].method.method).toBe('set')
        expect(Number(signed.block.extrinsics[0].method.args[0].toString())).toBe(devnet.chain.blocks[block].timestampMs)
    })
})

describe('@polkadot/api across the upgrade to 1002005', () => {
    it('keeps the old storage format in the upgrade block and migrates in the next', async () => {
        await devnet.produceBlocks(25 - devnet.head().number)
        const era = devnet.chain.world.currentEra.index
        const v = devnet.chain.world.currentEra.exposures[0].validator
        const atUpgrade = await api.at(devnet.chain.blocks[20].hash)
        const afterUpgrade = await api.at(devnet.chain.blocks[21].hash)
        // Both clients decode block U's state with the parent's runtime, as real chains require.
        expect(atUpgrade.runtimeVersion.specVersion.toNumber()).toBe(9420)
        expect(((await atUpgrade.query.staking.erasStakers(era, v)) as any).total.toBigInt()).toBe(
            devnet.chain.world.currentEra.exposures[0].totalPlanck,
        )
        expect(afterUpgrade.runtimeVersion.specVersion.toNumber()).toBe(1002005)
        expect(((await afterUpgrade.query.staking.erasStakersOverview(era, v)) as any).unwrap().total.toBigInt()).toBe(
            devnet.chain.world.currentEra.exposures[0].totalPlanck,
        )
        const raw = devnet.chain.rtAt(21)
        expect(devnet.chain.storage.get(20, raw.storageKey('Staking', 'ErasStakersOverview', era, v))).toBeNull()
    })

    it('follows the runtime upgrade and reads paged exposures', async () => {
        await waitFor(
            'api.runtimeVersion.specVersion.toNumber() === 1002005',
            () => api.runtimeVersion.specVersion.toNumber() === 1002005,
            undefined,
            10_000,
        )
        const world = devnet.chain.world
        const era = world.currentEra
        const e = era.exposures.find(x => x.others.length > devnet.spec.exposurePageSize)!
        const overview: any = (await api.query.staking.erasStakersOverview(era.index, e.validator)).unwrap()
        expect(overview.total.toBigInt()).toBe(e.totalPlanck)
        expect(overview.nominatorCount.toNumber()).toBe(e.others.length)
        expect(overview.pageCount.toNumber()).toBe(Math.ceil(e.others.length / devnet.spec.exposurePageSize))
        const page1: any = (await api.query.staking.erasStakersPaged(era.index, e.validator, 1)).unwrap()
        expect(page1.others[0].who.toHex()).toBe(e.others[devnet.spec.exposurePageSize].who)
        const [who, idn] = [...world.identities.entries()][0]
        const reg: any = (await api.query.identity.identityOf(who)).unwrap()
        expect(reg[0].info.display.asRaw.toUtf8()).toBe(idn.display.slice(0, 32))
    })

    it('lands a proxied batchAll of nominations that changes the next era exposures', async () => {
        const world = devnet.chain.world
        const alice = dev('Alice').publicKey
        const targets = world.currentEra.exposures
            .map(e => e.validator)
            .filter(v => !world.validators.get(v)!.blocked)
            .slice(0, 3)
        const tx = api.tx.proxy.proxy(alice, null, api.tx.utility.batchAll([api.tx.staking.chill(), api.tx.staking.nominate(targets)]))
        const events = await signSendAndFinalize(tx, dev('Bob').pair)
        expect(events).toContain('proxy.ProxyExecuted')
        expect(events).toContain('system.ExtrinsicSuccess')
        const nominations: any = (await api.query.staking.nominators(alice)).unwrap()
        expect(nominations.targets.map((t: any) => t.toHex())).toEqual(targets)
        // Run into the next era: Alice's stake backs her new targets.
        const eraBlocks = devnet.spec.blocksPerSession * devnet.spec.sessionsPerEra
        const nextEra = world.activeEra + 1
        await devnet.produceBlocks(eraBlocks)
        expect(world.activeEra).toBeGreaterThanOrEqual(nextEra)
        let backedByAlice = 0
        for (const t of targets) {
            const overview: any = await api.query.staking.erasStakersOverview(nextEra, t)
            if (overview.isNone) continue
            const pages = overview.unwrap().pageCount.toNumber()
            for (let p = 0; p < pages; p++) {
                const page: any = (await api.query.staking.erasStakersPaged(nextEra, t, p)).unwrap()
                if (page.others.some((o: any) => o.who.toHex() === alice)) backedByAlice++
            }
        }
        expect(backedByAlice).toBeGreaterThan(0)
        const exposures = world.eras
            .get(nextEra)!
            .exposures.filter(e => e.others.some(o => o.who === alice))
            .map(e => e.validator)
        expect(exposures.every(v => targets.includes(v))).toBe(true)
    })
})

async function signSendAndFinalize(tx: any, signer: any): Promise<string[]> {
    return new Promise((resolve, reject) => {
        let produced = false
        tx.signAndSend(signer, async (result: any) => {
            if (result.status.isReady && !produced) {
                produced = true
                await devnet.produceBlocks(4)
            }
            if (result.status.isFinalized) {
                resolve(result.events.map((e: any) => `${e.event.section}.${e.event.method}`))
            }
            if (result.isError) reject(new Error(`transaction failed: ${result.status.toString()}`))
        }).catch(reject)
    })
}
