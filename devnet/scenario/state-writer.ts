/**
 * Writes the world's changed entities into storage under the runtime's real storage keys and value
 * shapes (legacy 9420 and paged 1002005 layouts alike), so typed queries read the scenario's data.
 */
import {compactToU8a, u8aToHex, hexToU8a} from '@polkadot/util'
import type {Runtime} from '../runtime/runtime'
import {PLANCK_PER_DOT, type World, type EraState} from './world'
import {palletAllowed, type ChainRole} from '../chain/chain-role'
import {encodeExposure, encodeExposureOverview, encodeExposurePage, encodeNominations} from './exposure-codec'

export type Put = (key: string, value: string | null) => void

/** The chain being written: its runtime, its role (which pallets it keeps) and its account nonces. */
export interface WriteTarget {
    rt: Runtime
    role: ChainRole
    nonceOf(who: string): number
    put: Put
}

/** Eras of exposures, prefs and points kept in storage (Staking.HistoryDepth on Polkadot: 84). */
export const HISTORY_DEPTH = 84

/** Write the entities named by `tokens` (`kind:id`, see World.mark) into one chain's storage. */
export function writeTokens(world: World, target: WriteTarget, tokens: Iterable<string>, nowMs: number): void {
    // Timestamp.set writes the block's time in every block.
    if (target.rt.hasStorage('Timestamp', 'Now'))
        target.put(target.rt.storageKey('Timestamp', 'Now'), target.rt.storageValue('Timestamp', 'Now', nowMs))
    for (const token of tokens) {
        const i = token.indexOf(':')
        writeEntity(world, target, token.slice(0, i), token.slice(i + 1))
    }
}

