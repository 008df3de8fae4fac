/**
 * Blocked: the validator accepts nominations from anyone (its prefs do not block external nominators),
 * or the programme could not nominate it.
 */
import {checkResult, cite, unusableChainFact, type CheckResult, type Evidence} from '../check-result'
import type {CandidateFacts} from '../facts'

export interface BlockedThresholds {
    maxSquidLagBlocks: number
}

export function blocked(facts: CandidateFacts, t: BlockedThresholds): CheckResult {
    const f = facts.prefs
    const unusable = unusableChainFact('blocked', f, facts.pass, t.maxSquidLagBlocks, 'validator preferences', 'ValidatorPreference', false)
    if (unusable || !f) return unusable!
    const {value, ...at} = f
    if (value === null) return checkResult('blocked', 'unknown', {...at, code: 'no_prefs', observed: null, threshold: false}, render)
    return checkResult(
        'blocked',
        value.blocked ? 'invalid' : 'valid',
        {...at, code: value.blocked ? 'blocked' : 'open', observed: value.blocked, threshold: false},
        render,
    )
}

function render(e: Evidence): string {
    switch (e.code) {
        case 'no_prefs':
            return `unknown: the stash has never set validator preferences ${cite(e)}`
        case 'blocked':
            return `blocks nominations from other accounts, so the programme cannot nominate it ${cite(e)}`
        default:
            return `accepts nominations from anyone ${cite(e)}`
    }
}
