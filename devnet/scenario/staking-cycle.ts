/**
 * What the staking world does block by block: era points, session rotation, era ends with EraPaid,
 * the next era's election and exposures, slashes, chills, kicks, commission and identity changes,
 * offline reports or offences, and payouts. Produces logical events; the block producer encodes them.
 */
import {SeededRandom} from './seeded-random'
import {seqPhragmen} from './phragmen'
import type {World, EraState} from './world'
import {PLANCK_PER_DOT} from './world'
import type {Journal} from './journal'
import {HISTORY_DEPTH} from './state-writer'

export interface LogicalEvent {
    pallet: string
    name: string
    fields: Record<string, unknown>
}

export interface RuntimeFeatures {
    /** ImOnline exists (legacy): offline validators are reported as ImOnline.SomeOffline. */
    imOnline: boolean
    /** Exposures are paged (ErasStakersPaged) and payouts go page by page. */
    pagedExposures: boolean
    /** Staking is pallet-staking-async (Asset Hub): sessions are reported as Staking.SessionRotated, offences as Staking.OffenceReported. */
    stakingAsync: boolean
    /** The relay receives each era's validator set from Asset Hub (StakingAhClient): it emits ValidatorSetReceived. */
    ahClient: boolean
}

export interface PayoutItem {
    validator: string
    era: number
    page: number
}

/** Elect the era's validators from the current intentions and nominations. */
export function startEra(world: World, index: number, startBlock: number, startTimestampMs: number): EraState {
    const candidates = [...world.validators.values()]
        .filter(v => v.active)
        .map(v => ({who: v.stash, selfStakePlanck: world.ledgers.get(v.stash)?.activePlanck ?? 0n}))
    const voters = [...world.nominators.entries()].map(([who, n]) => ({
        who,
        stakePlanck: world.ledgers.get(who)?.activePlanck ?? 0n,
        targets: n.targets,
    }))
    const exposures = seqPhragmen(candidates, voters, world.spec.activeValidators, {reduce: world.spec.reduceElection})
    const prefs = new Map(
        exposures.map(e => {
            const v = world.validators.get(e.validator)!
            return [e.validator, {commissionPerbill: v.commissionPerbill, blocked: v.blocked}] as const
        }),
    )
    const era: EraState = {
        index,
        startBlock,
        startSessionIndex: world.sessionIndex,
        startTimestampMs,
        exposures,
        prefs,
        points: new Map(),
        totalPoints: 0,
        claimedPages: new Map(),
    }
    world.eras.set(index, era)
    world.eras.delete(index - HISTORY_DEPTH - 1)
    world.activeEra = index
    world.sessionValidators = exposures.map(e => e.validator)
    world.mark('era', index)
    world.mark('session')
    return era
}

/**
 * Author of block n and its 20 era points (Substrate's reward for authoring a block). A fork's branch may
 * give the block to another validator of the set (`otherAuthor`).
 */
export function noteAuthor(world: World, block: number, otherAuthor = false): string | undefined {
    const set = world.sessionValidators
    if (set.length === 0) return undefined
    const author = set[(block * 7919 + world.seed + (otherAuthor ? 1 : 0)) % set.length]
    const era = world.currentEra
    era.points.set(author, (era.points.get(author) ?? 0) + 20)
    era.totalPoints += 20
    world.mark('points', era.index)
    return author
}

