/**
 * Commission: the validator's commission in force is at most the programme's maximum (1KV: Kusama 15 %,
 * Polkadot 5 %).
 */
import {checkResult, cite, unusableChainFact, type CheckResult, type Evidence} from '../check-result'
import type {CandidateFacts} from '../facts'
import {formatPerbill} from '../wording'

export interface CommissionThresholds {
    maxPerbill: number
    maxSquidLagBlocks: number
}

export function commission(facts: CandidateFacts, t: CommissionThresholds): CheckResult {
    const threshold = {maxPerbill: t.maxPerbill}
    const f = facts.prefs
    const unusable = unusableChainFact(
        'commission',
        f,
        facts.pass,
        t.maxSquidLagBlocks,
        'validator preferences',
        'ValidatorPreference',
        threshold,
    )
    if (unusable || !f) return unusable!
    const {value, ...at} = f
    if (value === null) return checkResult('commission', 'unknown', {...at, code: 'no_prefs', observed: null, threshold}, render)
    const over = value.commissionPerbill > t.maxPerbill
    return checkResult(
        'commission',
        over ? 'invalid' : 'valid',
        {...at, code: over ? 'above_max' : 'within_max', observed: {commissionPerbill: value.commissionPerbill}, threshold},
        render,
    )
}

function render(e: Evidence): string {
    const max = formatPerbill((e.threshold as {maxPerbill: number}).maxPerbill)
    if (e.code === 'no_prefs') return `unknown: the stash has never set validator preferences ${cite(e)}`
    const set = formatPerbill((e.observed as {commissionPerbill: number}).commissionPerbill)
    return e.code === 'above_max'
        ? `commission ${set} is above the programme's ${max} ${cite(e)}`
        : `commission ${set} is within the programme's ${max} ${cite(e)}`
}
