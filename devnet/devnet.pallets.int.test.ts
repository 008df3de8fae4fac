/**
 * The devnet's pallet rules checked against cases transcribed from the pallets' own tests (polkadot-sdk:
 * substrate/frame/proxy/src/tests.rs, substrate/frame/utility/src/tests.rs, substrate/frame/staking/src/tests.rs,
 * substrate/frame/staking-async/src/tests/bonding.rs) and, where no test pins a rule, from the pallet's call itself.
 * Not transcribed: deposits and weights (the devnet charges neither), calls the devnet does not run (add_proxy, kick).
 * Each case names its source. Everything goes through real signed extrinsics from @polkadot/api and is read back
 * from the chain's storage and events, so the nominator is not proven only against our own reading of the rules.
 *
 * Cast: //Alice is a bonded nominator; //Bob her Staking proxy (no delay); //Charlie her time-delayed Staking proxy;
 * //Dave is funded only (no ledger, no proxy); //Eve signs calls anyone may make.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {ApiPromise, WsProvider} from '@polkadot/api'
import type {SubmittableExtrinsic} from '@polkadot/api/types'
import {blake2AsHex} from '@polkadot/util-crypto'
import {include as includeTx, dispatchErrorName, proxyResultError, type Included} from '../test/vitest/devnet-include'
import {startDevnet, type Devnet} from './index'

let devnet: Devnet
let api: ApiPromise

beforeAll(async () => {
    devnet = await startDevnet({scenario: 'legacy', seed: 23, finalityLagBlocks: 1, upgradeAtBlock: 3})
    await devnet.produceBlocks(5)
    api = await ApiPromise.create({provider: new WsProvider(devnet.url), noInitWarn: true, throwOnConnect: true})
})

afterAll(async () => {
    await api?.disconnect()
    await devnet?.stop()
})

const dev = (name: string) => devnet.accounts.find(a => a.name === name)!
const key = (name: string) => dev(name).publicKey
const include = (tx: SubmittableExtrinsic<'promise'>, signer: string) => includeTx(api, devnet, tx, dev(signer).pair)
const proxyError = (r: Included) => proxyResultError(api, r)
const delay = () => devnet.spec.proxyDelayBlocks

/** The data of the extrinsic's first event named `section.Method`. */
function eventData(r: Included, name: string): any {
    const i = r.events.indexOf(name)
    expect(i, `${name} in ${r.events.join(', ')}`).toBeGreaterThanOrEqual(0)
    return r.data[i]
}

/** Proxy.Announcements(delegate) as the chain serves it. */
async function announcements(delegate: string): Promise<{real: string; callHash: string; height: number}[]> {
    const [list]: any = await api.query.proxy.announcements(delegate)
    return list.map((a: any) => ({real: a.real.toHex(), callHash: a.callHash.toHex(), height: a.height.toNumber()}))
}

async function chainNominations(stash: string): Promise<{targets: string[]; submittedIn: number} | null> {
    const n: any = await api.query.staking.nominators(stash)
    if (n.isNone) return null
    const v = n.unwrap()
    return {targets: v.targets.map((t: any) => t.toHex()), submittedIn: v.submittedIn.toNumber()}
}

/** Active validators that are not blocked, and those that are, excluding //Alice's current targets. */
function validators(blocked: boolean): string[] {
    const current = devnet.chain.world.nominators.get(key('Alice'))?.targets ?? []
    return [...devnet.chain.world.validators.values()]
        .filter(v => v.active && v.blocked === blocked && !current.includes(v.stash))
        .map(v => v.stash)
}

const hashOf = (tx: SubmittableExtrinsic<'promise'>) => blake2AsHex(tx.method.toU8a(), 256)
const remark = (text: string) => api.tx.system.remarkWithEvent(text)

/** Clears //Charlie's announcements for //Alice, so each case starts from none. */
async function clearAnnouncements(): Promise<void> {
    for (const hash of new Set((await announcements(key('Charlie'))).map(a => a.callHash)))
        expect((await include(api.tx.proxy.removeAnnouncement(key('Alice'), hash), 'Charlie')).error).toBeUndefined()
    expect(await announcements(key('Charlie'))).toEqual([])
}