/** Session and era rotation at the start of block n. */
export function onInitialize(world: World, block: number, timestampMs: number, features: RuntimeFeatures): LogicalEvent[] {
    const spec = world.spec
    if (block === 0 || block % spec.blocksPerSession !== 0) return []
    const events: LogicalEvent[] = []
    const rnd = new SeededRandom(world.seed, `session-${block}`)
    const endingSession = world.sessionIndex
    // Offline reports for the session that ends (ImOnline heartbeats) or, without ImOnline, offences.
    const offline = rnd.sample(world.sessionValidators, Math.floor(world.sessionValidators.length * spec.offlineShare))
    if (features.imOnline) {
        if (offline.length === 0) {
            events.push({pallet: 'ImOnline', name: 'AllGood', fields: {}})
        } else {
            const era = world.currentEra
            events.push({
                pallet: 'ImOnline',
                name: 'SomeOffline',
                fields: {
                    offline: offline.map(v => {
                        const e = era.exposures.find(x => x.validator === v)!
                        return [
                            v,
                            {total: e.totalPlanck, own: e.ownPlanck, others: e.others.map(o => ({who: o.who, value: o.valuePlanck}))},
                        ]
                    }),
                },
            })
        }
    } else if (offline.length > 0) {
        const timeslot = new Uint8Array(4)
        new DataView(timeslot.buffer).setUint32(0, endingSession, true)
        events.push({
            pallet: 'Offences',
            name: 'Offence',
            fields: {kind: '0x' + Buffer.from('im-online:offlin').toString('hex'), timeslot: '0x' + Buffer.from(timeslot).toString('hex')},
        })
        if (features.stakingAsync) {
            for (const v of offline)
                events.push({pallet: 'Staking', name: 'OffenceReported', fields: {offenceEra: world.activeEra, validator: v, fraction: 0}})
        }
    }
    world.sessionIndex++
    events.push({pallet: 'Session', name: 'NewSession', fields: {sessionIndex: world.sessionIndex}})
    world.mark('session')
    const eraEnds = world.sessionIndex % spec.sessionsPerEra === 0
    if (features.stakingAsync) {
        const active = eraEnds ? world.activeEra + 1 : world.activeEra
        events.push({
            pallet: 'Staking',
            name: 'SessionRotated',
            fields: {startingSession: world.sessionIndex, activeEra: active, plannedEra: active},
        })
    }
    if (!eraEnds) return events

    // Era end: pay the era, apply the scenario's staking facts, elect the next era.
    const ending = world.currentEra
    const totalStake = ending.exposures.reduce((s, e) => s + e.totalPlanck, 0n)
    const payout = totalStake / 2000n
    ending.validatorPayoutPlanck = payout
    world.mark('eraPayout', ending.index)
    events.push({pallet: 'Staking', name: 'EraPaid', fields: {eraIndex: ending.index, validatorPayout: payout, remainder: payout / 4n}})
    events.push(...eraChanges(world, rnd))
    const next = startEra(world, ending.index + 1, block, timestampMs)
    // staking-async elects in pages (one page here) instead of announcing StakersElected.
    events.push(
        features.stakingAsync
            ? {pallet: 'Staking', name: 'PagedElectionProceeded', fields: {page: 0, result: {Ok: next.exposures.length}}}
            : {pallet: 'Staking', name: 'StakersElected', fields: {}},
    )
    // The relay queues the elected set (StakingAhClient.ValidatorSet, written with the session) under the era's index.
    if (features.ahClient) {
        events.push({
            pallet: 'StakingAhClient',
            name: 'ValidatorSetReceived',
            fields: {
                id: next.index,
                newValidatorSetCount: world.sessionValidators.length,
                pruneUpTo: null,
                leftover: false,
            },
        })
    }
    return events
}

