/**
 * Selection and allocation of a round: orders the valid candidates by score, sizes each account's target count
 * and deals the ranking out to the accounts without overlap, under the programme-wide caps, recording why every
 * candidate it looked at was chosen or passed over.
 */
import {compareBigint, targetCount, type BalanceBuffer, type TargetCount} from './target-count'

export type NominationMode = 'direct' | 'proxy' | 'delayedProxy'

/** A candidate the scorer found valid for this round. */
export interface Candidate {
    stash: string
    /** The scorer's total for the era (randomness included, seeded and recorded by the scorer). */
    scoreTotal: number
    /** The candidate's identity group (parent identity); null = unknown, not counted against the cap. */
    identityGroup: string | null
    /** Provider (ASN organisation) of its node; null = unknown. */
    provider: string | null
    /** ISO 3166-1 alpha-2 country of its node; null = unknown. */
    country: string | null
    /** In the active set now. */
    elected: boolean
    /** Its exposure total in the active era; 0 when not elected. */
    exposureTotalPlanck: bigint
}

/** A programme account that nominates in this round. */
export interface NominatorAccount {
    name: string
    /** The bonded (nominating) account. */
    stash: string
    /** The ledger's active bonded balance. */
    bondedPlanck: bigint
    mode: NominationMode
    /** The account that signs its calls: the stash (or its controller) when direct, the proxy otherwise. */
    signer: string
}

/** A programme account that does not nominate in this round, with the targets it holds on chain. */
export interface HeldTargets {
    stash: string
    targets: string[]
}

export interface Caps {
    perIdentityGroup: number | null
    perProvider: number | null
    perCountry: number | null
}

/** The config's part in a selection (`nominator.*`). */
export interface SelectionPolicy {
    maxTargets: number
    balanceBuffer: BalanceBuffer
    caps: Caps
    ampleBackingPlanck: bigint | null
}

export interface SelectionInput {
    candidates: Candidate[]
    accounts: NominatorAccount[]
    heldTargets: HeldTargets[]
    /** Exposure totals of the whole elected set (programme candidates or not). */
    electedExposuresPlanck: bigint[]
    /** The chain's `MaxNominations`. */
    maxNominations: number
    policy: SelectionPolicy
}

export type PassReason =
    | {kind: 'heldByOtherAccount'; account: string}
    | {kind: 'ampleBacking'; exposureTotalPlanck: bigint; thresholdPlanck: bigint}
    | {kind: 'identityGroupCap'; group: string; cap: number}
    | {kind: 'providerCap'; provider: string; cap: number}
    | {kind: 'countryCap'; country: string; cap: number}

export type Verdict = {kind: 'chosen'} | {kind: 'passed'; reason: PassReason}

/** A candidate's place in the round's ranking. */
export interface Ranked {
    stash: string
    /** 1-based position in the round's ranking. */
    rank: number
    scoreTotal: number
}

/** One candidate as an account's allocation met it. */
export interface Considered extends Ranked {
    verdict: Verdict
}

export interface AccountSelection {
    name: string
    stash: string
    count: TargetCount
    /** In ranking order; fewer than count.count when the ranking ran out. */
    targets: string[]
    /** Every candidate met while filling this account, in ranking order. */
    considered: Considered[]
}

export interface Selection {
    /** Accounts in allocation order: bonded descending, then stash ascending. */
    accounts: AccountSelection[]
    /** Candidates no account reached (below the cut), in ranking order. */
    belowCut: Ranked[]
}

/** Ranking order: score descending; equal scores by stash ascending, so ties never depend on input order. */
export function rankCandidates(candidates: readonly Candidate[]): Candidate[] {
    for (const c of candidates) {
        if (!Number.isFinite(c.scoreTotal))
            throw new Error(`candidate ${c.stash}: score total is ${c.scoreTotal}, expected a finite number`)
    }
    return [...candidates].sort((a, b) => b.scoreTotal - a.scoreTotal || compareText(a.stash, b.stash))
}

/** Allocation order: the largest bond takes the best-ranked candidates; equal bonds by stash. */
export function allocationOrder(accounts: readonly NominatorAccount[]): NominatorAccount[] {
    return [...accounts].sort((a, b) => compareBigint(b.bondedPlanck, a.bondedPlanck) || compareText(a.stash, b.stash))
}