// First, while //Alice still holds her genesis nominations (seed 23: two of them are blocked validators).
describe('pallet-staking: blocked validators', () => {
    it('blocking_and_kicking_works: a blocked validator is BadTarget, unless the nominator already nominates it', async () => {
        const world = devnet.chain.world
        const genesis = world.nominators.get(key('Alice'))!.targets
        const kept = genesis.find(t => world.validators.get(t)!.blocked)!
        expect(kept).toBeDefined()
        const targets = [kept, ...validators(false).slice(0, 1)]
        const r = await include(api.tx.staking.nominate(targets), 'Alice')
        expect(r.error).toBeUndefined()
        expect((await chainNominations(key('Alice')))!.targets).toEqual(targets)
        expect((await include(api.tx.staking.nominate([validators(true)[0]]), 'Alice')).error).toBe('staking.BadTarget')
    })
})

describe('pallet-proxy', () => {
    it('announcer_must_be_proxy: announcing for an account one is not a proxy of fails NotProxy', async () => {
        const r = await include(api.tx.proxy.announce(key('Alice'), `0x${'00'.repeat(32)}`), 'Dave')
        expect(r.error).toBe('proxy.NotProxy')
        expect(await announcements(key('Dave'))).toEqual([])
    })

    it('announcement_works: announcements accumulate with their block height, up to MaxPending (TooMany)', async () => {
        const a = await include(api.tx.proxy.announce(key('Alice'), `0x${'01'.repeat(32)}`), 'Charlie')
        expect(a.events).toContain('proxy.Announced')
        const announced = eventData(a, 'proxy.Announced')
        expect([announced[0].toHex(), announced[1].toHex(), announced[2].toHex()]).toEqual([
            key('Alice'),
            key('Charlie'),
            `0x${'01'.repeat(32)}`,
        ])
        const b = await include(api.tx.proxy.announce(key('Alice'), `0x${'02'.repeat(32)}`), 'Charlie')
        expect(await announcements(key('Charlie'))).toEqual([
            {real: key('Alice'), callHash: `0x${'01'.repeat(32)}`, height: a.blockNumber},
            {real: key('Alice'), callHash: `0x${'02'.repeat(32)}`, height: b.blockNumber},
        ])
        // Fill up to the runtime's MaxPending in one batch: the call after the limit is refused.
        const maxPending = (api.consts.proxy.maxPending as any).toNumber()
        expect(maxPending).toBe(32)
        const more = Array.from({length: maxPending - 1}, (_, i) => api.tx.proxy.announce(key('Alice'), blake2AsHex(`more-${i}`, 256)))
        const batch = await include(api.tx.utility.batch(more), 'Charlie')
        const interrupted = eventData(batch, 'utility.BatchInterrupted')
        expect(interrupted[0].toNumber()).toBe(maxPending - 2)
        expect(dispatchErrorName(api, interrupted[1])).toBe('proxy.TooMany')
        expect((await announcements(key('Charlie'))).length).toBe(maxPending)
        await clearAnnouncements()
    })

    it('remove_announcement_works: a delegate removes its own announcement; an unknown hash is NotFound', async () => {
        await include(api.tx.proxy.announce(key('Alice'), `0x${'01'.repeat(32)}`), 'Charlie')
        const second = await include(api.tx.proxy.announce(key('Alice'), `0x${'02'.repeat(32)}`), 'Charlie')
        expect((await include(api.tx.proxy.removeAnnouncement(key('Alice'), `0x${'00'.repeat(32)}`), 'Charlie')).error).toBe(
            'proxy.NotFound',
        )
        expect((await include(api.tx.proxy.removeAnnouncement(key('Alice'), `0x${'01'.repeat(32)}`), 'Charlie')).error).toBeUndefined()
        expect(await announcements(key('Charlie'))).toEqual([
            {real: key('Alice'), callHash: `0x${'02'.repeat(32)}`, height: second.blockNumber},
        ])
        await clearAnnouncements()
    })

    it('reject_announcement_works: only the real account rejects a delegate announcement; else NotFound', async () => {
        await include(api.tx.proxy.announce(key('Alice'), `0x${'01'.repeat(32)}`), 'Charlie')
        const second = await include(api.tx.proxy.announce(key('Alice'), `0x${'02'.repeat(32)}`), 'Charlie')
        expect((await include(api.tx.proxy.rejectAnnouncement(key('Charlie'), `0x${'00'.repeat(32)}`), 'Alice')).error).toBe(
            'proxy.NotFound',
        )
        // Dave is not the real account of the announcement.
        expect((await include(api.tx.proxy.rejectAnnouncement(key('Charlie'), `0x${'01'.repeat(32)}`), 'Dave')).error).toBe(
            'proxy.NotFound',
        )
        expect((await include(api.tx.proxy.rejectAnnouncement(key('Charlie'), `0x${'01'.repeat(32)}`), 'Alice')).error).toBeUndefined()
        expect(await announcements(key('Charlie'))).toEqual([
            {real: key('Alice'), callHash: `0x${'02'.repeat(32)}`, height: second.blockNumber},
        ])
        await clearAnnouncements()
    })

    it('calling_proxy_doesnt_remove_announcement: a proxy without delay may announce, and proxy.proxy keeps the announcement', async () => {
        const targets = validators(false).slice(0, 3)
        const call = api.tx.staking.nominate(targets)
        const announced = await include(api.tx.proxy.announce(key('Alice'), hashOf(call)), 'Bob')
        expect(announced.error).toBeUndefined()
        const r = await include(api.tx.proxy.proxy(key('Alice'), null, call), 'Bob')
        expect(r.error).toBeUndefined()
        expect(proxyError(r)).toBeUndefined()
        expect((await chainNominations(key('Alice')))!.targets).toEqual(targets)
        expect(await announcements(key('Bob'))).toEqual([{real: key('Alice'), callHash: hashOf(call), height: announced.blockNumber}])
        expect((await include(api.tx.proxy.removeAnnouncement(key('Alice'), hashOf(call)), 'Bob')).error).toBeUndefined()
    })

    it('delayed_requires_pre_announcement: a delayed proxy gets Unannounced from proxy.proxy and from proxyAnnounced before the delay', async () => {
        const targets = validators(false).slice(0, 2)
        const call = api.tx.staking.nominate(targets)
        expect((await include(api.tx.proxy.proxy(key('Alice'), null, call), 'Charlie')).error).toBe('proxy.Unannounced')
        expect((await include(api.tx.proxy.proxyAnnounced(key('Charlie'), key('Alice'), null, call), 'Eve')).error).toBe(
            'proxy.Unannounced',
        )
        const announced = await include(api.tx.proxy.announce(key('Alice'), hashOf(call)), 'Charlie')
        // pallet-proxy: usable once now - height >= delay. One block short of it is still Unannounced.
        await devnet.produceBlocks(delay() - 2)
        const early = await include(api.tx.proxy.proxyAnnounced(key('Charlie'), key('Alice'), null, call), 'Eve')
        expect(early.blockNumber - announced.blockNumber).toBe(delay() - 1)
        expect(early.error).toBe('proxy.Unannounced')
        const onTime = await include(api.tx.proxy.proxyAnnounced(key('Charlie'), key('Alice'), null, call), 'Eve')
        expect(onTime.blockNumber - announced.blockNumber).toBe(delay())
        expect(onTime.error).toBeUndefined()
        expect(proxyError(onTime)).toBeUndefined()
        expect((await chainNominations(key('Alice')))!.targets).toEqual(targets)
        expect(await announcements(key('Charlie'))).toEqual([])
    })

    it('proxy_announced_removes_announcement_and_returns_deposit: every ripe announcement of the call goes, a too-recent one stays', async () => {
        const call = api.tx.staking.nominate(validators(false).slice(2, 4))
        const other = `0x${'07'.repeat(32)}`
        await include(api.tx.proxy.announce(key('Alice'), hashOf(call)), 'Charlie')
        await include(api.tx.proxy.announce(key('Alice'), other), 'Charlie')
        await include(api.tx.proxy.announce(key('Alice'), hashOf(call)), 'Charlie')
        await devnet.produceBlocks(delay() - 2)
        const recent = await include(api.tx.proxy.announce(key('Alice'), hashOf(call)), 'Charlie')
        // The first three are ripe now; the fourth was made a block ago.
        const r = await include(api.tx.proxy.proxyAnnounced(key('Charlie'), key('Alice'), null, call), 'Eve')
        expect(r.error).toBeUndefined()
        expect(proxyError(r)).toBeUndefined()
        expect((await announcements(key('Charlie'))).map(a => [a.callHash, a.height])).toEqual([
            [other, recent.blockNumber - delay()],
            [hashOf(call), recent.blockNumber],
        ])
        await clearAnnouncements()
    })

    it('filtering_works: a Staking proxy dispatches only staking and utility calls; a filtered call is CallFiltered inside ProxyExecuted', async () => {
        const filtered = await include(api.tx.proxy.proxy(key('Alice'), null, remark('not for a staking proxy')), 'Bob')
        expect(filtered.error).toBeUndefined()
        expect(proxyError(filtered)).toBe('system.CallFiltered')
        expect(filtered.events).not.toContain('system.Remarked')
        // Utility passes the filter; its inner calls meet it again (BatchInterrupted), the proxy call itself succeeds.
        const batched = await include(api.tx.proxy.proxy(key('Alice'), null, api.tx.utility.batch([remark('inner')])), 'Bob')
        expect(proxyError(batched)).toBeUndefined()
        const interrupted = eventData(batched, 'utility.BatchInterrupted')
        expect(interrupted[0].toNumber()).toBe(0)
        expect(dispatchErrorName(api, interrupted[1])).toBe('system.CallFiltered')
        // force_proxy_type: Bob is no Any proxy of Alice.
        expect((await include(api.tx.proxy.proxy(key('Alice'), 'Any', api.tx.staking.chill()), 'Bob')).error).toBe('proxy.NotProxy')
    })
})

