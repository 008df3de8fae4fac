/**
 * What the scoring pass needs to know about an era and its valid candidates: the seam between the
 * Postgres adapter (which fills these from the squid's, the telemetry's and validity's tables) and the
 * pure scoring in score.ts.
 */
import type {ScoreWeights} from './components'

export interface ScoreInputs {
    /** The era scored: windows end with it (inclusive). */
    era: number
    /** Config `score`. */
    weights: ScoreWeights
    inclusionEras: number
    spanInclusionEras: number
    randomnessMaxPerbill: number
    /**
     * Recorded with the scores; the random boost is drawn from (era, salt, stash). A value nobody knows
     * before the era, such as the hash of the era's first block, keeps the boost from being gamed.
     */
    randomnessSalt: string
    /** Config `token.decimals`: nominator stake is counted in √tokens. */
    tokenDecimals: number
    /** Config `validity.provider.blacklisted`: the location family scores 0 on these providers. */
    bannedProviders: readonly string[]
    /** The programme's own nominator (bonded) accounts, 0x hex: left out of nominator stake. */
    programmeNominators: readonly string[]
    /** The era's valid candidates; the distributions are taken over exactly these. */
    candidates: readonly CandidateScoreInputs[]
}

export interface CandidateScoreInputs {
    /** 0x hex of the stash's public key. */
    stash: string
    /** Eras with era points > 0 (EraValidator.points), at least those within max(inclusionEras, spanInclusionEras) of the era. */
    erasWithPoints: readonly number[]
    /** The last era with era points > 0 up to the era scored; null if none. */
    lastEraWithPoints: number | null
    /** When the programme first saw the candidate's node (telemetry firstSeenAt). */
    discoveredAtMs: number
    /** From scorer/rank under the configured rule. */
    rank: number
    /** The stash's bonded active balance (EraValidator.selfStakePlanck; 0 when unknown). */
    selfStakePlanck: bigint
    /** Fault events counted over the fault window (scorer/faults countFaults). */
    faults: number
    /** Offline time over the validity window (telemetry uptime). */
    offlineMs: number
    /** The node's latest location; null when it has none. */
    location: CandidateLocation | null
    /** Every account nominating the stash in the era (active or not) with its bond (NominatorTargets, NominatorBond). */
    nominators: readonly NominatorBondInput[]
    /** Telemetry implementation name, e.g. "Parity Polkadot"; null when unknown. */
    implementation: string | null
}

export interface CandidateLocation {
    city: string | null
    region: string | null
    country: string | null
    provider: string | null
}

export interface NominatorBondInput {
    /** The nominator's account, 0x hex of its public key. */
    nominator: string
    bondedPlanck: bigint
}

/** Score inputs that cannot be right, naming the candidate. */
export class ScoreInputError extends Error {
    constructor(
        readonly stash: string,
        readonly reason: string,
    ) {
        super(`score inputs of ${stash}: ${reason}`)
    }
}
