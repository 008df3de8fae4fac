/**
 * A candidate's stored score explained: the era's ScoreMetadata and the candidate's ScoreSnapshot read back
 * from Postgres, and the score recomputed from them alone (explain.ts).
 */
import {u8aToHex} from '@polkadot/util'
import {decodeAddress} from '@polkadot/util-crypto'
import {explainScore, type Explanation} from './explain'
import type {ScoreMetadata} from './score'
import {latestScoredEra, readStoredMetadata, readStoredScore, type RowQuery} from './score-store'

export interface StoredExplanation {
    explanation: Explanation
    metadata: ScoreMetadata
}

/** A stash as 0x hex or SS58 (any network) → the hex public key the rows are keyed by. */
export function stashKey(stash: string): string {
    if (/^0x[0-9a-fA-F]{64}$/.test(stash)) return stash.toLowerCase()
    try {
        const key = decodeAddress(stash)
        if (key.length === 32) return u8aToHex(key)
    } catch {}
    throw new RangeError(`stash: expected an SS58 address or a 0x-prefixed 32-byte public key, got ${JSON.stringify(stash)}`)
}

/** The explanation of the stash's score in `era` (default: its latest scored era); null when there is none. */
export async function explainStoredScore(em: RowQuery, stash: string, era?: number): Promise<StoredExplanation | null> {
    const key = stashKey(stash)
    const scoredEra = era ?? (await latestScoredEra(em, key))
    if (scoredEra === null) return null
    const [metadata, stored] = await Promise.all([readStoredMetadata(em, scoredEra), readStoredScore(em, scoredEra, key)])
    if (!metadata || !stored) return null
    return {explanation: explainScore(metadata, stored), metadata}
}