/** Slashes, chills, kicks, commission and identity changes an era brings. */
function eraChanges(world: World, rnd: SeededRandom): LogicalEvent[] {
    const events: LogicalEvent[] = []
    const chance = world.spec.eventChance
    const era = world.currentEra
    const validators = [...world.validators.values()].filter(v => world.randomEventsMay(v))
    // A world with validity cases slashes its slashed case as the first era ends.
    const slashedCase = era.index === 0 ? [...world.validators.values()].find(v => v.validityCase === 'slashed') : undefined
    if (slashedCase)
        events.push(...slash(world, slashedCase.stash, era.exposures.find(e => e.validator === slashedCase.stash)?.others ?? []))
    const exposures = era.exposures.filter(e => world.randomEventsMay(world.validators.get(e.validator)!))
    if (rnd.chance(chance) && exposures.length) {
        const e = rnd.pick(exposures)
        events.push(...slash(world, e.validator, e.others))
    }
    if (rnd.chance(chance)) {
        const active = validators.filter(v => v.active)
        const v = rnd.pick(active)
        v.active = false
        world.mark('validator', v.stash)
        events.push({pallet: 'Staking', name: 'Chilled', fields: {stash: v.stash}})
        // The chilled validator comes back two eras later, as operators do after maintenance.
        const inactive = validators.filter(x => !x.active && x !== v)
        if (inactive.length) {
            const back = rnd.pick(inactive)
            back.active = true
            world.mark('validator', back.stash)
            events.push({
                pallet: 'Staking',
                name: 'ValidatorPrefsSet',
                fields: {stash: back.stash, prefs: {commission: back.commissionPerbill, blocked: back.blocked}},
            })
        }
    }
    if (rnd.chance(chance)) {
        const v = rnd.pick(validators)
        v.commissionPerbill = rnd.pick([0, 10_000_000, 30_000_000, 50_000_000, 100_000_000, 1_000_000_000])
        world.mark('validator', v.stash)
        events.push({
            pallet: 'Staking',
            name: 'ValidatorPrefsSet',
            fields: {stash: v.stash, prefs: {commission: v.commissionPerbill, blocked: v.blocked}},
        })
    }
    if (rnd.chance(chance)) {
        // A blocked validator kicks one of its nominators.
        const v = rnd.pick(validators)
        const nominator = [...world.nominators.entries()].find(([, n]) => n.targets.includes(v.stash))
        if (nominator) {
            if (!v.blocked) {
                v.blocked = true
                world.mark('validator', v.stash)
                events.push({
                    pallet: 'Staking',
                    name: 'ValidatorPrefsSet',
                    fields: {stash: v.stash, prefs: {commission: v.commissionPerbill, blocked: true}},
                })
            }
            nominator[1].targets = nominator[1].targets.filter(t => t !== v.stash)
            world.mark('nominator', nominator[0])
            events.push({pallet: 'Staking', name: 'Kicked', fields: {nominator: nominator[0], stash: v.stash}})
        }
    }
    const identities = [...world.identities.entries()].filter(([who]) => world.randomEventsMay(world.validators.get(who)!))
    if (rnd.chance(chance) && identities.length) {
        const [who, idn] = rnd.pick(identities)
        idn.display = idn.display.replace(/ \(v\d+\)$/, '') + ` (v${era.index + 1})`
        idn.judgements = []
        world.mark('identity', who)
        events.push({pallet: 'Identity', name: 'IdentitySet', fields: {who}})
        idn.judgements = [{registrarIndex: 1, judgement: 'Reasonable'}]
        events.push({pallet: 'Identity', name: 'JudgementGiven', fields: {target: who, registrarIndex: 1}})
    }
    return events
}

/** Slash 1 % of the validator's and of its first four nominators' active bond. */
function slash(world: World, validator: string, others: {who: string; valuePlanck: bigint}[]): LogicalEvent[] {
    const ledger = world.ledgers.get(validator)!
    const amount = ledger.activePlanck / 100n
    ledger.activePlanck -= amount
    ledger.totalPlanck -= amount
    world.mark('ledger', validator)
    const events: LogicalEvent[] = [{pallet: 'Staking', name: 'Slashed', fields: {staker: validator, amount}}]
    for (const o of others.slice(0, 4)) {
        const nl = world.ledgers.get(o.who)
        if (!nl) continue
        const a = o.valuePlanck / 100n
        nl.activePlanck -= a
        nl.totalPlanck -= a
        world.mark('ledger', o.who)
        events.push({pallet: 'Staking', name: 'Slashed', fields: {staker: o.who, amount: a}})
    }
    return events
}

/** Payouts the scenario's payout bot makes in block n: prompt validators first, late ones half an era later. */
export function duePayouts(world: World, block: number, features: RuntimeFeatures): PayoutItem[] {
    const eraBlocks = world.spec.blocksPerSession * world.spec.sessionsPerEra
    const current = world.currentEra
    const since = block - current.startBlock
    const items: PayoutItem[] = []
    const prev = world.eras.get(current.index - 1)
    if (!prev || prev.validatorPayoutPlanck === undefined) return items
    const late = since >= Math.floor(eraBlocks / 2)
    if (since < 1) return items
    for (const e of prev.exposures) {
        const behaviour = world.validators.get(e.validator)?.payout
        if (behaviour === 'never' || (behaviour === 'late' && !late)) continue
        const pages = features.pagedExposures ? Math.max(1, Math.ceil(e.others.length / world.spec.exposurePageSize)) : 1
        const claimed = prev.claimedPages.get(e.validator) ?? []
        for (let p = 0; p < pages; p++) {
            if (!claimed.includes(p)) items.push({validator: e.validator, era: prev.index, page: p})
        }
    }
    return items.slice(0, world.spec.payoutsPerBlock)
}

/**
 * A payout page the bot does not pay in block n although it could: the first unclaimed page of the latest
 * eras (a never- or late-paying validator's, or one past the per-block cap) that is not among `due`.
 */