function writeEntity(world: World, target: WriteTarget, kind: string, id: string): void {
    const {rt, put} = target
    // Items of pallets this chain does not keep (or its runtime lacks) are not written.
    const value = (pallet: string, item: string, keys: unknown[], v: unknown | null) => {
        if (!palletAllowed(target.role, pallet) || !rt.hasStorage(pallet, item)) return
        put(rt.storageKey(pallet, item, ...keys), v == null ? null : rt.storageValue(pallet, item, v))
    }
    switch (kind) {
        case 'account': {
            const a = world.accounts.get(id)!
            value('System', 'Account', [id], {
                nonce: target.nonceOf(id),
                consumers: 0,
                providers: 1,
                sufficients: 0,
                data: {free: a.freePlanck, reserved: a.reservedPlanck, miscFrozen: 0, feeFrozen: 0, frozen: 0, flags: 0},
            })
            return
        }
        case 'validator': {
            const v = world.validators.get(id)!
            value('Staking', 'Validators', [id], v.active ? {commission: v.commissionPerbill, blocked: v.blocked} : null)
            value('Session', 'NextKeys', [id], v.sessionKeys)
            value('Staking', 'Payee', [id], 'Staked')
            value('Staking', 'Bonded', [id], id)
            return
        }
        case 'ledger': {
            const l = world.ledgers.get(id)
            value('Staking', 'Bonded', [id], l ? id : null)
            value(
                'Staking',
                'Ledger',
                [id],
                l
                    ? {
                          stash: l.stash,
                          total: l.totalPlanck,
                          active: l.activePlanck,
                          unlocking: [],
                          claimedRewards: l.claimedEras,
                          legacyClaimedRewards: l.claimedEras,
                      }
                    : null,
            )
            if (l && !world.validators.has(id)) value('Staking', 'Payee', [id], 'Staked')
            return
        }
        case 'nominator': {
            const n = world.nominators.get(id)
            if (!palletAllowed(target.role, 'Staking') || !rt.hasStorage('Staking', 'Nominators')) return
            const key = rt.storageKey('Staking', 'Nominators', id)
            put(
                key,
                n
                    ? rt.storageValueFast(
                          'Staking',
                          'Nominators',
                          {targets: n.targets, submittedIn: n.submittedIn, suppressed: false},
                          () => encodeNominations(n.targets, n.submittedIn, false),
                      )
                    : null,
            )
            return
        }
        case 'identity': {
            const idn = world.identities.get(id)
            if (!idn) return value('Identity', 'IdentityOf', [id], null)
            const data = (s?: string) => (s ? {Raw: s.slice(0, 32)} : {None: null})
            const registration = {
                judgements: idn.judgements.map(j => [j.registrarIndex, {[j.judgement]: j.judgement === 'FeePaid' ? 0 : null}]),
                deposit: 200n * 10n ** 10n,
                info: {
                    additional: [],
                    display: data(idn.display),
                    legal: data(idn.legal),
                    web: data(idn.web),
                    riot: data(),
                    matrix: data(),
                    email: data(idn.email),
                    pgpFingerprint: null,
                    image: data(),
                    twitter: data(idn.twitter),
                    github: data(),
                    discord: data(),
                },
            }
            if (!palletAllowed(target.role, 'Identity') || !rt.hasStorage('Identity', 'IdentityOf')) return
            // Some runtimes store (Registration, Option<Username>), others the Registration alone.
            const isTuple = rt.storageValueType('Identity', 'IdentityOf').startsWith('(')
            value('Identity', 'IdentityOf', [id], isTuple ? [registration, null] : registration)
            return
        }
        case 'super': {
            const s = world.superOf.get(id)
            value('Identity', 'SuperOf', [id], s ? [s[0], {Raw: s[1]}] : null)
            return
        }
        case 'subs': {
            const subs = world.subsOf.get(id) ?? []
            value('Identity', 'SubsOf', [id], subs.length ? [BigInt(subs.length) * 10n ** 11n, subs] : null)
            return
        }
        case 'proxies': {
            const p = world.proxies.get(id) ?? []
            value(
                'Proxy',
                'Proxies',
                [id],
                p.length
                    ? [p.map(d => ({delegate: d.delegate, proxyType: d.proxyType, delay: d.delayBlocks})), BigInt(p.length) * 10n ** 10n]
                    : null,
            )
            return
        }
        case 'announcements': {
            const a = world.announcements.get(id) ?? []
            value(
                'Proxy',
                'Announcements',
                [id],
                a.length ? [a.map(x => ({real: x.real, callHash: x.callHash, height: x.height})), BigInt(a.length) * 10n ** 10n] : null,
            )
            return
        }
        case 'era':
            if (palletAllowed(target.role, 'Staking') && rt.hasPallet('Staking')) writeEra(world, rt, put, Number(id))
            return
        case 'eraPayout': {
            const era = world.eras.get(Number(id))
            if (era?.validatorPayoutPlanck !== undefined) value('Staking', 'ErasValidatorReward', [era.index], era.validatorPayoutPlanck)
            return
        }
        case 'claimed': {
            // Paged runtimes keep claimed pages per (era, validator); legacy ones in the ledger (written with it).
            const [era, validator] = id.split('/')
            const pages = world.eras.get(Number(era))?.claimedPages.get(validator)
            if (pages && rt.hasStorage('Staking', 'ClaimedRewards')) value('Staking', 'ClaimedRewards', [Number(era), validator], pages)
            return
        }
        case 'points': {
            const era = world.eras.get(Number(id))
            if (era && palletAllowed(target.role, 'Staking') && rt.hasPallet('Staking'))
                put(rt.storageKey('Staking', 'ErasRewardPoints', era.index), encodeRewardPoints(era))
            return
        }
        case 'offenceReport': {
            const r = world.offenceReports.get(id)!
            value('Offences', 'Reports', [id], {offender: [r.offender, r.exposure], reporters: []})
            return
        }
        case 'offenceIndex': {
            const [kind, timeSlot] = id.split('/')
            value('Offences', 'ConcurrentReportsIndex', [kind, timeSlot], world.concurrentReports.get(id) ?? [])
            return
        }
        case 'stakingLimits':
            value('Staking', 'MinNominatorBond', [], BigInt(world.spec.minNominatorBondDot) * PLANCK_PER_DOT)
            return
        case 'session': {
            value('Session', 'CurrentIndex', [], world.sessionIndex)
            value('Session', 'Validators', [], world.sessionValidators)
            const era = world.currentEra
            value('StakingAhClient', 'ValidatorSet', [], [era.index, world.sessionValidators])
            value('Staking', 'ActiveEra', [], {index: era.index, start: era.startTimestampMs})
            value('Staking', 'CurrentEra', [], era.index)
            value('Staking', 'ValidatorCount', [], world.spec.activeValidators)
            value('Staking', 'CounterForValidators', [], [...world.validators.values()].filter(v => v.active).length)
            value('Staking', 'CounterForNominators', [], world.nominators.size)
            return
        }
        default:
            throw new Error(`state writer: unknown entity kind ${kind}`)
    }
}