describe('pallet-utility', () => {
    it('batch_all_revert: a failing call fails the whole batch_all with its error and undoes the calls before it', async () => {
        const before = await chainNominations(key('Alice'))
        const r = await include(
            api.tx.utility.batchAll([
                api.tx.staking.nominate(validators(false).slice(0, 1)),
                api.tx.staking.nominate(validators(true).slice(0, 1)),
            ]),
            'Alice',
        )
        expect(r.error).toBe('staking.BadTarget')
        expect(r.events).not.toContain('utility.ItemCompleted')
        expect(await chainNominations(key('Alice'))).toEqual(before)
    })

    it('batch_early_exit_works: batch stops at the first failing call (BatchInterrupted with its index) and keeps the calls before it', async () => {
        const [first, third] = [validators(false).slice(0, 1), validators(false).slice(1, 2)]
        const r = await include(
            api.tx.utility.batch([
                api.tx.staking.nominate(first),
                api.tx.staking.nominate(validators(true).slice(0, 1)),
                api.tx.staking.nominate(third),
            ]),
            'Alice',
        )
        expect(r.error).toBeUndefined()
        expect(r.events.filter(e => e === 'utility.ItemCompleted').length).toBe(1)
        const interrupted = eventData(r, 'utility.BatchInterrupted')
        expect(interrupted[0].toNumber()).toBe(1)
        expect(dispatchErrorName(api, interrupted[1])).toBe('staking.BadTarget')
        expect(r.events).not.toContain('utility.BatchCompleted')
        expect((await chainNominations(key('Alice')))!.targets).toEqual(first)
    })

    it('batch_all_does_not_nest: batch_all inside batch_all is CallFiltered, also through batch; a proxy call starts afresh', async () => {
        const nested = await include(api.tx.utility.batchAll([api.tx.utility.batchAll([remark('nested')])]), 'Dave')
        expect(nested.error).toBe('system.CallFiltered')
        expect(nested.events).not.toContain('system.Remarked')
        const throughBatch = await include(
            api.tx.utility.batchAll([api.tx.utility.batch([api.tx.utility.batchAll([remark('deep')])])]),
            'Dave',
        )
        expect(throughBatch.error).toBeUndefined()
        const interrupted = eventData(throughBatch, 'utility.BatchInterrupted')
        expect(dispatchErrorName(api, interrupted[1])).toBe('system.CallFiltered')
        expect(throughBatch.events).not.toContain('system.Remarked')
        // pallet-proxy's do_proxy dispatches from a fresh origin: only the proxy type's filter applies.
        const targets = validators(false).slice(3, 5)
        const viaProxy = await include(
            api.tx.utility.batchAll([
                api.tx.proxy.proxy(key('Alice'), null, api.tx.utility.batchAll([api.tx.staking.nominate(targets)])),
                remark('round'),
            ]),
            'Bob',
        )
        expect(viaProxy.error).toBeUndefined()
        expect(proxyError(viaProxy)).toBeUndefined()
        expect(viaProxy.events).toContain('system.Remarked')
        expect((await chainNominations(key('Alice')))!.targets).toEqual(targets)
    })

    it('batch_with_signed_filters / batch_doesnt_work_with_inherents: a call the origin may not make interrupts batch with CallFiltered', async () => {
        const r = await include(api.tx.utility.batch([api.tx.timestamp.set(42)]), 'Dave')
        const interrupted = eventData(r, 'utility.BatchInterrupted')
        expect(interrupted[0].toNumber()).toBe(0)
        expect(dispatchErrorName(api, interrupted[1])).toBe('system.CallFiltered')
    })

    it('force_batch_works: force_batch runs every call and reports each failure (ItemFailed, BatchCompletedWithErrors)', async () => {
        const r = await include(api.tx.utility.forceBatch([remark('a'), api.tx.staking.chill(), remark('b')]), 'Dave')
        expect(r.events.filter(e => e === 'system.Remarked').length).toBe(2)
        expect(dispatchErrorName(api, eventData(r, 'utility.ItemFailed')[0])).toBe('staking.NotController')
        expect(r.events).toContain('utility.BatchCompletedWithErrors')
    })
})

