/**
 * What changed between two loads of the candidate list, keyed by the stash's public key: the history the
 * registry keeps (a removed candidate is marked removed, never deleted).
 */
import type {Candidate} from './candidate'

export type CandidateField = Exclude<keyof Candidate, 'stashPublicKeyHex'>

export interface CandidateDiff {
    added: Candidate[]
    changed: {previous: Candidate; next: Candidate; fields: CandidateField[]}[]
    removed: Candidate[]
}

const FIELDS: CandidateField[] = [
    'slotId',
    'name',
    'stash',
    'kusamaStash',
    'kusamaStashPublicKeyHex',
    'riotHandles',
    'kyc',
    'skipSelfStake',
    'status',
]

export function diffCandidates(previous: readonly Candidate[], next: readonly Candidate[]): CandidateDiff {
    const before = new Map(previous.map(c => [c.stashPublicKeyHex, c]))
    const after = new Map(next.map(c => [c.stashPublicKeyHex, c]))
    const diff: CandidateDiff = {added: [], changed: [], removed: []}
    for (const c of next) {
        const p = before.get(c.stashPublicKeyHex)
        if (!p) {
            diff.added.push(c)
            continue
        }
        const fields = FIELDS.filter(f => JSON.stringify(p[f]) !== JSON.stringify(c[f]))
        if (fields.length > 0) diff.changed.push({previous: p, next: c, fields})
    }
    for (const c of previous) if (!after.has(c.stashPublicKeyHex)) diff.removed.push(c)
    return diff
}
