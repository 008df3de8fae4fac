/**
 * What the backend announces to the programme's staff: each event is plain data, the sentence for
 * people is rendered from it (`render.ts`), and the webhook target also sends it as it is.
 */

/** A candidate as messages name it: its stash, and its name from the candidate list when known. */
export interface CandidateRef {
    stash: string
    name?: string
}

/** One nominator account's targets in a round. */
export interface AccountTargets {
    /** The account's name in config (`nominator.accounts[].name`). */
    account: string
    /** The nominating (bonded) address. */
    address: string
    targets: CandidateRef[]
}

/** The nominator chose a round's targets (submitted next, or only recorded in a dry run). */
export interface RoundDecided {
    kind: 'roundDecided'
    era: number
    dryRun: boolean
    accounts: AccountTargets[]
}

/** A round's nominations are in a finalized block. */
export interface RoundLanded {
    kind: 'roundLanded'
    era: number
    blockNumber: number
    accounts: AccountTargets[]
}

/** A candidate's verdict turned invalid; each failing check with the sentence it gave. */
export interface CandidateInvalid {
    kind: 'candidateInvalid'
    candidate: CandidateRef
    checks: {check: string; sentence: string}[]
}

/** A candidate's verdict turned valid again. */
export interface CandidateValid {
    kind: 'candidateValid'
    candidate: CandidateRef
}

/** A delayed proxy's announced call ran (`proxyAnnounced`). */
export interface AnnouncementExecuted {
    kind: 'announcementExecuted'
    account: string
    callHash: string
    blockNumber: number
}

/** An announcement was removed before it ran (too old, blacklisted call hash, superseded). */
export interface AnnouncementCancelled {
    kind: 'announcementCancelled'
    account: string
    callHash: string
    reason: string
}

/** The nominator could not complete a step for an account (submission refused, signer short of funds, …). */
export interface NominatorFailed {
    kind: 'nominatorFailed'
    account: string
    era?: number
    error: string
}

/** A chain processor's indexed height stood still while finalized blocks waited; it exits to be restarted. */
export interface SquidStalled {
    kind: 'squidStalled'
    chain: string
    indexedHeight: number
    finalizedHeight: number
    waitedMs: number
    /** The processor's statement that waits for a lock, and what holds it, when one does. */
    blockingQuery?: string
}

export type NotifyEvent =
    | RoundDecided
    | RoundLanded
    | CandidateInvalid
    | CandidateValid
    | AnnouncementExecuted
    | AnnouncementCancelled
    | NominatorFailed
    | SquidStalled
