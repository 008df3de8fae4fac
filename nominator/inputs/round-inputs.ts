/**
 * The seam between the nominator and the scorer: a round's valid candidates with their scores, and each
 * target's validity when an announcement is about to execute. The service reads them from the scorer's tables
 * (`scorer-tables.ts`); tests may stand in for the scorer (test/vitest/devnet-round-inputs.ts).
 */
import type {Candidate} from '../selection/select'
import type {TargetValidity} from '../round/announcement'
import type {ChainSnapshot} from '../chain/round-chain-state'

export interface ScorerPass {
    /** The era of the round it is for. */
    era: number
    /** The candidates valid in this pass, with their score totals (the scorer's randomness included). */
    candidates: Candidate[]
    /** The seed of the pass's random boost, when the scorer records one. */
    seed: string | null
    /** The candidates' names by stash, for the messages people read (not part of the round's input). */
    names?: ReadonlyMap<string, string>
}

export interface RoundInputSource {
    /** The scorer's finished pass that the round of `era` ranks by; null while there is none. */
    scorerPass(era: number, chain: ChainSnapshot): Promise<ScorerPass | null>
    /** Each stash's validity now (every check of the scorer); a stash it does not know is 'invalid'. */
    targetValidity(stashes: readonly string[]): Promise<Map<string, TargetValidity>>
}
