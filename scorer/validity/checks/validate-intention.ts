/**
 * Validate intention: the stash is in `Staking.Validators` (it has called `validate` and not chilled) at
 * the latest indexed block. Unlike 1KV, an empty or unreadable list is unknown, not valid.
 */
import {checkResult, cite, unusableChainFact, type CheckResult, type Evidence} from '../check-result'
import type {CandidateFacts} from '../facts'

export interface ValidateIntentionThresholds {
    maxSquidLagBlocks: number
}

export function validateIntention(facts: CandidateFacts, t: ValidateIntentionThresholds): CheckResult {
    const f = facts.validateIntention
    const unusable = unusableChainFact(
        'validateIntention',
        f,
        facts.pass,
        t.maxSquidLagBlocks,
        'validator list',
        'Staking.Validators',
        true,
    )
    if (unusable || !f) return unusable!
    const {value, ...at} = f
    return checkResult(
        'validateIntention',
        value ? 'valid' : 'invalid',
        {...at, code: value ? 'validating' : 'not_validating', observed: value, threshold: true},
        render,
    )
}

function render(e: Evidence): string {
    return e.code === 'validating'
        ? `intends to validate: the stash is in the validator list ${cite(e)}`
        : `does not intend to validate: the stash is not in the validator list (call staking.validate) ${cite(e)}`
}
