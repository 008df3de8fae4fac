/**
 * Applies the calls the devnet supports to the world as the runtime would: staking nominate/chill/
 * payouts, utility batches, proxies with announcements and delays, system remarks. A failing call returns the module
 * error a real runtime gives and leaves no trace (its journal entries are rolled back).
 */
import {blake2AsHex} from '@polkadot/util-crypto'
import type {Call} from '@polkadot/types/interfaces'
import {PLANCK_PER_DOT, type Announcement, type ProxyDef, type World} from '../scenario/world'
import type {Journal} from '../scenario/journal'
import {payoutStakers, type LogicalEvent, type RuntimeFeatures} from '../scenario/staking-cycle'

/** A module error (pallet + error name), or a plain DispatchError variant when `pallet` is empty. */
export interface ModuleErrorName {
    pallet: string
    name: string
}

export interface DispatchContext {
    world: World
    journal: Journal
    block: number
    features: RuntimeFeatures
    events: LogicalEvent[]
    /** Turns a module error name into the runtime's DispatchError value. */
    dispatchError(e: ModuleErrorName): unknown
    /** Whether this chain runs calls of the section (staking lives on Asset Hub in the current layout). */
    allowed?(section: string): boolean
}

/** Polkadot's existential deposit (1 DOT): a smaller bond is dust (InsufficientBond). */
const EXISTENTIAL_DEPOSIT = PLANCK_PER_DOT

/** Maximum nominations per nominator on Polkadot (MaxNominations). */
const MAX_NOMINATIONS = 16

/** Announcements a delegate may have pending on Polkadot (pallet-proxy MaxPending). */
const MAX_PENDING_ANNOUNCEMENTS = 32

type ProxyFilter = (call: Call) => boolean

const allowAll: ProxyFilter = () => true

/** Polkadot's ProxyType::Staking filter (utility calls pass; their inner calls are filtered on dispatch). */
const stakingFilter: ProxyFilter = call =>
    ['staking', 'session', 'utility', 'fastUnstake', 'voterList', 'nominationPools'].includes(call.section)

function filterFor(proxyType: string): ProxyFilter {
    return proxyType === 'Staking' ? stakingFilter : allowAll
}

/** As pallet-utility: batch_all adds to its calls' origin a filter refusing nested batch_all (a proxy starts a fresh origin). */
const noNestedBatchAll =
    (filter: ProxyFilter): ProxyFilter =>
    call =>
        !(call.section === 'utility' && call.method === 'batchAll') && filter(call)

export function dispatch(ctx: DispatchContext, origin: string, call: Call, filter: ProxyFilter = allowAll): ModuleErrorName | undefined {
    if (!filter(call) || (ctx.allowed && !ctx.allowed(call.section))) return {pallet: 'System', name: 'CallFiltered'}
    const at = ctx.journal.checkpoint()
    const eventsAt = ctx.events.length
    let err: ModuleErrorName | undefined
    try {
        err = dispatchCall(ctx, origin, call, filter)
    } catch (e) {
        // As the runtime's address lookup: an address it cannot resolve fails the call, not the block.
        if (!(e instanceof UnsupportedAddress)) throw e
        err = {pallet: '', name: 'CannotLookup'}
    }
    if (err) {
        ctx.journal.rollback(at)
        ctx.events.length = eventsAt
    }
    return err
}

