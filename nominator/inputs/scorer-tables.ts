/**
 * The round inputs from the scorer's tables. The round of era E ranks by the scores of era E − 1, the era that
 * ended as E became active: its pass is finished once the scorer has written that era's ScoreMetadata (the
 * scores, ranks and faults of an era are written in one transaction, after the validity pass that saw the era
 * complete). Until then there is no pass and the round waits. Candidates are those scored in that era and still
 * valid now (a candidate that turned invalid or left the list since is not nominated).
 */
import type pg from 'pg'
import {decodeAddress, encodeAddress} from '@polkadot/util-crypto'
import {u8aToHex} from '@polkadot/util'
import type {ChainSnapshot} from '../chain/round-chain-state'
import type {TargetValidity} from '../round/announcement'
import type {RoundInputSource, ScorerPass} from './round-inputs'

const NANOPOINTS_PER_POINT = 1e9

/** The era whose scores a round of `roundEra` ranks by. */
function scoredEraOfRound(roundEra: number): number {
    return roundEra - 1
}

export class ScorerTables implements RoundInputSource {
    constructor(
        private readonly db: pg.Pool,
        private readonly ss58Prefix: number,
    ) {}

    async scorerPass(era: number, chain: ChainSnapshot): Promise<ScorerPass | null> {
        const scored = scoredEraOfRound(era)
        const meta = (await this.db.query('SELECT randomness_salt FROM score_metadata WHERE era = $1', [scored])).rows[0]
        if (!meta) return null
        // Provider and country of the node last seen under the stash, as the scorer's location components read it.
        const rows: {
            id: string
            name: string
            total_nanopoints: string
            identity_root: string | null
            provider: string | null
            country: string | null
        }[] = (
            await this.db.query(
                `SELECT c.id, c.name, s.total_nanopoints, c.identity_root, loc.provider, loc.country
                 FROM score_snapshot s JOIN candidate c ON c.id = s.stash
                 LEFT JOIN LATERAL (
                   SELECT l.provider, l.country FROM telemetry_node t LEFT JOIN telemetry_node_location l ON l.node_id = t.id
                   WHERE t.candidate_stash = c.stash ORDER BY t.last_seen_at DESC, t.id LIMIT 1) loc ON true
                 WHERE s.era = $1 AND c.verdict = 'valid' AND c.removed_at IS NULL
                 ORDER BY c.id`,
                [scored],
            )
        ).rows
        const candidates = rows.map(r => {
            const stash = encodeAddress(r.id, this.ss58Prefix)
            const exposure = chain.electedExposureByStash.get(stash)
            return {
                stash,
                scoreTotal: Number(r.total_nanopoints) / NANOPOINTS_PER_POINT,
                identityGroup: r.identity_root,
                provider: r.provider,
                country: r.country,
                elected: exposure !== undefined,
                exposureTotalPlanck: exposure ?? 0n,
            }
        })
        // Each stash's boost seed is sha256("<seed>:<stash hex>") (scorer/score/random-boost.ts).
        const names = new Map(rows.map((r, i) => [candidates[i].stash, r.name]))
        return {era, candidates, seed: `${scored}:${meta.randomness_salt}`, names}
    }

    async targetValidity(stashes: readonly string[]): Promise<Map<string, TargetValidity>> {
        const hexOf = new Map<string, string | null>(stashes.map(s => [s, publicKeyHex(s)]))
        const ids = [...hexOf.values()].filter(h => h !== null)
        const rows: {id: string; verdict: TargetValidity | null}[] = (
            await this.db.query('SELECT id, verdict FROM candidate WHERE id = ANY($1) AND removed_at IS NULL', [ids])
        ).rows
        const verdicts = new Map(rows.map(r => [r.id, r.verdict ?? 'unknown']))
        // Not a current candidate (never listed, removed, not an address): no longer one to nominate.
        return new Map(stashes.map(s => [s, verdicts.get(hexOf.get(s) ?? '') ?? 'invalid']))
    }
}

function publicKeyHex(address: string): string | null {
    try {
        return u8aToHex(decodeAddress(address))
    } catch {
        return null
    }
}
