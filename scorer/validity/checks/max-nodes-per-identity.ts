/**
 * Max nodes per identity: the candidates whose stashes share an identity root (the parent of
 * sub-identities) are at most the programme's number (1KV FAQ, enforced by hand: Kusama 2, Polkadot 1).
 */
import {checkResult, cite, unusableChainFact, type CheckResult, type Evidence} from '../check-result'
import type {CandidateFacts} from '../facts'

export interface MaxNodesPerIdentityThresholds {
    maxNodes: number
    maxSquidLagBlocks: number
}

export function maxNodesPerIdentity(facts: CandidateFacts, t: MaxNodesPerIdentityThresholds): CheckResult {
    const threshold = {maxNodes: t.maxNodes}
    const f = facts.identityGroup
    const unusable = unusableChainFact(
        'maxNodesPerIdentity',
        f,
        facts.pass,
        t.maxSquidLagBlocks,
        'identity group',
        'Identity.root',
        threshold,
    )
    if (unusable || !f) return unusable!
    const {value, ...at} = f
    const count = value.candidateNames.length
    const observed = {
        root: value.rootHex,
        rootDisplay: value.rootDisplay,
        candidateCount: count,
        candidateNames: [...value.candidateNames].sort(),
    }
    return checkResult(
        'maxNodesPerIdentity',
        count > t.maxNodes ? 'invalid' : 'valid',
        {...at, code: count > t.maxNodes ? 'too_many' : 'within_max', observed, threshold},
        render,
    )
}

function render(e: Evidence): string {
    const o = e.observed as {rootDisplay: string | null; root: string; candidateCount: number; candidateNames: string[]}
    const max = (e.threshold as {maxNodes: number}).maxNodes
    const who = o.rootDisplay ? `identity "${o.rootDisplay}"` : `account ${o.root}`
    return o.candidateCount > max
        ? `${who} has ${o.candidateCount} nodes in the programme (${o.candidateNames.join(', ')}), more than the programme's ${max} ${cite(e)}`
        : `${who} has ${o.candidateCount} node${o.candidateCount === 1 ? '' : 's'} in the programme, within the programme's ${max} ${cite(e)}`
}
