/**
 * Self-stake: the stash's own active bond (Ledger.active) is at least the programme's minimum (1KV: 10 KSM,
 * 5,000 DOT), unless the programme waived it for the candidate (`skipSelfStake`).
 */
import {checkResult, cite, unusableChainFact, type CheckResult, type Evidence} from '../check-result'
import type {CandidateFacts} from '../facts'
import {formatPlanck, type Token} from '../wording'

export interface SelfStakeThresholds {
    minPlanck: bigint
    token: Token
    maxSquidLagBlocks: number
}

export function selfStake(facts: CandidateFacts, t: SelfStakeThresholds): CheckResult {
    const threshold = {minPlanck: t.minPlanck.toString(), symbol: t.token.symbol, decimals: t.token.decimals}
    if (facts.candidate.skipSelfStake)
        return checkResult('selfStake', 'valid', {source: 'candidate list', code: 'exempt', observed: null, threshold}, render)
    const f = facts.selfStake
    const unusable = unusableChainFact('selfStake', f, facts.pass, t.maxSquidLagBlocks, 'staking ledger', 'Staking.Ledger', threshold)
    if (unusable || !f) return unusable!
    const {value, ...at} = f
    if (value === null) return checkResult('selfStake', 'invalid', {...at, code: 'not_bonded', observed: null, threshold}, render)
    const below = value.activePlanck < t.minPlanck
    return checkResult(
        'selfStake',
        below ? 'invalid' : 'valid',
        {...at, code: below ? 'below_min' : 'enough', observed: {activePlanck: value.activePlanck.toString()}, threshold},
        render,
    )
}

function render(e: Evidence): string {
    const t = e.threshold as {minPlanck: string; symbol: string; decimals: number}
    const min = formatPlanck(BigInt(t.minPlanck), t)
    switch (e.code) {
        case 'exempt':
            return 'exempt from the self-stake rule by the candidate list (skipSelfStake)'
        case 'not_bonded':
            return `the stash is not bonded; the programme needs ${min} of its own ${cite(e)}`
        case 'below_min':
            return `self-stake ${formatPlanck(BigInt((e.observed as {activePlanck: string}).activePlanck), t)} is below the programme's ${min} ${cite(e)}`
        default:
            return `self-stake ${formatPlanck(BigInt((e.observed as {activePlanck: string}).activePlanck), t)} is at least the programme's ${min} ${cite(e)}`
    }
}
