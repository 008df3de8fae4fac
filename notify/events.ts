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
    /** The blake2-256 hash of the round's input snapshot, which its batches carry in their remark. */
    inputHash: string
    dryRun: boolean
    accounts: AccountTargets[]
}

/** A round's nominations are in a finalized block. */
export interface RoundLanded {
    kind: 'roundLanded'
    era: number
    inputHash: string
    /** The latest block of the round's landed nominations (each account's batch lands in its own). */
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

/**
 * Many verdicts turned in one pass (a squid catching up, a rule changed): one message instead of one per
 * candidate, which the rate limit would spread over minutes.
 */
export interface ValidityChanges {
    kind: 'validityChanges'
    turnedInvalid: Omit<CandidateInvalid, 'kind'>[]
    turnedValid: CandidateRef[]
}

/** A delayed proxy's announced call ran (`proxyAnnounced`). */
export interface AnnouncementExecuted {
    kind: 'announcementExecuted'
    account: string
    callHash: string
    /** Undefined when another transaction than ours executed it (anyone may call `proxyAnnounced`). */
    blockNumber?: number
}

/** An announcement was removed before it ran (too old, blacklisted call hash, superseded). */
export interface AnnouncementCancelled {
    kind: 'announcementCancelled'
    account: string
    callHash: string
    reason: string
}

/**
 * The nominator could not complete a step: a call of an account's batch failed (the decoded module error),
 * a batch was never included, or a whole check failed (no account).
 */
export interface NominatorFailed {
    kind: 'nominatorFailed'
    account?: string
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
    | ValidityChanges
    | AnnouncementExecuted
    | AnnouncementCancelled
    | NominatorFailed
    | SquidStalled