function dispatchCall(ctx: DispatchContext, origin: string, call: Call, filter: ProxyFilter): ModuleErrorName | undefined {
    const {world, journal} = ctx
    const args = call.args as any[]
    const key = `${call.section}.${call.method}`
    switch (key) {
        case 'staking.bond': {
            // The stash is its own controller (a legacy runtime's `controller` argument comes first and is ignored).
            if (world.ledgers.has(origin)) return staking('AlreadyBonded')
            const value = BigInt(args[args.length - 2].toString())
            if (value < EXISTENTIAL_DEPOSIT) return staking('InsufficientBond')
            const amount = min(value, world.accounts.get(origin)?.freePlanck ?? 0n)
            journal.mapSet(world.ledgers, origin, {stash: origin, totalPlanck: amount, activePlanck: amount, claimedEras: []})
            world.mark('ledger', origin)
            ctx.events.push({pallet: 'Staking', name: 'Bonded', fields: {stash: origin, amount}})
            return
        }
        case 'staking.bondExtra': {
            const ledger = world.ledgers.get(origin)
            if (!ledger) return staking('NotStash')
            const free = world.accounts.get(origin)?.freePlanck ?? 0n
            const extra = min(BigInt(args[0].toString()), free > ledger.totalPlanck ? free - ledger.totalPlanck : 0n)
            const active = ledger.activePlanck + extra
            if (active < EXISTENTIAL_DEPOSIT) return staking('InsufficientBond')
            journal.mapSet(world.ledgers, origin, {...ledger, totalPlanck: ledger.totalPlanck + extra, activePlanck: active})
            world.mark('ledger', origin)
            ctx.events.push({pallet: 'Staking', name: 'Bonded', fields: {stash: origin, amount: extra}})
            return
        }
        case 'staking.nominate': {
            const ledger = world.ledgers.get(origin)
            if (!ledger) return staking('NotController')
            if (ledger.activePlanck < BigInt(world.spec.minNominatorBondDot) * PLANCK_PER_DOT) return staking('InsufficientBond')
            let targets = (args[0] as any[]).map(accountOf)
            // pallet-staking-async sorts and dedups the targets before it counts them (the hex of equal-length ids sorts
            // as their bytes); the relay's pallet-staking counts and stores them as given, duplicates included.
            if (ctx.features.stakingAsync) targets = [...new Set(targets)].sort()
            if (targets.length === 0) return staking('EmptyTargets')
            if (targets.length > MAX_NOMINATIONS) return staking('TooManyTargets')
            const old = world.nominators.get(origin)
            for (const t of targets) {
                if (old?.targets.includes(t)) continue
                // A chilled validator has no Validators entry. pallet-staking reads absent prefs as not blocked, so
                // it accepts any account; pallet-staking-async accepts only registered validators.
                const v = world.validators.get(t)
                const registered = v?.active === true
                if (registered ? v.blocked : ctx.features.stakingAsync) return staking('BadTarget')
            }
            const asValidator = world.validators.get(origin)
            if (asValidator?.active) {
                journal.assign(asValidator, 'active', false)
                world.mark('validator', origin)
            }
            // submitted_in is CurrentEra (the devnet's CurrentEra is its active era: it plans no era ahead).
            journal.mapSet(world.nominators, origin, {targets, submittedIn: world.activeEra})
            world.mark('nominator', origin)
            return
        }
        case 'system.remark':
            return
        case 'system.remarkWithEvent': {
            // As frame-system: the event carries the remark's blake2-256, not its bytes.
            const bytes = (args[0] as {toU8a(bare: boolean): Uint8Array}).toU8a(true)
            ctx.events.push({pallet: 'System', name: 'Remarked', fields: {sender: origin, hash: blake2AsHex(bytes, 256)}})
            return
        }
        case 'staking.chill': {
            if (!world.ledgers.has(origin)) return staking('NotController')
            const v = world.validators.get(origin)
            if (v?.active) {
                journal.assign(v, 'active', false)
                world.mark('validator', origin)
                ctx.events.push({pallet: 'Staking', name: 'Chilled', fields: {stash: origin}})
            } else if (world.nominators.has(origin)) {
                journal.mapSet(world.nominators, origin, undefined)
                world.mark('nominator', origin)
                ctx.events.push({pallet: 'Staking', name: 'Chilled', fields: {stash: origin}})
            }
            return
        }
        case 'staking.payoutStakers':
        case 'staking.payoutStakersByPage': {
            const page = key === 'staking.payoutStakersByPage' ? Number(args[2].toString()) : undefined
            const r = payoutStakers(world, journal, accountOf(args[0]), Number(args[1].toString()), page, ctx.features)
            if (typeof r === 'string') return staking(r)
            ctx.events.push(...r)
            return
        }
        case 'utility.batch':
        case 'utility.batchAll':
        case 'utility.forceBatch': {
            const calls = args[0] as Call[]
            let failed = false
            const inner = key === 'utility.batchAll' ? noNestedBatchAll(filter) : filter
            for (let i = 0; i < calls.length; i++) {
                const err = dispatch(ctx, origin, calls[i], inner)
                if (!err) {
                    ctx.events.push({pallet: 'Utility', name: 'ItemCompleted', fields: {}})
                    continue
                }
                if (key === 'utility.batchAll') return err
                if (key === 'utility.batch') {
                    ctx.events.push({pallet: 'Utility', name: 'BatchInterrupted', fields: {index: i, error: ctx.dispatchError(err)}})
                    return
                }
                failed = true
                ctx.events.push({pallet: 'Utility', name: 'ItemFailed', fields: {error: ctx.dispatchError(err)}})
            }
            ctx.events.push({pallet: 'Utility', name: failed ? 'BatchCompletedWithErrors' : 'BatchCompleted', fields: {}})
            return
        }
        case 'proxy.proxy': {
            const real = accountOf(args[0])
            const force = args[1].isSome ? args[1].unwrap().toString() : undefined
            const def = findProxy(world.proxies.get(real), origin, force)
            if (!def) return proxy('NotProxy')
            // As pallet-proxy: a time-delayed proxy is a proxy, but must go through announce + proxyAnnounced.
            if (def.delayBlocks !== 0) return proxy('Unannounced')
            return executeProxied(ctx, real, args[2] as Call, filterFor(def.proxyType))
        }
        case 'proxy.announce': {
            const real = accountOf(args[0])
            const callHash = args[1].toHex()
            if (!(world.proxies.get(real) ?? []).some(d => d.delegate === origin)) return proxy('NotProxy')
            const list = world.announcements.get(origin) ?? []
            if (list.length >= MAX_PENDING_ANNOUNCEMENTS) return proxy('TooMany')
            journal.mapSet(world.announcements, origin, [...list, {real, callHash, height: ctx.block}])
            world.mark('announcements', origin)
            ctx.events.push({pallet: 'Proxy', name: 'Announced', fields: {real, proxy: origin, callHash}})
            return
        }
        case 'proxy.proxyAnnounced': {
            const delegate = accountOf(args[0])
            const real = accountOf(args[1])
            const force = args[2].isSome ? args[2].unwrap().toString() : undefined
            const inner = args[3] as Call
            const def = findProxy(world.proxies.get(real), delegate, force)
            if (!def) return proxy('NotProxy')
            const callHash = blake2AsHex(inner.toU8a(), 256)
            // As pallet-proxy: every announcement of this call whose delay has passed is consumed; none is Unannounced
            // (an announcement made too recently counts as none).
            const removed = editAnnouncements(
                ctx,
                delegate,
                a => a.real === real && a.callHash === callHash && ctx.block - a.height >= def.delayBlocks,
            )
            if (!removed) return proxy('Unannounced')
            return executeProxied(ctx, real, inner, filterFor(def.proxyType))
        }
        case 'proxy.removeAnnouncement': {
            const real = accountOf(args[0])
            const callHash = args[1].toHex()
            if (!editAnnouncements(ctx, origin, a => a.real === real && a.callHash === callHash)) return proxy('NotFound')
            return
        }
        case 'proxy.rejectAnnouncement': {
            // The real account refuses a delegate's announcements of this call.
            const delegate = accountOf(args[0])
            const callHash = args[1].toHex()
            if (!editAnnouncements(ctx, delegate, a => a.real === origin && a.callHash === callHash)) return proxy('NotFound')
            return
        }
        default:
            // The devnet runs no other call; a real runtime would, but nothing here needs it.
            return {pallet: 'System', name: 'CallFiltered'}
    }
}