export function select(input: SelectionInput): Selection {
    checkInput(input)
    const {policy} = input
    const ranking = rankCandidates(input.candidates)
    const counted = new Counts(input.policy.caps)
    const holder = new Map<string, string>()
    const candidateByStash = new Map(ranking.map(c => [c.stash, c]))
    // In stash order, so the account named as holder of a target held twice does not depend on input order.
    for (const held of [...input.heldTargets].sort((a, b) => compareText(a.stash, b.stash))) {
        for (const t of held.targets) {
            if (holder.has(t)) continue
            holder.set(t, held.stash)
            const c = candidateByStash.get(t)
            // A held target that is no longer a valid candidate still holds its slot: its group and provider are unknown here.
            if (c) counted.add(c)
        }
    }

    let next = 0
    const accounts: AccountSelection[] = []
    for (const account of allocationOrder(input.accounts)) {
        const count = targetCount(account.bondedPlanck, input.electedExposuresPlanck, {
            balanceBuffer: policy.balanceBuffer,
            maxNominations: input.maxNominations,
            maxTargets: policy.maxTargets,
        })
        const targets: string[] = []
        const considered: Considered[] = []
        while (targets.length < count.count && next < ranking.length) {
            const c = ranking[next]
            const reason = passReason(c, holder, policy.ampleBackingPlanck, counted)
            considered.push({
                stash: c.stash,
                rank: next + 1,
                scoreTotal: c.scoreTotal,
                verdict: reason ? {kind: 'passed', reason} : {kind: 'chosen'},
            })
            if (!reason) {
                targets.push(c.stash)
                counted.add(c)
            }
            next++
        }
        accounts.push({name: account.name, stash: account.stash, count, targets, considered})
    }
    const belowCut = ranking.slice(next).map((c, i) => ({stash: c.stash, rank: next + i + 1, scoreTotal: c.scoreTotal}))
    return {accounts, belowCut}
}

function passReason(c: Candidate, holder: Map<string, string>, ampleBackingPlanck: bigint | null, counted: Counts): PassReason | null {
    const heldBy = holder.get(c.stash)
    if (heldBy !== undefined) return {kind: 'heldByOtherAccount', account: heldBy}
    if (ampleBackingPlanck !== null && c.elected && c.exposureTotalPlanck >= ampleBackingPlanck) {
        return {kind: 'ampleBacking', exposureTotalPlanck: c.exposureTotalPlanck, thresholdPlanck: ampleBackingPlanck}
    }
    return counted.capReached(c)
}

/** Targets held per identity group, provider and country across the programme. */
class Counts {
    private groups = new Map<string, number>()
    private providers = new Map<string, number>()
    private countries = new Map<string, number>()

    constructor(private caps: Caps) {}

    add(c: Candidate): void {
        bump(this.groups, c.identityGroup)
        bump(this.providers, c.provider)
        bump(this.countries, c.country)
    }

    capReached(c: Candidate): PassReason | null {
        const {perIdentityGroup, perProvider, perCountry} = this.caps
        if (perIdentityGroup !== null && c.identityGroup !== null && (this.groups.get(c.identityGroup) ?? 0) >= perIdentityGroup) {
            return {kind: 'identityGroupCap', group: c.identityGroup, cap: perIdentityGroup}
        }
        if (perProvider !== null && c.provider !== null && (this.providers.get(c.provider) ?? 0) >= perProvider) {
            return {kind: 'providerCap', provider: c.provider, cap: perProvider}
        }
        if (perCountry !== null && c.country !== null && (this.countries.get(c.country) ?? 0) >= perCountry) {
            return {kind: 'countryCap', country: c.country, cap: perCountry}
        }
        return null
    }
}

function bump(counts: Map<string, number>, key: string | null): void {
    if (key !== null) counts.set(key, (counts.get(key) ?? 0) + 1)
}

function checkInput(input: SelectionInput): void {
    const seen = new Set<string>()
    for (const c of input.candidates) {
        if (seen.has(c.stash)) throw new Error(`candidate ${c.stash} is listed twice`)
        seen.add(c.stash)
    }
    const stashes = new Set<string>()
    for (const a of [...input.accounts, ...input.heldTargets]) {
        if (stashes.has(a.stash)) throw new Error(`account ${a.stash} is listed twice (nominating accounts and held targets together)`)
        stashes.add(a.stash)
    }
    if (!Number.isInteger(input.maxNominations) || input.maxNominations < 1) {
        throw new Error(`maxNominations is ${input.maxNominations}, expected a whole number of at least 1 (the chain's MaxNominations)`)
    }
}

/** Code-point order, the same on every machine and locale. */
export function compareText(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0
}
