/**
 * The staking world's logical state (accounts, validators, nominators, ledgers, identities, proxies,
 * eras) and its seeded genesis. Storage is an encoding of this state; `state-writer.ts` writes it.
 */
import {decodeAddress} from '@polkadot/util-crypto'
import {u8aToHex} from '@polkadot/util'
import {SeededRandom} from './seeded-random'
import type {ScenarioSpec} from './scenario-spec'
import type {ElectedExposure} from './phragmen'
import {devAccounts, type DevAccount} from './dev-accounts'
import distribution from './data/validator-distribution.json'
import candidateList from '../../config/candidates/polkadot.json'
import {assignValidityCases, CASE_VALUES, type ValidityCase} from './validity-cases'

export const PLANCK_PER_DOT = 10_000_000_000n

/** Balances of an account (nonces are per chain: see DevnetChain). */
export interface AccountState {
    freePlanck: bigint
    reservedPlanck: bigint
}

export interface ValidatorState {
    stash: string
    /** Telemetry node name (the candidate's name for programme candidates). */
    nodeName: string
    operator: string
    clientVersion: string
    commissionPerbill: number
    blocked: boolean
    /** False once chilled: no longer a candidate of elections. */
    active: boolean
    sessionKeys: SessionKeys
    payout: 'prompt' | 'late' | 'never'
    isCandidate: boolean
    /** Set in a world with validity cases: the rule this candidate breaks. */
    validityCase?: ValidityCase
    /** The IP its telemetry node reports (none: the feed's default for its position). */
    nodeIp?: string
    /** The first block at which its telemetry node is gone from the feed. */
    nodeOfflineFromBlock?: number
}

export interface SessionKeys {
    grandpa: string
    babe: string
    imOnline: string
    paraValidator: string
    paraAssignment: string
    authorityDiscovery: string
    /** 33-byte ECDSA; the dummy `0x62656566…` ("beef") for nodes that never set a real one. */
    beefy: string
}

export interface LedgerState {
    stash: string
    totalPlanck: bigint
    activePlanck: bigint
    /** Eras whose rewards were claimed (legacy ledgers keep them in the ledger). */
    claimedEras: number[]
}

export interface NominatorState {
    targets: string[]
    submittedIn: number
}

export interface Judgement {
    registrarIndex: number
    judgement: 'Reasonable' | 'KnownGood' | 'FeePaid' | 'Unknown' | 'OutOfDate' | 'LowQuality' | 'Erroneous'
}

export interface IdentityState {
    display: string
    legal?: string
    web?: string
    email?: string
    twitter?: string
    judgements: Judgement[]
}

export interface ProxyDef {
    delegate: string
    proxyType: 'Any' | 'NonTransfer' | 'Staking'
    delayBlocks: number
}

export interface Announcement {
    real: string
    callHash: string
    height: number
}

export interface EraState {
    index: number
    startBlock: number
    startSessionIndex: number
    startTimestampMs: number
    exposures: ElectedExposure[]
    prefs: Map<string, {commissionPerbill: number; blocked: boolean}>
    points: Map<string, number>
    totalPoints: number
    /** Set when the era ends (EraPaid). */
    validatorPayoutPlanck?: bigint
    /** Exposure pages claimed per validator. */
    claimedPages: Map<string, number[]>
}

/** One report of pallet_offences: the offender and its exposure (the relay's full identification). */
export interface OffenceReport {
    offender: string
    exposure: {total: bigint; own: bigint; others: {who: string; value: bigint}[]}
}

export class World {
    readonly accounts = new Map<string, AccountState>()
    readonly validators = new Map<string, ValidatorState>()
    readonly ledgers = new Map<string, LedgerState>()
    readonly nominators = new Map<string, NominatorState>()
    readonly identities = new Map<string, IdentityState>()
    /** sub → [parent, sub name]. */
    readonly superOf = new Map<string, [string, string]>()
    readonly subsOf = new Map<string, string[]>()
    readonly proxies = new Map<string, ProxyDef[]>()
    readonly announcements = new Map<string, Announcement[]>()
    readonly eras = new Map<number, EraState>()
    /** Offences.Reports: report id → the offender with its exposure (pallet_offences keeps them). */
    readonly offenceReports = new Map<string, OffenceReport>()
    /** Offences.ConcurrentReportsIndex: `<kind>/<time slot>` (hex) → the report ids of that kind and slot. */
    readonly concurrentReports = new Map<string, string[]>()
    sessionIndex = 0
    activeEra = 0
    sessionValidators: string[] = []
    /** Entities changed since the last flush, as `kind:id` tokens. */
    readonly dirty = new Set<string>()

