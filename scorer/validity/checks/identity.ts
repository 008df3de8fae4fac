/**
 * Identity: the stash has an on-chain identity, its own or its parent's when it is a sub-identity, and
 * (when the programme requires it) a registrar judged it Reasonable or KnownGood; a sub-identity
 * inherits its parent's judgements.
 */
import {checkResult, cite, unusableChainFact, type CheckResult, type Evidence} from '../check-result'
import type {CandidateFacts} from '../facts'

export interface IdentityThresholds {
    requireVerified: boolean
    maxSquidLagBlocks: number
}

export const VERIFYING_JUDGEMENTS = ['Reasonable', 'KnownGood']

export function identity(facts: CandidateFacts, t: IdentityThresholds): CheckResult {
    const threshold = {requireVerified: t.requireVerified, judgements: VERIFYING_JUDGEMENTS}
    const f = facts.identity
    const unusable = unusableChainFact('identity', f, facts.pass, t.maxSquidLagBlocks, 'identity', 'Identity', threshold)
    if (unusable || !f) return unusable!
    const {value, ...at} = f
    if (value === null) return checkResult('identity', 'invalid', {...at, code: 'no_identity', observed: null, threshold}, render)
    const verified = value.judgements.some(j => VERIFYING_JUDGEMENTS.includes(j))
    const observed = {
        display: value.parent ? value.parent.display : value.display,
        subName: value.subName,
        viaParent: value.parent !== null,
        judgements: value.judgements,
        verified,
    }
    if (t.requireVerified && !verified)
        return checkResult('identity', 'invalid', {...at, code: 'not_verified', observed, threshold}, render)
    return checkResult('identity', 'valid', {...at, code: verified ? 'verified' : 'set', observed, threshold}, render)
}

function render(e: Evidence): string {
    const o = e.observed as {display: string | null; subName: string | null; viaParent: boolean; judgements: string[]}
    const name = o ? `"${o.display ?? '(no display name)'}${o.subName ? '/' + o.subName : ''}"` : ''
    const via = o?.viaParent ? " (a sub-identity: its parent's judgements count)" : ''
    switch (e.code) {
        case 'no_identity':
            return `has no on-chain identity set ${cite(e)}`
        case 'not_verified':
            return `identity ${name}${via} has no Reasonable or KnownGood judgement from a registrar${o.judgements.length ? ` (it has ${o.judgements.join(', ')})` : ''} ${cite(e)}`
        case 'verified':
            return `identity ${name}${via} is verified by a registrar ${cite(e)}`
        default:
            return `identity ${name}${via} is set ${cite(e)}`
    }
}
