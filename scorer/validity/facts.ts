/**
 * Everything the validity checks read about one candidate, as plain data that one adapter fills for all
 * checks at once; every fact says where it was read and as of which block, era or time, so a result can
 * cite it. A fact left undefined was not read (missing data: the check says unknown, never invalid).
 */
import type {ChainLayer} from '../../squid/chain-layer'
import type {Candidate} from '../candidates/candidate'

/** Where a fact was read and as of when: what evidence cites. */
export interface FactSource {
    /** The table or feed it came from, e.g. `ValidatorPreference`, `TelemetryNodeInterval`, `kusama /candidate`. */
    source: string
    /** Chain layer of a chain fact: it is as fresh as that layer's squid. */
    layer?: ChainLayer
    block?: number
    era?: number
    /** When it was read or true, ms since the epoch. */
    atMs?: number
}

export type Fact<T> = FactSource & {value: T}

/** How far a chain layer's squid has indexed (`squidProgress`). */
export interface SquidProgress {
    indexedBlock: number
    /** The chain's finalized head as its processor last recorded it (ChainHead), or its hot blocks' when it recorded none. */
    headBlock: number
    /** Set when the head record is older than allowed: the processor may have stopped, how far behind it is is not known. */
    staleHead?: {seenMs: number; ageMs: number; maxAgeMs: number}
}

/** The telemetry feed connection of the network's chain (FeedConnectionInterval). */
export interface FeedFacts {
    connected: boolean
    /** Start of the current connection; null while disconnected. */
    connectedSinceMs: number | null
    /** Last time the follower confirmed the connection alive (after a crash, the end of the last one). */
    aliveUntilMs: number
    /** Start of the first recorded connection: nothing about nodes is known before it. */
    firstConnectedMs: number
}

/** What is the same for every candidate of a pass. */
export interface PassFacts {
    nowMs: number
    /** Progress per chain layer; a layer absent here makes its facts unknown. */
    squid: Partial<Record<ChainLayer, SquidProgress>>
    /** The telemetry feed; undefined when no connection was ever recorded. */
    feed?: FeedFacts
    /** The newest client release, where one is recorded (config `forcedVersion` takes precedence). */
    latestRelease?: Fact<{version: string; publishedAtMs: number}>
}

/** The telemetry node matched to the candidate (TelemetryNode). */
export interface TelemetryNodeFacts {
    name: string
    implementation: string | null
    version: string | null
    online: boolean
    /** Start of the current offline interval; null while online. */
    offlineSinceMs: number | null
    firstSeenMs: number
    lastSeenMs: number
}

/** Online, offline and unknown time over the rolling window (telemetry/uptime.ts). */
export interface UptimeFacts {
    windowStartMs: number
    windowEndMs: number
    onlineMs: number
    offlineMs: number
    /** Feed down, or the node not yet seen: never counted as offline. */
    unknownMs: number
}

/** Where the node's IP is (TelemetryNodeLocation). */
export interface LocationFacts {
    ip: string
    country: string | null
    region: string | null
    provider: string | null
}

/** The identity that counts for the stash: its own, or its parent's when it is a sub-identity. */
export interface IdentityFacts {
    accountHex: string
    display: string | null
    /** Set when the stash is a sub-identity: the parent whose judgements count. */
    parent: {accountHex: string; display: string | null} | null
    subName: string | null
    /** Judgements of the identity that counts (the parent's for a sub-identity). */
    judgements: string[]
}

/** The candidates that share the stash's identity root (Identity.root; a stash without identity is its own root). */
export interface IdentityGroupFacts {
    rootHex: string
    rootDisplay: string | null
    /** Programme candidates in the group, the candidate itself included. */
    candidateNames: string[]
}

export interface SlashFacts {
    /** Slash events of the stash (Slash table). */
    slashes: {era: number; amountPlanck: bigint; block: number}[]
    /** Offences naming the stash with a slash fraction above zero (Offence table): slashes still to come. */
    offences: {era: number; slashFractionPerbill: number; block: number}[]
}

/** The Kusama instance's answer for the candidate's Kusama stash. */
export type KusamaRankFacts = {rank: number; valid: boolean | null} | {error: string}

export interface CandidateFacts {
    candidate: Pick<Candidate, 'name' | 'stash' | 'stashPublicKeyHex' | 'kusamaStash' | 'skipSelfStake'>
    pass: PassFacts
    /** null: no telemetry node was ever matched to the candidate. */
    node?: Fact<TelemetryNodeFacts | null>
    uptime?: Fact<UptimeFacts>
    /** null: the node has no location (no IP exposed, or a private one). */
    location?: Fact<LocationFacts | null>
    /** In `Staking.Validators` at the fact's block. */
    validateIntention?: Fact<boolean>
    /** The prefs in force; null: the stash never set any. */
    prefs?: Fact<{commissionPerbill: number; blocked: boolean} | null>
    /** The stash's ledger; null: not bonded. */
    selfStake?: Fact<{activePlanck: bigint} | null>
    /** Session keys for the fact's era; null: the stash registered none. */
    sessionKeys?: Fact<{beefyHex: string | null} | null>
    /** null: no identity and no parent. */
    identity?: Fact<IdentityFacts | null>
    identityGroup?: Fact<IdentityGroupFacts>
    /** Eras (up to the fact's era, the active one) with an exposure page of the stash still unpaid. */
    unclaimedEras?: Fact<number[]>
    /** Slashes and offences from the fact's era back (the fact's era is the active one). */
    slashes?: Fact<SlashFacts>
    /** Undefined when the candidate has no Kusama stash or nobody asked. */
    kusamaRank?: Fact<KusamaRankFacts>
}