    constructor(
        readonly spec: ScenarioSpec,
        readonly seed: number,
        readonly dev: DevAccount[],
    ) {}

    mark(kind: string, id: string | number = ''): void {
        this.dirty.add(`${kind}:${id}`)
    }

    /** Tokens naming every entity: a chain's whole state (genesis, runtime-upgrade migrations). */
    allTokens(): string[] {
        const t: string[] = []
        const add = (kind: string, ids: Iterable<string | number>) => {
            for (const id of ids) t.push(`${kind}:${id}`)
        }
        add('account', this.accounts.keys())
        add('validator', this.validators.keys())
        add('ledger', this.ledgers.keys())
        add('nominator', this.nominators.keys())
        add('identity', this.identities.keys())
        add('super', this.superOf.keys())
        add('subs', this.subsOf.keys())
        add('proxies', this.proxies.keys())
        add('announcements', this.announcements.keys())
        add('era', this.eras.keys())
        add('offenceReport', this.offenceReports.keys())
        add('offenceIndex', this.concurrentReports.keys())
        t.push('session:', 'stakingLimits:')
        return t
    }

    /** The reports (id and offender) of an offence kind and time slot, in the order they were made. */
    offenceReportsOf(kind: string, timeSlot: string): {reportId: string; offender: string}[] {
        return (this.concurrentReports.get(`${kind}/${timeSlot}`) ?? []).map(reportId => ({
            reportId,
            offender: (this.offenceReports.get(reportId) as OffenceReport).offender,
        }))
    }

    /** Take the tokens of entities changed since the last call. */
    drainDirty(): string[] {
        const t = [...this.dirty]
        this.dirty.clear()
        return t
    }

    get currentEra(): EraState {
        return this.eras.get(this.activeEra)!
    }

    account(who: string): AccountState {
        let a = this.accounts.get(who)
        if (!a) {
            a = {freePlanck: 0n, reservedPlanck: 0n}
            this.accounts.set(who, a)
        }
        return a
    }

    bond(stash: string, amountPlanck: bigint): void {
        const a = this.account(stash)
        if (a.freePlanck < amountPlanck) a.freePlanck = amountPlanck + 100n * PLANCK_PER_DOT
        this.ledgers.set(stash, {stash, totalPlanck: amountPlanck, activePlanck: amountPlanck, claimedEras: []})
        this.mark('ledger', stash)
        this.mark('account', stash)
    }

    /** Nodes as the telemetry feed would list them (for the telemetry devnet feed). */
    nodeList(): {
        stash: string
        nodeName: string
        operator: string
        clientVersion: string
        isCandidate: boolean
        ip?: string
        offlineFromBlock?: number
    }[] {
        return [...this.validators.values()].map(v => ({
            stash: v.stash,
            nodeName: v.nodeName,
            operator: v.operator,
            clientVersion: v.clientVersion,
            isCandidate: v.isCandidate,
            ...(v.nodeIp === undefined ? {} : {ip: v.nodeIp}),
            ...(v.nodeOfflineFromBlock === undefined ? {} : {offlineFromBlock: v.nodeOfflineFromBlock}),
        }))
    }

    /** Whether the scenario's random staking events (slashes, chills, kicks, commission and identity changes) may touch v. */
    randomEventsMay(v: ValidatorState): boolean {
        return !this.spec.validityCases || !v.isCandidate
    }
}

const CLIENT_VERSIONS = ['1.15.2-2a34ec7d', '1.15.1-4ac2bc2f', '1.14.0-8e1c4d3a', '1.16.0-5b2a9f01']