/** As pallet-proxy's find_proxy: the real account's first proxy definition for this delegate (and forced type). */
function findProxy(defs: ProxyDef[] | undefined, delegate: string, force: string | undefined): ProxyDef | undefined {
    return (defs ?? []).find(d => d.delegate === delegate && (!force || d.proxyType === force))
}

/** Removes the delegate's announcements that match; false when none did (pallet-proxy's edit_announcements). */
function editAnnouncements(ctx: DispatchContext, delegate: string, matches: (a: Announcement) => boolean): boolean {
    const list = ctx.world.announcements.get(delegate) ?? []
    const rest = list.filter(a => !matches(a))
    if (rest.length === list.length) return false
    ctx.journal.mapSet(ctx.world.announcements, delegate, rest)
    ctx.world.mark('announcements', delegate)
    return true
}

function executeProxied(ctx: DispatchContext, real: string, inner: Call, filter: ProxyFilter): undefined {
    const err = dispatch(ctx, real, inner, filter)
    ctx.events.push({pallet: 'Proxy', name: 'ProxyExecuted', fields: {result: err ? {Err: ctx.dispatchError(err)} : {Ok: null}}})
    return undefined
}

const min = (a: bigint, b: bigint) => (a < b ? a : b)

function staking(name: string): ModuleErrorName {
    return {pallet: 'Staking', name}
}

function proxy(name: string): ModuleErrorName {
    return {pallet: 'Proxy', name}
}

/** An address form the devnet does not resolve (account indices, 20-byte addresses). */
export class UnsupportedAddress extends Error {
    constructor(readonly address: string) {
        super(`unsupported address ${address}: the devnet resolves only 32-byte account ids`)
    }
}

/** The 32-byte account of a MultiAddress::Id or AccountId argument, as hex. */
export function accountOf(arg: any): string {
    // MultiAddress is an enum (type + value); AccountId32 is its 32 bytes.
    if (arg?.type === 'Id' || arg?.type === 'Address32') return arg.value.toHex()
    if (arg?.toU8a && arg.toU8a().length === 32) return arg.toHex()
    throw new UnsupportedAddress(String(arg))
}
