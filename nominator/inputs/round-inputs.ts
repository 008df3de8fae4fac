/**
 * The seam between the nominator and the scorer: a round's valid candidates with their scores, and each
 * target's validity when an announcement is about to execute. The scorer's tables are not on main yet, so the
 * service's source (`ScorerTablesPending`) has no scores: rounds wait with the status "waiting for the scorer's
 * pass", and announcements wait with their validity unknown (never executed unchecked). When the scorer stores
 * its verdicts and scores, an adapter reading them implements this interface; nothing else changes.
 */
import type {Candidate} from '../selection/select'
import type {TargetValidity} from '../round/announcement'
import type {ChainSnapshot} from '../chain/round-chain-state'

export interface ScorerPass {
    era: number
    /** The candidates valid in this pass, with their score totals (the scorer's randomness included). */
    candidates: Candidate[]
    /** The seed of the pass's random boost, when the scorer records one. */
    seed: string | null
}

export interface RoundInputSource {
    /** The scorer's finished pass of `era`; null while there is none. */
    scorerPass(era: number, chain: ChainSnapshot): Promise<ScorerPass | null>
    /** Each stash's validity now (every check of the scorer); a stash it does not know is 'invalid'. */
    targetValidity(stashes: readonly string[]): Promise<Map<string, TargetValidity>>
}

/** The service's source until the scorer stores scores: no pass, validity unknown. */
export class ScorerTablesPending implements RoundInputSource {
    async scorerPass(): Promise<ScorerPass | null> {
        return null
    }

    async targetValidity(stashes: readonly string[]): Promise<Map<string, TargetValidity>> {
        return new Map(stashes.map(s => [s, 'unknown' as const]))
    }
}
