/**
 * The current layout: relay (Polkadot 2000000: Session, StakingAhClient), Asset Hub (statemint 2000000
 * → 2000002 → 2003000: staking-async) and People (1003003 → 1005001 → 2000000: Identity), each on its
 * own port, served as V14. Real @polkadot/api reads and the real Subsquid processor index each chain.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {ApiPromise, WsProvider} from '@polkadot/api'
import {startDevnet, type Devnet} from './index'
import {runProcessorProbe} from './processor-probe-run'
import {include} from '../test/vitest/devnet-include'

const TO = 45
let devnet: Devnet

beforeAll(async () => {
    devnet = await startDevnet({scenario: 'current', seed: 4, finalityLagBlocks: 2})
    await devnet.produceBlocks(TO + 3)
})

afterAll(async () => {
    await devnet?.stop()
})

const endpoint = (role: string) => devnet.endpoints.find(e => e.role === role)!

async function withApi<T>(role: string, fn: (api: ApiPromise) => Promise<T>): Promise<T> {
    const api = await ApiPromise.create({provider: new WsProvider(endpoint(role).url), noInitWarn: true, throwOnConnect: true})
    try {
        return await fn(api)
    } finally {
        await api.disconnect()
    }
}

describe('current layout', () => {
    it('serves three chains with their own genesis and runtimes, as V14 metadata', async () => {
        expect(devnet.endpoints.map(e => e.role)).toEqual(['relay', 'assetHub', 'people'])
        expect(new Set(devnet.endpoints.map(e => e.chain.genesisHash)).size).toBe(3)
        const res = await fetch(endpoint('assetHub').httpUrl, {
            method: 'POST',
            body: JSON.stringify({jsonrpc: '2.0', id: 1, method: 'state_getMetadata', params: []}),
        })
        expect(((await res.json()).result as string).slice(0, 12)).toBe('0x6d657461' + '0e')
        const versions = await withApi('assetHub', async api => api.runtimeVersion.specVersion.toNumber())
        expect(versions).toBe(2003000)
    })

    it('@polkadot/api reads staking on Asset Hub, sessions on the relay, identities on People', async () => {
        const world = devnet.chain.world
        const era = world.currentEra
        const e = era.exposures.find(x => x.others.length > devnet.spec.exposurePageSize)!
        await withApi('assetHub', async api => {
            expect((await api.query.staking.activeEra()).unwrap().index.toNumber()).toBe(world.activeEra)
            const overview: any = (await api.query.staking.erasStakersOverview(era.index, e.validator)).unwrap()
            expect(overview.total.toBigInt()).toBe(e.totalPlanck)
            const points: any = await api.query.staking.erasRewardPoints(era.index)
            expect(points.total.toNumber()).toBe(era.totalPoints)
            const nominations: any = (await api.query.staking.nominators(devnet.accounts[0].publicKey)).unwrap()
            expect(nominations.targets.length).toBe(world.nominators.get(devnet.accounts[0].publicKey)!.targets.length)
            expect(api.query.session.validators).toBeTypeOf('function')
            // Relay-only state is not on Asset Hub.
            expect((await api.query.session.validators()).length).toBe(0)
        })
        await withApi('relay', async api => {
            expect((await api.query.session.validators()).map(v => v.toHex())).toEqual(world.sessionValidators)
            const keys: any = (await api.query.session.nextKeys(e.validator)).unwrap()
            expect(keys.beefy.toHex()).toBe(world.validators.get(e.validator)!.sessionKeys.beefy)
            expect(api.query.staking.erasStakersOverview).toBeTypeOf('function')
            expect((await api.query.staking.erasStakersOverview(era.index, e.validator)).isNone).toBe(true)
        })
        await withApi('people', async api => {
            expect(api.runtimeVersion.specVersion.toNumber()).toBe(2000000)
            const [who, idn] = [...world.identities.entries()].find(([, i]) => i.judgements.length > 0)!
            const reg: any = (await api.query.identity.identityOf(who)).unwrap()
            expect(reg.info.display.asRaw.toUtf8()).toBe(idn.display.slice(0, 32))
            expect(reg.judgements[0][1].type).toBe(idn.judgements[0].judgement)
            // Before 1005001 IdentityOf was (Registration, Option<Username>).
            const people = devnet.chainOf('people')
            const old: any = await (await api.at(people.blocks[10].hash)).query.identity.identityOf(who)
            expect(old.unwrap()[0].info.display.asRaw.toUtf8()).toBe(reg.info.display.asRaw.toUtf8())
        })
    })

    it("the relay receives each era's validator set: ValidatorSetReceived, the queued set and its session keys", async () => {
        const facts = devnet.facts()
        const received = facts.events['StakingAhClient.ValidatorSetReceived'] ?? []
        expect(received.map(e => e.chain)).toEqual(received.map(() => 'relay'))
        // One per era end, in the block of Asset Hub's EraPaid, for the era that starts there.
        expect(received.map(e => [e.block, e.fields.id])).toEqual(
            facts.events['Staking.EraPaid'].map(e => [e.block, (e.fields.eraIndex as number) + 1]),
        )
        expect(received.length).toBeGreaterThanOrEqual(2)
        const world = devnet.chain.world
        const relay = devnet.chainOf('relay')
        await withApi('relay', async api => {
            for (const e of received) {
                const validators = facts.eras.find(x => x.index === e.fields.id)!.validators
                expect(e.fields.newValidatorSetCount).toBe(validators.length)
                const at = await api.at(relay.blocks[e.block].hash)
                const [id, set]: any = (await at.query.stakingAhClient.validatorSet()).unwrap()
                expect([id.toNumber(), set.map((v: any) => v.toHex())]).toEqual([e.fields.id, validators])
                const keys: any[] = await at.query.session.nextKeys.multi(validators)
                expect(keys.map(k => k.unwrap().beefy.toHex())).toEqual(validators.map(v => world.validators.get(v)!.sessionKeys.beefy))
            }
        })
    })

    it('the Subsquid processor indexes each chain across its runtime upgrades', async () => {
        const facts = devnet.facts()
        const expected = (chain: string, name: string) => (facts.events[name] ?? []).filter(e => e.block <= TO && e.chain === chain)
        const [relay, assetHub, people] = await Promise.all([
            runProcessorProbe(endpoint('relay').url, TO, {PROBE_EVENTS: 'Session.NewSession,Offences.Offence'}),
            runProcessorProbe(endpoint('assetHub').url, TO, {
                PROBE_EVENTS:
                    'Staking.EraPaid,Staking.Rewarded,Staking.PayoutStarted,Staking.OffenceReported,Staking.SessionRotated,Staking.Slashed',
            }),
            runProcessorProbe(endpoint('people').httpUrl, TO, {
                PROBE_EVENTS: 'Identity.IdentitySet,Identity.JudgementGiven,System.CodeUpdated',
            }),
        ])
        for (const r of [relay, assetHub, people]) expect(r.exitCode, r.stderr.slice(-2000)).toBe(0)
        const seen = (run: typeof relay, name: string) => run.lines.filter(l => l.name === name)
        expect(seen(relay, 'Session.NewSession').length).toBe(expected('relay', 'Session.NewSession').length)
        expect(seen(relay, 'Offences.Offence').length).toBe(expected('relay', 'Offences.Offence').length)
        expect(seen(relay, 'Session.NewSession').length).toBeGreaterThanOrEqual(8)
        for (const name of [
            'Staking.EraPaid',
            'Staking.Rewarded',
            'Staking.PayoutStarted',
            'Staking.OffenceReported',
            'Staking.SessionRotated',
        ]) {
            expect(seen(assetHub, name).length, name).toBe(expected('assetHub', name).length)
        }
        expect(new Set(seen(assetHub, 'Staking.Rewarded').map(l => l.specVersion))).toEqual(new Set([2000000, 2000002, 2003000]))
        expect(seen(assetHub, 'Staking.PayoutStarted').every(l => 'page' in l.args)).toBe(true)
        expect(seen(people, 'System.CodeUpdated').map(l => l.block)).toEqual([15, 30])
        expect(seen(people, 'Identity.IdentitySet').length).toBe(expected('people', 'Identity.IdentitySet').length)
    })

    it('runs a proxied batchAll of nominations on Asset Hub', async () => {
        await withApi('assetHub', async api => {
            const world = devnet.chain.world
            const alice = devnet.accounts.find(a => a.name === 'Alice')!.publicKey
            const targets = world.currentEra.exposures
                .map(e => e.validator)
                .filter(v => !world.validators.get(v)!.blocked)
                .slice(0, 2)
            const tx = api.tx.proxy.proxy(alice, null, api.tx.utility.batchAll([api.tx.staking.nominate(targets)]))
            await tx.signAsync(devnet.accounts.find(a => a.name === 'Bob')!.pair)
            await api.rpc.author.submitExtrinsic(tx)
            await devnet.produceBlocks(1)
            const nominations: any = (await api.query.staking.nominators(alice)).unwrap()
            // staking-async keeps targets as a bounded set: in account order, whatever order they were sent in.
            expect(nominations.targets.map((t: any) => t.toHex())).toEqual([...targets].sort())
        })
    })

    it('nominating_non_validators_is_not_ok (pallet-staking-async): an account that is no validator is BadTarget', async () => {
        await withApi('assetHub', async api => {
            const world = devnet.chain.world
            const dev = (name: string) => devnet.accounts.find(a => a.name === name)!
            const alice = dev('Alice').publicKey
            const before = world.nominators.get(alice)!.targets
            const validator = [...world.validators.values()].find(v => v.active && !v.blocked && !before.includes(v.stash))!.stash
            for (const targets of [[dev('Dave').publicKey], [validator, dev('Dave').publicKey]]) {
                const r = await include(api, devnet, api.tx.staking.nominate(targets), dev('Alice').pair, 'assetHub')
                expect(r.error).toBe('staking.BadTarget')
            }
            const nominations: any = (await api.query.staking.nominators(alice)).unwrap()
            expect(nominations.targets.map((t: any) => t.toHex())).toEqual(before)
        })
    })

    it('nominate on pallet-staking-async sorts and dedups the targets before counting them (MaxNominations after dedup)', async () => {
        await withApi('assetHub', async api => {
            const world = devnet.chain.world
            const dev = (name: string) => devnet.accounts.find(a => a.name === name)!
            const alice = dev('Alice').publicKey
            const valid = [...world.validators.values()].filter(v => v.active && !v.blocked).map(v => v.stash)
            // 17 entries, 16 distinct, in no particular order: accepted, stored sorted once each.
            const given = [...valid.slice(0, 16).reverse(), valid[3]]
            const r = await include(api, devnet, api.tx.staking.nominate(given), dev('Alice').pair, 'assetHub')
            expect(r.error).toBeUndefined()
            const nominations: any = (await api.query.staking.nominators(alice)).unwrap()
            expect(nominations.targets.map((t: any) => t.toHex())).toEqual([...new Set(given)].sort())
            const tooMany = await include(api, devnet, api.tx.staking.nominate(valid.slice(0, 17)), dev('Alice').pair, 'assetHub')
            expect(tooMany.error).toBe('staking.TooManyTargets')
        })
    })
})
