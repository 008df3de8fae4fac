/**
 * Whether a round starts now, and each account's nomination state, from the chain state read at the tick
 * (the on-chain `submittedIn`, bond, signer balance, pending announcements), the scorer's progress and the
 * rounds already recorded.
 */

export interface AccountChainState {
    name: string
    stash: string
    /** The ledger's active bonded balance; null = not bonded. */
    bondedPlanck: bigint | null
    /** `Staking.Nominators(stash).submittedIn`; null = no nominations on chain. */
    submittedIn: number | null
    /** Free balance of the account that signs for it (fees). */
    signerFreePlanck: bigint
    /** Announcements of its proxy for this stash still on chain. */
    pendingAnnouncements: number
}

export interface TriggerPolicy {
    enabled: boolean
    dryRun: boolean
    roundEveryEras: number
    minBondedPlanck: bigint
    minSignerFreePlanck: bigint
    maxPendingAnnouncements: number
    staleAfterEras: number
}

export interface TriggerInput {
    currentEra: number
    /** Candidates valid in the scorer's finished pass for `currentEra`; null while it has not finished it. */
    validCandidates: number | null
    /** Era of the newest round record; null = none yet. A record exists before anything is signed. */
    lastRoundEra: number | null
    accounts: AccountChainState[]
    policy: TriggerPolicy
}

export type AccountState = 'nominated' | 'readyToNominate' | 'awaitingProxyExecution' | 'notNominating'

export const ACCOUNT_STATE_LABEL: Record<AccountState, string> = {
    nominated: 'Nominated',
    readyToNominate: 'Ready to Nominate',
    awaitingProxyExecution: 'Awaiting Proxy Execution',
    notNominating: 'Not Nominating',
}

export type AccountReason =
    | {kind: 'notBonded'}
    | {kind: 'belowMinBond'; bondedPlanck: bigint; minPlanck: bigint}
    | {kind: 'signerUnfunded'; freePlanck: bigint; minPlanck: bigint}
    | {kind: 'announcementPending'; count: number}
    | {kind: 'nominatedRecently'; submittedIn: number; dueEra: number}
    | {kind: 'due'; submittedIn: number | null}

export interface AccountStatus {
    name: string
    stash: string
    state: AccountState
    reason: AccountReason
    /** Bonded enough, nothing pending, yet its nomination is older than `staleAfterEras` (or there is none). */
    stale: boolean
    lastNominationEra: number | null
}

export type RoundGate =
    | {kind: 'start'; due: string[]}
    | {kind: 'disabled'}
    | {kind: 'scorerPending'; era: number}
    | {kind: 'noValidCandidates'; era: number}
    | {kind: 'roundAlreadyRecorded'; era: number}
    | {kind: 'tooManyPendingAnnouncements'; pending: number; max: number}
    | {kind: 'noAccountDue'}

export interface TriggerDecision {
    gate: RoundGate
    accounts: AccountStatus[]
}

export function decideRound(input: TriggerInput): TriggerDecision {
    const {policy, currentEra} = input
    const accounts = input.accounts.map(a => accountStatus(a, currentEra, policy))
    const pending = input.accounts.reduce((n, a) => n + a.pendingAnnouncements, 0)
    const due = accounts.filter(a => a.state === 'readyToNominate').map(a => a.stash)
    let gate: RoundGate
    if (!policy.enabled && !policy.dryRun) gate = {kind: 'disabled'}
    else if (input.lastRoundEra !== null && input.lastRoundEra >= currentEra) gate = {kind: 'roundAlreadyRecorded', era: input.lastRoundEra}
    else if (input.validCandidates === null) gate = {kind: 'scorerPending', era: currentEra}
    // Nothing to nominate: no round is recorded, so the era's round starts if the scorer's pass is redone.
    else if (input.validCandidates === 0) gate = {kind: 'noValidCandidates', era: currentEra}
    else if (pending >= policy.maxPendingAnnouncements)
        gate = {kind: 'tooManyPendingAnnouncements', pending, max: policy.maxPendingAnnouncements}
    else if (due.length === 0) gate = {kind: 'noAccountDue'}
    else gate = {kind: 'start', due}
    return {gate, accounts}
}

export function accountStatus(a: AccountChainState, currentEra: number, policy: TriggerPolicy): AccountStatus {
    const status = (state: AccountState, reason: AccountReason, stale = false): AccountStatus => ({
        name: a.name,
        stash: a.stash,
        state,
        reason,
        stale,
        lastNominationEra: a.submittedIn,
    })
    if (a.bondedPlanck === null || a.bondedPlanck === 0n) return status('notNominating', {kind: 'notBonded'})
    if (a.bondedPlanck < policy.minBondedPlanck)
        return status('notNominating', {kind: 'belowMinBond', bondedPlanck: a.bondedPlanck, minPlanck: policy.minBondedPlanck})
    if (a.pendingAnnouncements > 0) return status('awaitingProxyExecution', {kind: 'announcementPending', count: a.pendingAnnouncements})
    const ageEras = a.submittedIn === null ? null : currentEra - a.submittedIn
    const stale = ageEras === null || ageEras > policy.staleAfterEras
    // A dry run signs nothing, so the signer's balance for fees does not matter.
    if (!policy.dryRun && a.signerFreePlanck < policy.minSignerFreePlanck) {
        return status(
            'notNominating',
            {kind: 'signerUnfunded', freePlanck: a.signerFreePlanck, minPlanck: policy.minSignerFreePlanck},
            stale,
        )
    }
    if (a.submittedIn !== null && ageEras! < policy.roundEveryEras) {
        return status('nominated', {kind: 'nominatedRecently', submittedIn: a.submittedIn, dueEra: a.submittedIn + policy.roundEveryEras})
    }
    return status('readyToNominate', {kind: 'due', submittedIn: a.submittedIn}, stale)
}

export function gateText(gate: RoundGate): string {
    switch (gate.kind) {
        case 'start':
            return `round starts for ${gate.due.length} account(s)`
        case 'disabled':
            return 'nominating is disabled (nominator.enabled is false and dryRun is off)'
        case 'scorerPending':
            return `waiting for the scorer's pass for era ${gate.era}`
        case 'noValidCandidates':
            return `the scorer's pass for era ${gate.era} has no valid candidate: nothing to nominate`
        case 'roundAlreadyRecorded':
            return `a round is already recorded for era ${gate.era}`
        case 'tooManyPendingAnnouncements':
            return `${gate.pending} announcements pending, at most ${gate.max} (nominator.maxPendingAnnouncements): no new round`
        case 'noAccountDue':
            return 'no account is due'
    }
}

export function accountReasonText(reason: AccountReason): string {
    switch (reason.kind) {
        case 'notBonded':
            return 'not bonded'
        case 'belowMinBond':
            return `bonded ${reason.bondedPlanck} planck, below nominator.minBondedPlanck ${reason.minPlanck}`
        case 'signerUnfunded':
            return `signer has ${reason.freePlanck} planck free, below nominator.minSignerFreePlanck ${reason.minPlanck}`
        case 'announcementPending':
            return `${reason.count} announcement(s) pending execution`
        case 'nominatedRecently':
            return `nominated in era ${reason.submittedIn}, due again in era ${reason.dueEra}`
        case 'due':
            return reason.submittedIn === null ? 'no nomination on chain' : `last nominated in era ${reason.submittedIn}`
    }
}