function writeEra(world: World, rt: Runtime, put: Put, index: number): void {
    const era = world.eras.get(index)
    const value = (item: string, keys: unknown[], v: unknown | null, fast?: () => string) => {
        if (!rt.hasStorage('Staking', item)) return
        const key = rt.storageKey('Staking', item, ...keys)
        put(key, v == null ? null : fast ? rt.storageValueFast('Staking', item, v, fast) : rt.storageValue('Staking', item, v))
    }
    if (!era) return
    value('ErasStartSessionIndex', [index], era.startSessionIndex)
    let total = 0n
    const paged = rt.hasStorage('Staking', 'ErasStakersPaged')
    for (const e of era.exposures) {
        total += e.totalPlanck
        const others = e.others.map(o => ({who: o.who, value: o.valuePlanck}))
        if (paged) {
            const size = world.spec.exposurePageSize
            const pages = Math.max(1, Math.ceil(others.length / size))
            const pageCount = others.length ? pages : 0
            value(
                'ErasStakersOverview',
                [index, e.validator],
                {total: e.totalPlanck, own: e.ownPlanck, nominatorCount: others.length, pageCount},
                () => encodeExposureOverview(e.totalPlanck, e.ownPlanck, others.length, pageCount),
            )
            for (let p = 0; p * size < others.length; p++) {
                const page = e.others.slice(p * size, (p + 1) * size)
                const pageTotal = page.reduce((s, o) => s + o.valuePlanck, 0n)
                value(
                    'ErasStakersPaged',
                    [index, e.validator, p],
                    {pageTotal, others: page.map(o => ({who: o.who, value: o.valuePlanck}))},
                    () => encodeExposurePage(pageTotal, page),
                )
            }
            const claimed = era.claimedPages.get(e.validator)
            if (claimed?.length) value('ClaimedRewards', [index, e.validator], claimed)
        } else {
            value('ErasStakers', [index, e.validator], {total: e.totalPlanck, own: e.ownPlanck, others}, () =>
                encodeExposure(e.totalPlanck, e.ownPlanck, e.others),
            )
            value('ErasStakersClipped', [index, e.validator], {total: e.totalPlanck, own: e.ownPlanck, others: others.slice(0, 512)}, () =>
                encodeExposure(e.totalPlanck, e.ownPlanck, e.others.slice(0, 512)),
            )
        }
        const prefs = era.prefs.get(e.validator)!
        value('ErasValidatorPrefs', [index, e.validator], {commission: prefs.commissionPerbill, blocked: prefs.blocked})
    }
    value('ErasTotalStake', [index], total)
    if (era.validatorPayoutPlanck !== undefined) value('ErasValidatorReward', [index], era.validatorPayoutPlanck)
    put(rt.storageKey('Staking', 'ErasRewardPoints', index), encodeRewardPoints(era))
}

/** EraRewardPoints{total: u32, individual: BTreeMap<AccountId32, u32>}, by hand: it is rewritten every block. */
export function encodeRewardPoints(era: EraState): string {
    const entries = [...era.points.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))
    const out = new Uint8Array(4 + 5 + entries.length * 36)
    const view = new DataView(out.buffer)
    view.setUint32(0, era.totalPoints, true)
    const len = compactToU8a(entries.length)
    out.set(len, 4)
    let o = 4 + len.length
    for (const [who, pts] of entries) {
        out.set(hexToU8a(who), o)
        view.setUint32(o + 32, pts, true)
        o += 36
    }
    return u8aToHex(out.subarray(0, o))
}