describe('pallet-staking', () => {
    it('nominate: no ledger is NotController, no targets EmptyTargets, more than MaxNominations TooManyTargets', async () => {
        expect((await include(api.tx.staking.nominate(validators(false).slice(0, 1)), 'Dave')).error).toBe('staking.NotController')
        expect((await include(api.tx.staking.nominate([]), 'Alice')).error).toBe('staking.EmptyTargets')
        // Polkadot's NominationsQuota (16); runtime 1002005 no longer exposes it as a constant.
        const max = 16
        const pool = validators(false)
        expect(pool.length).toBeGreaterThan(max)
        expect((await include(api.tx.staking.nominate(pool.slice(0, max + 1)), 'Alice')).error).toBe('staking.TooManyTargets')
        const full = await include(api.tx.staking.nominate(pool.slice(0, max)), 'Alice')
        expect(full.error).toBeUndefined()
        expect((await chainNominations(key('Alice')))!.targets).toEqual(pool.slice(0, max))
    })

    it('nominate on pallet-staking (relay): an account that is no validator is accepted (its prefs read as not blocked)', async () => {
        // substrate/frame/staking nominate(): `old.contains(&n) || !Validators::get(&n).blocked`, with no contains_key;
        // pallet-staking-async refuses it (nominating_non_validators_is_not_ok), see the current layout's case below.
        const targets = [key('Dave'), ...validators(false).slice(0, 1)]
        const r = await include(api.tx.staking.nominate(targets), 'Alice')
        expect(r.error).toBeUndefined()
        expect((await chainNominations(key('Alice')))!.targets).toEqual(targets)
    })

    it('nominate on the relay keeps the targets as given: in that order, duplicates counted and kept (staking-async sorts and dedups)', async () => {
        const pool = validators(false)
        const targets = [pool[2], pool[0], pool[1], pool[0]]
        expect((await include(api.tx.staking.nominate(targets), 'Alice')).error).toBeUndefined()
        expect((await chainNominations(key('Alice')))!.targets).toEqual(targets)
        // 16 distinct and one twice: 17 > MaxNominations.
        expect((await include(api.tx.staking.nominate([...pool.slice(0, 16), pool[0]]), 'Alice')).error).toBe('staking.TooManyTargets')
    })

    it('nominate records submitted_in = CurrentEra', async () => {
        await include(api.tx.staking.nominate(validators(false).slice(0, 2)), 'Alice')
        const currentEra = (await api.query.staking.currentEra()).unwrap().toNumber()
        expect((await chainNominations(key('Alice')))!.submittedIn).toBe(currentEra)
        // Across an era boundary it follows the chain's CurrentEra.
        const era = devnet.chain.world.activeEra
        while (devnet.chain.world.activeEra === era) await devnet.produceBlocks(1)
        await include(api.tx.staking.nominate(validators(false).slice(1, 3)), 'Alice')
        expect((await chainNominations(key('Alice')))!.submittedIn).toBe(era + 1)
        expect((await api.query.staking.currentEra()).unwrap().toNumber()).toBe(era + 1)
    })

    it('chill: Chilled and no nominations; chilling again is a no-op without the event; no ledger is NotController', async () => {
        const r = await include(api.tx.staking.chill(), 'Alice')
        expect(r.error).toBeUndefined()
        expect(eventData(r, 'staking.Chilled')[0].toHex()).toBe(key('Alice'))
        expect(await chainNominations(key('Alice'))).toBeNull()
        const again = await include(api.tx.staking.chill(), 'Alice')
        expect(again.error).toBeUndefined()
        expect(again.events).not.toContain('staking.Chilled')
        expect((await include(api.tx.staking.chill(), 'Dave')).error).toBe('staking.NotController')
        await include(api.tx.staking.nominate(validators(false).slice(0, 2)), 'Alice')
    })

    // Last: //Dave bonds here, and the cases above use him as an account with no ledger.
    it('min_bond_checks_work: below MinNominatorBond nominate is InsufficientBond; bond_extra lifts it; a dust bond is refused', async () => {
        const dot = 10n ** 10n
        const min = (await api.query.staking.minNominatorBond()).toBigInt()
        expect(min).toBe(250n * dot)
        expect((await include(api.tx.staking.bond(dot / 2n, 'Staked'), 'Eve')).error).toBe('staking.InsufficientBond')
        const bonded = await include(api.tx.staking.bond(100n * dot, 'Staked'), 'Dave')
        expect(bonded.error).toBeUndefined()
        expect(eventData(bonded, 'staking.Bonded')[1].toBigInt()).toBe(100n * dot)
        const ledger: any = (await api.query.staking.ledger(key('Dave'))).unwrap()
        expect([ledger.total.toBigInt(), ledger.active.toBigInt()]).toEqual([100n * dot, 100n * dot])
        expect((await include(api.tx.staking.bond(100n * dot, 'Staked'), 'Dave')).error).toBe('staking.AlreadyBonded')
        const targets = validators(false).slice(0, 2)
        expect((await include(api.tx.staking.nominate(targets), 'Dave')).error).toBe('staking.InsufficientBond')
        expect(await chainNominations(key('Dave'))).toBeNull()
        expect((await include(api.tx.staking.bondExtra(150n * dot), 'Dave')).error).toBeUndefined()
        expect((await include(api.tx.staking.nominate(targets), 'Dave')).error).toBeUndefined()
        expect((await chainNominations(key('Dave')))!.targets).toEqual(targets)
        expect((await include(api.tx.staking.bondExtra(dot), 'Eve')).error).toBe('staking.NotStash')
    })
})