export function extraPayout(world: World, due: PayoutItem[], features: RuntimeFeatures): PayoutItem | undefined {
    for (let index = world.activeEra - 1; index >= Math.max(0, world.activeEra - HISTORY_DEPTH); index--) {
        const era = world.eras.get(index)
        if (!era || era.validatorPayoutPlanck === undefined) continue
        for (const e of era.exposures) {
            const pages = features.pagedExposures ? Math.max(1, Math.ceil(e.others.length / world.spec.exposurePageSize)) : 1
            const claimed = era.claimedPages.get(e.validator) ?? []
            for (let page = 0; page < pages; page++) {
                if (claimed.includes(page) || due.some(d => d.validator === e.validator && d.era === index && d.page === page)) continue
                return {validator: e.validator, era: index, page}
            }
        }
    }
    return undefined
}

export type StakingError = 'InvalidEraToReward' | 'AlreadyClaimed' | 'NotStash' | 'InvalidPage'

/** payout_stakers / payout_stakers_by_page: reward the validator and the nominators of one exposure page. */
export function payoutStakers(
    world: World,
    journal: Journal,
    validator: string,
    eraIndex: number,
    page: number | undefined,
    features: RuntimeFeatures,
): LogicalEvent[] | StakingError {
    if (eraIndex >= world.activeEra || eraIndex < world.activeEra - HISTORY_DEPTH) return 'InvalidEraToReward'
    const era = world.eras.get(eraIndex)
    if (!era || era.validatorPayoutPlanck === undefined) return 'InvalidEraToReward'
    if (!world.ledgers.has(validator)) return 'NotStash'
    const exposure = era.exposures.find(e => e.validator === validator)
    if (!exposure) return []
    const size = features.pagedExposures ? world.spec.exposurePageSize : 512
    const pages = features.pagedExposures ? Math.max(1, Math.ceil(exposure.others.length / size)) : 1
    const claimed = era.claimedPages.get(validator) ?? []
    const p = page ?? [...Array(pages).keys()].find(i => !claimed.includes(i))
    if (p === undefined) return 'AlreadyClaimed'
    if (p >= pages) return 'InvalidPage'
    if (claimed.includes(p)) return 'AlreadyClaimed'
    journal.mapSet(
        era.claimedPages,
        validator,
        [...claimed, p].sort((a, b) => a - b),
    )
    world.mark('claimed', `${eraIndex}/${validator}`)
    if (claimed.length + 1 === pages) {
        const ledger = world.ledgers.get(validator)!
        journal.assign(ledger, 'claimedEras', [...ledger.claimedEras, eraIndex])
        world.mark('ledger', validator)
    }
    const points = era.points.get(validator) ?? 0
    const share = era.totalPoints > 0 ? (era.validatorPayoutPlanck * BigInt(points)) / BigInt(era.totalPoints) : 0n
    const prefs = era.prefs.get(validator)!
    const commission = (share * BigInt(prefs.commissionPerbill)) / 1_000_000_000n
    const leftover = share - commission
    const total = exposure.totalPlanck > 0n ? exposure.totalPlanck : 1n
    const pageOthers = exposure.others.slice(p * size, (p + 1) * size)
    // The validator's own part is paid with the first page; each page pays its nominators.
    const events: LogicalEvent[] = [
        {
            pallet: 'Staking',
            name: 'PayoutStarted',
            fields: {
                eraIndex,
                validatorStash: validator,
                page: p,
                next: p + 1 < pages ? p + 1 : null,
            },
        },
    ]
    const reward = (who: string, amount: bigint) => {
        if (amount <= 0n) return
        const l = world.ledgers.get(who)
        if (l) {
            journal.assign(l, 'activePlanck', l.activePlanck + amount)
            journal.assign(l, 'totalPlanck', l.totalPlanck + amount)
            world.mark('ledger', who)
        }
        const a = world.account(who)
        journal.assign(a, 'freePlanck', a.freePlanck + amount)
        world.mark('account', who)
        events.push({pallet: 'Staking', name: 'Rewarded', fields: {stash: who, dest: 'Staked', amount}})
    }
    if (p === 0) reward(validator, commission + (leftover * exposure.ownPlanck) / total)
    for (const o of pageOthers) reward(o.who, (leftover * o.valuePlanck) / total)
    return events
}