/** Build the genesis world of a scenario. */
export function genesisWorld(spec: ScenarioSpec, seed: number, dev: DevAccount[] = devAccounts()): World {
    const world = new World(spec, seed, dev)
    const rnd = new SeededRandom(seed, 'genesis')
    const dist = distribution.rows as [string, number, number][]

    for (const d of dev) world.account(d.publicKey).freePlanck = 1_000_000n * PLANCK_PER_DOT

    // Validators: programme candidates first, then others with generated keys.
    const candidates = (candidateList as {candidates: {name: string; stash: string}[]}).candidates.slice(0, spec.candidates)
    const stashes: {stash: string; name: string; isCandidate: boolean}[] = candidates.map(c => ({
        stash: u8aToHex(decodeAddress(c.stash)),
        name: c.name,
        isCandidate: true,
    }))
    while (stashes.length < spec.validators) {
        const i = stashes.length
        stashes.push({stash: u8aToHex(rnd.bytes(32)), name: `devnet-validator-${i}`, isCandidate: false})
    }
    let operatorNodes = 0
    let operator = ''
    let operatorStash = ''
    const cases = spec.validityCases ? assignValidityCases(candidates.length, seed) : new Map<number, ValidityCase>()
    for (const [index, s] of stashes.entries()) {
        const [selfStake, commission, blocked] = dist[rnd.int(dist.length)]
        // In a world with validity cases each candidate is its own operator, but for the identity group's two,
        // and meets every rule but its case's.
        const ruled = spec.validityCases && s.isCandidate
        const validityCase = s.isCandidate ? cases.get(index) : undefined
        const joinsGroup = validityCase === 'identityGroup' && cases.get(index - 1) === 'identityGroup'
        // Several nodes per operator: the first node's stash holds the identity, later ones are its subs.
        if (operatorNodes === 0 || (ruled && !joinsGroup)) {
            operator = s.isCandidate ? s.name.replace(/\s*[\/#\-]\s*\d+\s*$/, '') : `devnet-operator-${index}`
            operatorStash = s.stash
            operatorNodes = 1 + rnd.int(3)
            if (ruled) operatorNodes = validityCase === 'identityGroup' ? 2 : 1
            const identity: IdentityState = {
                display: operator,
                web: rnd.chance(0.5) ? `https://${operator.replace(/[^a-z0-9]/gi, '').toLowerCase() || 'node'}.example` : undefined,
                email: rnd.chance(0.5) ? `ops@${operator.replace(/[^a-z0-9]/gi, '').toLowerCase() || 'node'}.example` : undefined,
                judgements: rnd.chance(0.8) ? [{registrarIndex: rnd.int(3), judgement: rnd.chance(0.8) ? 'Reasonable' : 'KnownGood'}] : [],
            }
            if (ruled && validityCase === 'identity') identity.judgements = [{registrarIndex: 0, judgement: 'FeePaid'}]
            else if (ruled && identity.judgements.length === 0) identity.judgements = [{registrarIndex: 0, judgement: 'Reasonable'}]
            world.identities.set(s.stash, identity)
            world.subsOf.set(s.stash, [])
        } else {
            const subName = `node ${world.subsOf.get(operatorStash)!.length + 2}`
            world.superOf.set(s.stash, [operatorStash, subName])
            world.subsOf.get(operatorStash)!.push(s.stash)
        }
        operatorNodes--
        const beefyDummy = ruled ? validityCase === 'beefy' : rnd.chance(0.2)
        const r = rnd.next()
        let clientVersion = rnd.pick(CLIENT_VERSIONS)
        if (ruled)
            clientVersion =
                validityCase === 'clientVersion'
                    ? CASE_VALUES.oldVersion
                    : CASE_VALUES.releasedVersions.includes(clientVersion)
                      ? clientVersion
                      : CASE_VALUES.releasedVersions[index % CASE_VALUES.releasedVersions.length]
        world.validators.set(s.stash, {
            stash: s.stash,
            nodeName: s.name,
            operator,
            clientVersion,
            commissionPerbill:
                validityCase === 'commission'
                    ? CASE_VALUES.caseCommissionPerbill
                    : ruled
                      ? Math.min(commission, CASE_VALUES.maxCommissionPerbill)
                      : commission,
            blocked: ruled ? validityCase === 'blocked' : blocked === 1,
            active: true,
            sessionKeys: {
                grandpa: u8aToHex(rnd.bytes(32)),
                babe: u8aToHex(rnd.bytes(32)),
                imOnline: u8aToHex(rnd.bytes(32)),
                paraValidator: u8aToHex(rnd.bytes(32)),
                paraAssignment: u8aToHex(rnd.bytes(32)),
                authorityDiscovery: u8aToHex(rnd.bytes(32)),
                beefy: beefyDummy ? '0x62656566' + '00'.repeat(29) : '0x02' + u8aToHex(rnd.bytes(32)).slice(2),
            },
            payout: r < spec.neverPaidShare ? 'never' : r < spec.neverPaidShare + spec.latePayoutShare ? 'late' : 'prompt',
            isCandidate: s.isCandidate,
            ...(validityCase === undefined ? {} : {validityCase}),
            ...(ruled
                ? {nodeIp: (validityCase === 'provider' ? CASE_VALUES.blacklistedIpPrefix : CASE_VALUES.ipPrefix) + String(index + 1)}
                : {}),
            ...(validityCase === 'offline' ? {nodeOfflineFromBlock: 2 * spec.blocksPerSession} : {}),
        })
        // Self-stake as on the real snapshot, at least 1 DOT so every validator can be elected.
        let bond = BigInt(selfStake) > PLANCK_PER_DOT ? BigInt(selfStake) : PLANCK_PER_DOT * BigInt(1 + rnd.int(20_000))
        if (ruled && bond < CASE_VALUES.minSelfStakeDot * PLANCK_PER_DOT) bond = CASE_VALUES.minSelfStakeDot * PLANCK_PER_DOT
        world.bond(s.stash, bond)
    }

    // Nominators: stakes spread over 3 orders of magnitude, targets biased to a popular third.
    const validatorList = [...world.validators.keys()]
    const popular = validatorList.slice(0, Math.max(1, Math.floor(validatorList.length / 3)))
    for (let i = 0; i < spec.nominators; i++) {
        const who = u8aToHex(rnd.bytes(32))
        const stake = PLANCK_PER_DOT * BigInt(Math.floor(10 ** (1 + 3 * rnd.next())))
        const targets = new Set<string>()
        while (targets.size < Math.min(spec.targetsPerNominator, validatorList.length)) {
            targets.add(rnd.chance(0.5) ? rnd.pick(popular) : rnd.pick(validatorList))
        }
        world.bond(who, stake)
        world.nominators.set(who, {targets: [...targets], submittedIn: 0})
        world.mark('nominator', who)
    }

    // Dev accounts: //Alice nominates with a large stake; //Bob is her Staking proxy, //Charlie her
    // time-delayed Staking proxy; //Dave is funded only; //Eve and //Ferdie sign scenario transactions.
    const alice = dev.find(d => d.name === 'Alice')!.publicKey
    world.bond(alice, 100_000n * PLANCK_PER_DOT)
    world.nominators.set(alice, {targets: validatorList.slice(0, Math.min(4, validatorList.length)), submittedIn: 0})
    world.proxies.set(alice, [
        {delegate: dev.find(d => d.name === 'Bob')!.publicKey, proxyType: 'Staking', delayBlocks: 0},
        {delegate: dev.find(d => d.name === 'Charlie')!.publicKey, proxyType: 'Staking', delayBlocks: spec.proxyDelayBlocks},
    ])
    // A few nominators hand their staking to proxies, some time-delayed, like programme nominators.
    const nominatorList = [...world.nominators.keys()]
    for (let i = 0; i < Math.min(10, nominatorList.length - 1); i++) {
        world.proxies.set(nominatorList[i], [
            {
                delegate: u8aToHex(rnd.bytes(32)),
                proxyType: rnd.chance(0.5) ? 'Staking' : 'Any',
                delayBlocks: rnd.chance(0.5) ? spec.proxyDelayBlocks : 0,
            },
        ])
    }
    return world
}
