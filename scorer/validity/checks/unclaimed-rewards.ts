/**
 * Unclaimed rewards: no era's payout of the stash (any exposure page) is left unclaimed for more than the
 * programme's number of eras (1KV: Kusama 4, Polkadot 1; an era e is overdue when activeEra − e > maxEras).
 */
import {checkResult, cite, unusableChainFact, type CheckResult, type Evidence} from '../check-result'
import type {CandidateFacts} from '../facts'
import {formatInt} from '../wording'

export interface UnclaimedRewardsThresholds {
    maxEras: number
    maxSquidLagBlocks: number
}

export function unclaimedRewards(facts: CandidateFacts, t: UnclaimedRewardsThresholds): CheckResult {
    const threshold = {maxEras: t.maxEras}
    const f = facts.unclaimedEras
    const unusable = unusableChainFact('unclaimedRewards', f, facts.pass, t.maxSquidLagBlocks, 'payouts', 'Payout', threshold)
    if (unusable || !f) return unusable!
    if (f.era === undefined) return unusableChainFact('unclaimedRewards', undefined, facts.pass, 0, 'active era', 'Era', threshold)!
    const {value, ...at} = f
    const activeEra = f.era
    const overdue = value.filter(e => activeEra - e > t.maxEras).sort((a, b) => a - b)
    const observed = {activeEra, overdueEras: overdue, unclaimedEras: [...value].sort((a, b) => a - b)}
    return checkResult(
        'unclaimedRewards',
        overdue.length ? 'invalid' : 'valid',
        {...at, code: overdue.length ? 'overdue' : 'claimed', observed, threshold},
        render,
    )
}

function render(e: Evidence): string {
    const o = e.observed as {activeEra: number; overdueEras: number[]; unclaimedEras: number[]}
    const maxEras = (e.threshold as {maxEras: number}).maxEras
    const list = (eras: number[]) => eras.map(formatInt).join(', ')
    if (e.code === 'overdue')
        return `payouts of era${o.overdueEras.length > 1 ? 's' : ''} ${list(o.overdueEras)} are unclaimed more than the programme's ${maxEras} era${maxEras === 1 ? '' : 's'} later ${cite(e)}`
    return o.unclaimedEras.length
        ? `payouts of era${o.unclaimedEras.length > 1 ? 's' : ''} ${list(o.unclaimedEras)} are unclaimed, within the programme's ${maxEras} era${maxEras === 1 ? '' : 's'} ${cite(e)}`
        : `no unclaimed payouts ${cite(e)}`
}
