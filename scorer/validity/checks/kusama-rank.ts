/**
 * Kusama rank (Polkadot candidates): the candidate's Kusama stash holds at least the programme's rank in
 * the Kusama programme (1KV: 100), as the Kusama instance's `/candidate/:stash` answers. No answer, an HTTP
 * error or an old answer is unknown, never a silent valid; a candidate with no Kusama stash listed is invalid.
 */
import {checkResult, cite, missing, type CheckResult, type Evidence} from '../check-result'
import type {CandidateFacts} from '../facts'
import {formatDuration, formatInt} from '../wording'

export interface KusamaRankThresholds {
    minRank: number
    maxAgeMs: number
}

export function kusamaRank(facts: CandidateFacts, t: KusamaRankThresholds): CheckResult {
    const threshold = {minRank: t.minRank}
    const kusamaStash = facts.candidate.kusamaStash
    if (kusamaStash === null)
        return checkResult('kusamaRank', 'invalid', {source: 'candidate list', code: 'no_kusama_stash', observed: null, threshold}, render)
    const f = facts.kusamaRank
    if (!f) return missing('kusamaRank', 'Kusama programme answer', 'Kusama /candidate', threshold)
    const {value, ...at} = f
    const ageMs = at.atMs === undefined ? null : facts.pass.nowMs - at.atMs
    if (ageMs === null || ageMs > t.maxAgeMs)
        return checkResult(
            'kusamaRank',
            'unknown',
            {...at, code: 'outdated', observed: {kusamaStash, ageMs}, threshold: {...threshold, maxAgeMs: t.maxAgeMs}},
            render,
        )
    if ('error' in value)
        return checkResult('kusamaRank', 'unknown', {...at, code: 'error', observed: {kusamaStash, error: value.error}, threshold}, render)
    const observed = {kusamaStash, rank: value.rank, kusamaValid: value.valid}
    if (value.valid === false) return checkResult('kusamaRank', 'invalid', {...at, code: 'kusama_invalid', observed, threshold}, render)
    const low = value.rank < t.minRank
    return checkResult('kusamaRank', low ? 'invalid' : 'valid', {...at, code: low ? 'below_min' : 'enough', observed, threshold}, render)
}

function render(e: Evidence): string {
    const o = e.observed as {kusamaStash: string; rank: number; error: string; ageMs: number | null}
    const t = e.threshold as {minRank: number; maxAgeMs: number}
    switch (e.code) {
        case 'no_kusama_stash':
            return `no Kusama stash is listed for it; the programme needs a Kusama rank of at least ${formatInt(t.minRank)}`
        case 'outdated':
            return o.ageMs === null
                ? `unknown: the Kusama programme's answer for ${o.kusamaStash} has no time`
                : `unknown: the Kusama programme's answer for ${o.kusamaStash} is ${formatDuration(o.ageMs)} old (limit ${formatDuration(t.maxAgeMs)}) ${cite(e)}`
        case 'error':
            return `unknown: the Kusama programme could not be asked about ${o.kusamaStash}: ${o.error} ${cite(e)}`
        case 'kusama_invalid':
            return `its Kusama node ${o.kusamaStash} is invalid in the Kusama programme ${cite(e)}`
        case 'below_min':
            return `its Kusama node ${o.kusamaStash} has rank ${formatInt(o.rank)}, below the programme's ${formatInt(t.minRank)} ${cite(e)}`
        default:
            return `its Kusama node ${o.kusamaStash} has rank ${formatInt(o.rank)}, at least the programme's ${formatInt(t.minRank)} ${cite(e)}`
    }
}
