/**
 * The gateway's reads of the programme's tables: the scorer's (candidates, checks, scores, ranks, faults) and
 * the nominator's (rounds, nominations, announcements, extrinsics, status), joined with the squid's and the
 * telemetry follower's where a route needs them. SQL inline, rows out as plain objects keyed by account hex.
 */
import type pg from 'pg'
import type {ValidityCheckName} from '../config/schema'
import {readStoredMetadata, type RowQuery, scoreFromRow} from '../scorer/score/score-store'
import type {CandidateScore, ScoreMetadata} from '../scorer/score/score'
import {COMPONENT_NAMES, type ComponentName} from '../scorer/score/components'
import type {CheckStatus} from '../scorer/validity/check-result'
import {
    type AnnouncementRecord,
    announcementOf,
    type ExtrinsicRecord,
    type NominationRecord,
    nominationOf,
    type RoundRecord,
    type StatusRow,
} from '../nominator/store/nominator-store'
import type {CandidateDataInput} from './candidate-data'
import type {EraTimes} from './next-nomination'
import type {Page} from './chain-history-store'
import type {PageRequest} from './page'

export type CandidateFilter = 'all' | 'valid' | 'invalid'
export type CandidateOrder = 'total' | 'rank'

/** CandidateData's inputs as stored; identity addresses are account hexes (the route writes them as SS58). */
export type CandidateRecord = Omit<CandidateDataInput, 'tokenDecimals'> & {id: string}

export interface ScoreRecord {
    score: CandidateScore
    /** The era's end (ms): when the score became what it is. */
    updatedMs: number
    /** The era's last session; 0 when the sessions are not indexed. */
    session: number
}

export interface StoredMetadata {
    metadata: ScoreMetadata
    faultWindowEras: number
    rankRule: string
    updatedMs: number
    session: number
}

export interface CheckRow {
    check: ValidityCheckName
    status: CheckStatus
    sentence: string
    evidence: unknown
    sinceMs: number
    pending: {status: CheckStatus; count: number; sinceMs: number; sentence: string | null; evidence: unknown} | null
}

export interface ValidityRecord {
    verdict: CheckStatus | null
    verdictSinceMs: number | null
    verdictLastKnownAtMs: number | null
    verdictHeld: boolean | null
    invalidChecks: string[]
    unknownChecks: string[]
    checkedAtMs: number | null
    checks: CheckRow[]
}

export interface ValidityChangeRow {
    check: string
    fromStatus: CheckStatus | null
    toStatus: CheckStatus
    sentence: string
    evidence: unknown
    atMs: number
    runId: string
}

export interface FaultRow {
    id: string
    source: string
    sourceId: string
    stash: string
    identityGroup: string
    era: number | null
    session: number | null
    blockNumber: number | null
    timestampMs: number | null
    reason: string
    evidence: unknown
}

/** The nominator's status row as it stored it, with when it was written. */
export interface NominatorStatusRow extends StatusRow {
    checkedAtMs: number
    /** When the account's last nomination was done (ms), and its first round's creation; null without one. */
    lastNominationMs: number | null
    firstRoundMs: number | null
}

/** A nomination as the nominator recorded it, with its round's era. */
export interface NominationRow extends NominationRecord {
    era: number
    updatedMs: number
}

/** An announcement as the nominator recorded it, with how it ended. */
export interface AnnouncementRow extends AnnouncementRecord {
    executedTxHash: string | null
    executedBlock: number | null
    closedTxHash: string | null
    closedBlock: number | null
    updatedMs: number
}

export interface RoundRow extends Pick<RoundRecord, 'id' | 'era' | 'status' | 'dryRun' | 'inputHash' | 'policyHash' | 'seed'> {
    createdMs: number
    updatedMs: number
    nominations: number
}

export interface RoundDetail extends RoundRow {
    trigger: unknown
    inputSnapshot: string
    candidates: unknown
    targets: unknown
    plan: unknown
}

export interface ExtrinsicRow
    extends Pick<ExtrinsicRecord, 'txHash' | 'signer' | 'purpose' | 'nonce' | 'birthBlock' | 'mortalUntilBlock' | 'attempt' | 'status'> {
    call: unknown
    blockNumber: number | null
    blockHash: string | null
    error: string | null
    createdMs: number
    updatedMs: number
}

/** What the candidate list needs of the era windows (config score.inclusionEras, score.spanInclusionEras). */
export interface EraWindows {
    inclusionEras: number
    spanInclusionEras: number
}

const ms = (d: Date | null): number | null => (d === null ? null : d.getTime())
const big = (v: string | null): bigint | null => (v === null ? null : BigInt(v))

const CANDIDATE_FILTER: Record<CandidateFilter, string> = {
    all: '',
    valid: `AND c.verdict = 'valid'`,
    invalid: `AND c.verdict IS DISTINCT FROM 'valid'`,
}
/** A candidate's rank: its identity group's latest activeEras event (score.rankRule activeEras, the only rule scored). */
const RANK_OF_C = `SELECT r.rank FROM rank_event r WHERE r.identity_group = COALESCE(c.identity_root, c.id) AND r.rule = 'activeEras' ORDER BY r.era DESC LIMIT 1`
/** How a list is sorted: the latest score's total or the rank (each joined only when sorted by). */
const CANDIDATE_ORDER: Record<CandidateOrder, {join: string; order: string}> = {
    total: {
        join: 'LEFT JOIN LATERAL (SELECT s.total_nanopoints FROM score_snapshot s WHERE s.stash = c.id ORDER BY s.era DESC LIMIT 1) s ON true',
        order: 'COALESCE(s.total_nanopoints, 0) DESC, c.id',
    },
    rank: {join: `LEFT JOIN LATERAL (${RANK_OF_C}) r ON true`, order: 'COALESCE(r.rank, 0) DESC, c.id'},
}

/**
 * Per validator, the nominators whose targets in force name it but who do not back it in the latest era, and their
 * bond then. Set-based: the target edges are unnested once and grouped; each edge's bond and exposure are index
 * lookups ((nominator_id, era), (validator_id, era)).
 */
const INACTIVE_NOMINATIONS_SQL = `
    WITH latest AS (SELECT max(era) AS m FROM era_validator),
    edges AS (SELECT f.nominator_id, t.stash FROM nominator_targets f CROSS JOIN LATERAL unnest(f.targets) AS t(stash) WHERE f.latest)
    SELECT e.stash, count(*) AS n, sum(COALESCE(b.bonded_planck, 0)) AS stake FROM edges e
    LEFT JOIN nominator_bond b ON b.nominator_id = e.nominator_id AND b.era = (SELECT m FROM latest)
    WHERE NOT EXISTS (SELECT 1 FROM exposure x WHERE x.era = (SELECT m FROM latest) AND x.validator_id = e.stash AND x.nominator_id = e.nominator_id)
    GROUP BY e.stash`
/**
 * What the inactive nominations are computed from changes only when an era's snapshot is written (targets, bonds
 * and exposures in one transaction that sets era.snapshot_completed_at): three index or small-table reads.
 */
const NOMINATIONS_VERSION_SQL = `SELECT concat_ws(':', (SELECT max(era) FROM era_validator), (SELECT max(era) FROM nominator_targets),
    (SELECT max(snapshot_completed_at) FROM era)) AS version`

export interface InactiveNominations {
    nominators: number
    stakePlanck: bigint
}

export class ProgrammeStore {
    /** The pool as `EntityManager.query` gives rows, for the scorer's readers. */
    private readonly rowQuery: RowQuery

    /**
     * The inactive nominations of every targeted validator at one version of the snapshot: one scan of all target
     * edges (tens of milliseconds on a real chain, which no B-tree index can cut: the edges are inside arrays) per
     * era instead of one per page.
     */
    private inactive: {version: string; byStash: Promise<Map<string, InactiveNominations>>} | null = null

    constructor(private readonly pool: pg.Pool) {
        this.rowQuery = {query: async (sql: string, params?: unknown[]) => (await pool.query(sql, params)).rows} as RowQuery
    }

    private async rows<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
        return (await this.pool.query<T>(sql, params)).rows
    }

    private async paged<T extends pg.QueryResultRow>(
        select: string,
        from: string,
        order: string,
        params: unknown[],
        page: PageRequest,
    ): Promise<Page<T>> {
        const n = params.length
        const rows = await this.rows<T & {total_count: string}>(
            `SELECT ${select}, count(*) OVER () AS total_count ${from} ORDER BY ${order} LIMIT $${n + 1} OFFSET $${n + 2}`,
            [...params, page.limit, page.offset],
        )
        const total = rows.length
            ? Number(rows[0].total_count)
            : Number((await this.rows<{n: string}>(`SELECT count(*) AS n ${from}`, params))[0].n)
        return {rows, total}
    }

    /** A page of current candidates' ids, by latest score total or by rank, highest first. */
    async candidateIds(filter: CandidateFilter, order: CandidateOrder, page: PageRequest): Promise<Page<string>> {
        const sort = CANDIDATE_ORDER[order]
        const {rows, total} = await this.paged<{id: string}>(
            'c.id',
            `FROM candidate c ${sort.join}
             WHERE c.removed_at IS NULL ${CANDIDATE_FILTER[filter]}`,
            sort.order,
            [],
            page,
        )
        return {rows: rows.map(r => r.id), total}
    }

    async isCandidate(id: string): Promise<boolean> {
        return (await this.rows('SELECT 1 FROM candidate WHERE id = $1 AND removed_at IS NULL', [id])).length > 0
    }

    /** Everything CandidateData shows of the candidates `ids`, in the order of `ids` (unknown ids left out). */
    async candidates(ids: string[], windows: EraWindows): Promise<CandidateRecord[]> {
        if (!ids.length) return []
        const [base, checks, identities, nodes, chain, prefs, intentions, inclusion, scores, faults, nominated, inactive, destinations] =
            await Promise.all([
                this.rows<any>(
                    `SELECT c.id, c.slot_id, c.name, c.stash, c.kusama_stash, c.kyc, c.riot_handles, c.verdict, c.checked_at, (${RANK_OF_C}) AS rank
                 FROM candidate c WHERE c.id = ANY($1) AND c.removed_at IS NULL`,
                    [ids],
                ),
                // Of the evidence, only the unclaimed-rewards check's eras are shown (unclaimedEras).
                this.rows<any>(
                    `SELECT candidate_id, "check", status, sentence, since,
                        CASE WHEN "check" = 'unclaimedRewards' THEN evidence->'observed'->'unclaimedEras' END AS unclaimed_eras
                 FROM validity_check WHERE candidate_id = ANY($1) ORDER BY candidate_id, "check"`,
                    [ids],
                ),
                this.identities(ids),
                // Telemetry names the candidate by its SS58 stash as the list gives it (TelemetryNode.candidateStash).
                this.rows<any>(
                    `SELECT DISTINCT ON (c.id) c.id AS candidate_id, n.version, n.implementation, n.online, n.last_seen_at,
                        (SELECT min(m.first_seen_at) FROM telemetry_node m WHERE m.candidate_stash = c.stash) AS discovered_at,
                        (SELECT max(i.start) FROM telemetry_node_interval i WHERE i.node_id = n.id AND i.kind = 'offline' AND i."end" IS NULL) AS offline_since,
                        l.node_id AS located, l.city, l.region, l.country, l.provider
                 FROM candidate c JOIN telemetry_node n ON n.candidate_stash = c.stash LEFT JOIN telemetry_node_location l ON l.node_id = n.id
                 WHERE c.id = ANY($1) ORDER BY c.id, n.last_seen_at DESC, n.id`,
                    [ids],
                ),
                this.rows<any>(
                    `SELECT ev.validator_id, ev.era, ev.commission_perbill, ev.self_stake_planck, ev.active, ev.total_exposure_planck,
                        ev.own_exposure_planck, ev.nominator_count, ev.era = (SELECT max(era) FROM era_validator) AS latest
                 FROM unnest($1::text[]) AS v(id)
                 CROSS JOIN LATERAL (SELECT * FROM era_validator e WHERE e.validator_id = v.id ORDER BY e.era DESC LIMIT 1) ev`,
                    [ids],
                ),
                this.rows<any>(
                    `SELECT DISTINCT ON (validator_id) validator_id, commission_perbill, block_number FROM validator_preference
                 WHERE validator_id = ANY($1) ORDER BY validator_id, block_number DESC`,
                    [ids],
                ),
                // A waiting validator has no era_validator row: its commission and self-stake are in the era's
                // Validators entries, where the scorer's commission and self-stake checks read them.
                this.rows<any>(
                    `SELECT DISTINCT ON (validator_id) validator_id, era, commission_perbill, self_stake_planck, block_number
                 FROM validator_intention WHERE validator_id = ANY($1) ORDER BY validator_id, era DESC`,
                    [ids],
                ),
                this.rows<any>(
                    `SELECT ev.validator_id, count(*) FILTER (WHERE ev.era > x.m - $2) AS inclusion, count(*) FILTER (WHERE ev.era > x.m - $3) AS span
                 FROM era_validator ev, (SELECT max(era) AS m FROM era_validator) x
                 WHERE ev.validator_id = ANY($1) AND ev.points > 0 AND ev.era > x.m - greatest($2::int, $3::int) GROUP BY ev.validator_id`,
                    [ids, windows.inclusionEras, windows.spanInclusionEras],
                ),
                this.latestScores(ids),
                this.rows<any>(
                    `WITH w AS (SELECT era, fault_window_eras FROM score_metadata ORDER BY era DESC LIMIT 1)
                 SELECT f.stash, count(*) AS n FROM fault_event f, w
                 WHERE f.stash = ANY($1) AND f.era > w.era - w.fault_window_eras AND f.era <= w.era GROUP BY f.stash`,
                    [ids],
                ),
                this.rows<any>(
                    `SELECT t.target, max(r.era) AS era FROM nomination n JOIN nomination_round r ON r.id = n.round_id
                 CROSS JOIN LATERAL unnest(n.targets) AS t(target)
                 WHERE n.status = 'done' AND t.target IN (SELECT unnest($1::text[]) UNION SELECT stash FROM candidate WHERE id = ANY($1))
                 GROUP BY t.target`,
                    [ids],
                ),
                this.inactiveNominations(),
                this.rewardDestinations(ids),
            ])
        const by = <T extends Record<string, any>>(rows: T[], key: string) => new Map(rows.map(r => [r[key] as string, r]))
        const checksBy = new Map<string, any[]>()
        for (const c of checks) checksBy.set(c.candidate_id, [...(checksBy.get(c.candidate_id) ?? []), c])
        const nodeBy = by(nodes, 'candidate_id')
        const chainBy = by(chain, 'validator_id')
        const prefBy = by(prefs, 'validator_id')
        const intentionBy = by(intentions, 'validator_id')
        const inclusionBy = by(inclusion, 'validator_id')
        const faultsBy = by(faults, 'stash')
        const nominatedBy = by(nominated, 'target')
        const baseBy = by(base, 'id')
        return ids
            .filter(id => baseBy.has(id))
            .map(id => {
                const c = baseBy.get(id)
                const candidateChecks = checksBy.get(id) ?? []
                const node = nodeBy.get(id)
                const ev = chainBy.get(id)
                const pref = prefBy.get(id)
                const intention = intentionBy.get(id)
                // The newest of a ValidatorPrefsSet event and the era's Validators entry.
                const prefsSet = pref && (!intention || pref.block_number > intention.block_number) ? pref : intention
                // The intention of the same era as the newest era_validator row was read with it: either will do.
                const stakeRow = intention?.self_stake_planck != null && (!ev || intention.era >= ev.era) ? intention : ev
                const inc = inclusionBy.get(id)
                const score = scores.get(id)
                const unclaimed = candidateChecks.find(k => k.check === 'unclaimedRewards')?.unclaimed_eras
                const nominatedEra = Math.max(nominatedBy.get(id)?.era ?? -1, nominatedBy.get(c.stash)?.era ?? -1)
                const totalExposure = big(ev?.total_exposure_planck ?? null) ?? 0n
                const ownExposure = big(ev?.own_exposure_planck ?? null) ?? 0n
                return {
                    id,
                    candidate: {
                        slotId: c.slot_id,
                        name: c.name,
                        stash: c.stash,
                        kusamaStash: c.kusama_stash,
                        kyc: c.kyc,
                        riotHandles: c.riot_handles,
                    },
                    verdict: c.verdict,
                    checkedAtMs: ms(c.checked_at),
                    checks: candidateChecks.map(k => ({
                        check: k.check,
                        status: k.status,
                        sentence: k.sentence,
                        sinceMs: k.since.getTime(),
                    })),
                    identity: identities.get(id) ?? null,
                    node: node
                        ? {
                              discoveredAtMs: node.discovered_at.getTime(),
                              offlineSinceMs: node.online ? 0 : (node.offline_since ?? node.last_seen_at).getTime(),
                              // The offline time the latest score counted (config validity.accumulatedOffline.windowMs before its era's end).
                              offlineAccumulatedMs: Number(score?.score.components.offline.raw ?? 0n),
                              version: node.version,
                              implementation: node.implementation,
                          }
                        : null,
                    location: node?.located ? {city: node.city, region: node.region, country: node.country, provider: node.provider} : null,
                    chain: {
                        commissionPerbill: prefsSet?.commission_perbill ?? ev?.commission_perbill ?? null,
                        bondedPlanck: big(stakeRow?.self_stake_planck ?? null),
                        active: Boolean(ev?.latest && ev.active),
                        rewardDestination: destinations.get(id) ?? null,
                    },
                    programme: {
                        rank: c.rank ?? 0,
                        faults: Number(faultsBy.get(id)?.n ?? 0),
                        inclusion: Number(inc?.inclusion ?? 0) / windows.inclusionEras,
                        spanInclusion: Number(inc?.span ?? 0) / windows.spanInclusionEras,
                        nominatedAtEra: nominatedEra < 0 ? null : nominatedEra,
                        unclaimedEras: Array.isArray(unclaimed) ? unclaimed : [],
                    },
                    score: score ?? null,
                    nominations: {
                        totalStakePlanck: totalExposure - ownExposure,
                        inactiveStakePlanck: inactive.get(id)?.stakePlanck ?? 0n,
                        activeNominators: ev?.latest ? ev.nominator_count : 0,
                        inactiveNominators: inactive.get(id)?.nominators ?? 0,
                    },
                }
            })
    }

    /** Per validator hex, the nominators whose targets name it but who do not back it in the latest era. */
    async inactiveNominations(): Promise<Map<string, InactiveNominations>> {
        const [{version}] = await this.rows<{version: string}>(NOMINATIONS_VERSION_SQL)
        if (this.inactive?.version !== version) {
            const byStash = this.rows<{stash: string; n: string; stake: string}>(INACTIVE_NOMINATIONS_SQL).then(
                rows => new Map(rows.map(r => [r.stash, {nominators: Number(r.n), stakePlanck: BigInt(r.stake)}])),
            )
            this.inactive = {version, byStash}
            // A failed read (statement timeout, database away) is not kept: the next request reads again.
            byStash.catch(() => {
                if (this.inactive?.byStash === byStash) this.inactive = null
            })
        }
        return this.inactive.byStash
    }

    /** Each account's reward destination (Staked, Stash, …) as its latest reward was paid; accounts never paid are left out. */
    async rewardDestinations(ids: string[]): Promise<Map<string, string>> {
        if (!ids.length) return new Map()
        const rows = await this.rows<{id: string; destination: string}>(
            `SELECT v.id, r.destination FROM unnest($1::text[]) AS v(id)
             CROSS JOIN LATERAL (SELECT destination FROM reward WHERE stash_id = v.id AND destination IS NOT NULL ORDER BY block_number DESC, id DESC LIMIT 1) r`,
            [ids],
        )
        return new Map(rows.map(r => [r.id, r.destination]))
    }

    /** The identities of `ids` (the root's fields; a sub-identity shows its parent's), with the root's sub-identities. */
    private async identities(ids: string[]): Promise<Map<string, NonNullable<CandidateRecord['identity']>>> {
        const rows = await this.rows<any>(
            `SELECT i.id, i.root_id, r.display, r.legal, r.web, r.matrix, r.email, r.twitter, r.judgements, r.verified
             FROM identity i JOIN identity r ON r.id = i.root_id WHERE i.id = ANY($1) AND NOT i.cleared`,
            [ids],
        )
        const subs = rows.length
            ? await this.rows<{id: string; parent_id: string; sub_name: string | null}>(
                  'SELECT id, parent_id, sub_name FROM identity WHERE parent_id = ANY($1) AND NOT cleared ORDER BY id',
                  [[...new Set(rows.map(r => r.root_id))]],
              )
            : []
        const out = new Map<string, NonNullable<CandidateRecord['identity']>>()
        for (const r of rows) {
            out.set(r.id, {
                address: r.root_id,
                display: r.display,
                verified: r.verified,
                legal: r.legal,
                email: r.email,
                web: r.web,
                twitter: r.twitter,
                matrix: r.matrix,
                judgements: (r.judgements as {judgement: string}[]).map(j => j.judgement),
                subIdentities: subs.filter(s => s.parent_id === r.root_id).map(s => ({address: s.id, name: s.sub_name ?? ''})),
            })
        }
        return out
    }

    /** Each stash's score of its latest scored era, with that era's end and last session. */
    private async latestScores(ids: string[]): Promise<Map<string, ScoreRecord>> {
        const rows = await this.rows<any>(
            `SELECT s.*, (SELECT max(e.end_time) FROM era e WHERE e.index = s.era) AS era_end,
                    (SELECT max(se.index) FROM session se WHERE se.era = s.era) AS era_session
             FROM unnest($1::text[]) AS c(stash)
             CROSS JOIN LATERAL (SELECT * FROM score_snapshot x WHERE x.stash = c.stash ORDER BY x.era DESC LIMIT 1) s`,
            [ids],
        )
        return new Map(rows.map(r => [r.stash, scoreRecord(r)]))
    }

    /** The stash's score in `era` (its latest when undefined); null without one. */
    async score(stash: string, era: number | undefined): Promise<ScoreRecord | null> {
        if (era === undefined) return (await this.latestScores([stash])).get(stash) ?? null
        const [r] = await this.rows<any>(
            `SELECT s.*, (SELECT max(e.end_time) FROM era e WHERE e.index = s.era) AS era_end,
                    (SELECT max(se.index) FROM session se WHERE se.era = s.era) AS era_session
             FROM score_snapshot s WHERE s.stash = $1 AND s.era = $2`,
            [stash, era],
        )
        return r ? scoreRecord(r) : null
    }

    /** An era's score metadata (the latest scored era's when undefined) with its distributions; null without one. */
    async metadata(era: number | undefined): Promise<StoredMetadata | null> {
        const [m] = await this.rows<any>(
            `SELECT m.era, m.fault_window_eras, m.rank_rule,
                    (SELECT max(e.end_time) FROM era e WHERE e.index = m.era) AS era_end,
                    (SELECT max(se.index) FROM session se WHERE se.era = m.era) AS era_session
             FROM score_metadata m ${era === undefined ? 'ORDER BY m.era DESC LIMIT 1' : 'WHERE m.era = $1'}`,
            era === undefined ? [] : [era],
        )
        if (!m) return null
        const metadata = await readStoredMetadata(this.rowQuery, m.era)
        if (!metadata) return null
        return {
            metadata,
            faultWindowEras: m.fault_window_eras,
            rankRule: m.rank_rule,
            updatedMs: ms(m.era_end) ?? 0,
            session: m.era_session ?? 0,
        }
    }

    /** Each scored candidate's raw value per component in `era` (what its distributions were described over). */
    async scoreRaws(era: number): Promise<Record<ComponentName, (bigint | null)[]>> {
        const scores = (await this.rows<any>('SELECT * FROM score_snapshot WHERE era = $1 ORDER BY stash', [era])).map(scoreFromRow)
        return Object.fromEntries(COMPONENT_NAMES.map(n => [n, scores.map(s => s.components[n].raw)])) as Record<
            ComponentName,
            (bigint | null)[]
        >
    }

    async validity(id: string): Promise<ValidityRecord | null> {
        const [c] = await this.rows<any>(
            `SELECT verdict, verdict_since, verdict_last_known_at, verdict_held, invalid_checks, unknown_checks, checked_at FROM candidate WHERE id = $1`,
            [id],
        )
        if (!c) return null
        const checks = await this.rows<any>(`SELECT * FROM validity_check WHERE candidate_id = $1 ORDER BY "check"`, [id])
        return {
            verdict: c.verdict,
            verdictSinceMs: ms(c.verdict_since),
            verdictLastKnownAtMs: ms(c.verdict_last_known_at),
            verdictHeld: c.verdict_held,
            invalidChecks: c.invalid_checks ?? [],
            unknownChecks: c.unknown_checks ?? [],
            checkedAtMs: ms(c.checked_at),
            checks: checks.map(k => ({
                check: k.check,
                status: k.status,
                sentence: k.sentence,
                evidence: k.evidence,
                sinceMs: k.since.getTime(),
                pending: k.pending_status
                    ? {
                          status: k.pending_status,
                          count: k.pending_count,
                          sinceMs: k.pending_since.getTime(),
                          sentence: k.pending_sentence,
                          evidence: k.pending_evidence,
                      }
                    : null,
            })),
        }
    }

    /** The candidate's check flips, newest first. */
    async validityChanges(id: string, page: PageRequest): Promise<Page<ValidityChangeRow>> {
        const {rows, total} = await this.paged<any>(
            `"check", from_status, to_status, sentence, evidence, at, run_id`,
            'FROM validity_change WHERE candidate_id = $1',
            'at DESC, "check"',
            [id],
            page,
        )
        return {
            rows: rows.map(r => ({
                check: r.check,
                fromStatus: r.from_status,
                toStatus: r.to_status,
                sentence: r.sentence,
                evidence: r.evidence,
                atMs: r.at.getTime(),
                runId: r.run_id,
            })),
            total,
        }
    }

    /** Fault events, newest era first: of one stash, or all; optionally of one era or one source. */
    async faults(filter: {stash?: string; era?: number; source?: string}, page: PageRequest): Promise<Page<FaultRow>> {
        const conditions: string[] = []
        const params: unknown[] = []
        for (const [column, value] of [
            ['stash', filter.stash],
            ['era', filter.era],
            ['source', filter.source],
        ] as const) {
            if (value === undefined) continue
            params.push(value)
            conditions.push(`${column} = $${params.length}`)
        }
        const {rows, total} = await this.paged<any>(
            '*',
            `FROM fault_event ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}`,
            'era DESC NULLS LAST, block_number DESC NULLS LAST, id',
            params,
            page,
        )
        return {
            rows: rows.map(r => ({
                id: r.id,
                source: r.source,
                sourceId: r.source_id,
                stash: r.stash,
                identityGroup: r.identity_group,
                era: r.era,
                session: r.session,
                blockNumber: r.block_number,
                timestampMs: ms(r.timestamp),
                reason: r.reason,
                evidence: r.evidence,
            })),
            total,
        }
    }

    /** The nominator accounts' status (NominatorStatus), by account name; `stash` picks one. */
    async nominatorStatus(stash?: string): Promise<NominatorStatusRow[]> {
        const rows = await this.rows<any>(
            `SELECT s.*,
                    (SELECT max(n.updated_at) FROM nomination n WHERE n.stash = s.id AND n.status = 'done') AS last_nomination_at,
                    (SELECT min(r.created_at) FROM nomination n JOIN nomination_round r ON r.id = n.round_id WHERE n.stash = s.id) AS first_round_at
             FROM nominator_status s ${stash === undefined ? '' : 'WHERE s.id = $1'} ORDER BY s.account, s.id`,
            stash === undefined ? [] : [stash],
        )
        return rows.map(r => ({
            stash: r.id,
            account: r.account,
            signer: r.signer,
            mode: r.mode,
            state: r.state,
            reason: r.reason,
            bondedPlanck: big(r.bonded_planck),
            lastNominationEra: r.last_nomination_era,
            currentTargets: r.current_targets,
            stale: r.stale,
            dryRun: r.dry_run,
            round: r.round,
            pendingCallHash: r.pending_call_hash,
            pendingAnnouncedBlock: r.pending_announced_block,
            pendingExecutableBlock: r.pending_executable_block,
            checkedAtMs: r.checked_at.getTime(),
            lastNominationMs: ms(r.last_nomination_at),
            firstRoundMs: ms(r.first_round_at),
        }))
    }

    /** Names and scores of the candidates with these SS58 stashes (targets), for the nominator routes. */
    async targetInfo(stashes: string[]): Promise<Map<string, {name: string; kyc: boolean; totalNanopoints: bigint | null}>> {
        if (!stashes.length) return new Map()
        const rows = await this.rows<any>(
            `SELECT c.stash, c.name, c.kyc, (SELECT s.total_nanopoints FROM score_snapshot s WHERE s.stash = c.id ORDER BY s.era DESC LIMIT 1) AS total
             FROM candidate c WHERE c.stash = ANY($1)`,
            [stashes],
        )
        return new Map(rows.map(r => [r.stash, {name: r.name, kyc: r.kyc, totalNanopoints: big(r.total)}]))
    }

    /** Nominations, newest round first; of one stash when given. */
    async nominations(stash: string | undefined, page: PageRequest): Promise<Page<NominationRow>> {
        const {rows, total} = await this.paged<any>(
            'n.*, r.era',
            `FROM nomination n JOIN nomination_round r ON r.id = n.round_id ${stash === undefined ? '' : 'WHERE n.stash = $1'}`,
            'r.era DESC, n.stash',
            stash === undefined ? [] : [stash],
            page,
        )
        return {rows: rows.map(nominationRow), total}
    }

    /** The bonded planck of (nominator hex, era) pairs, as the squid indexed them (NominatorBond). */
    async nominatorBonds(pairs: {nominator: string; era: number}[]): Promise<Map<string, bigint>> {
        if (!pairs.length) return new Map()
        const rows = await this.rows<{nominator_id: string; era: number; bonded_planck: string}>(
            `SELECT b.nominator_id, b.era, b.bonded_planck FROM nominator_bond b
             JOIN unnest($1::text[], $2::int[]) AS p(nominator, era) ON p.nominator = b.nominator_id AND p.era = b.era`,
            [pairs.map(p => p.nominator), pairs.map(p => p.era)],
        )
        return new Map(rows.map(r => [`${r.nominator_id}:${r.era}`, BigInt(r.bonded_planck)]))
    }

    /** The latest round that nominated (done or partial), or null. */
    async lastNominationRound(): Promise<{era: number; updatedMs: number} | null> {
        const [r] = await this.rows<{era: number; updated_at: Date}>(
            `SELECT era, updated_at FROM nomination_round WHERE status IN ('done', 'partial') ORDER BY era DESC LIMIT 1`,
        )
        return r ? {era: r.era, updatedMs: r.updated_at.getTime()} : null
    }

    /** The start and end of era `index` and of the newest `recent` eras (what the next round's time is projected from). */
    async eraTimes(index: number, recent: number): Promise<EraTimes[]> {
        const rows = await this.rows<{index: number; start_time: Date | null; end_time: Date | null}>(
            `SELECT index, start_time, end_time FROM era WHERE index = $1
             UNION SELECT * FROM (SELECT index, start_time, end_time FROM era ORDER BY index DESC LIMIT $2) r`,
            [index, recent],
        )
        return rows.map(r => ({index: r.index, startMs: ms(r.start_time), endMs: ms(r.end_time)}))
    }

    /** The total exposure (planck) of those of the validators `ids` exposed in the latest era. */
    async latestExposures(ids: string[]): Promise<Map<string, bigint>> {
        if (!ids.length) return new Map()
        const rows = await this.rows<{validator_id: string; total_exposure_planck: string}>(
            `SELECT validator_id, total_exposure_planck FROM era_validator
             WHERE era = (SELECT max(era) FROM era_validator) AND validator_id = ANY($1) AND total_exposure_planck IS NOT NULL`,
            [ids],
        )
        return new Map(rows.map(r => [r.validator_id, BigInt(r.total_exposure_planck)]))
    }

    /** Proxy announcements of the given statuses, oldest first. */
    async announcements(statuses: string[], page: PageRequest): Promise<Page<AnnouncementRow>> {
        const {rows, total} = await this.paged<any>(
            '*',
            'FROM proxy_announcement WHERE status = ANY($1)',
            'announced_block NULLS LAST, id',
            [statuses],
            page,
        )
        return {rows: rows.map(announcementRow), total}
    }

    async rounds(page: PageRequest): Promise<Page<RoundRow>> {
        const {rows, total} = await this.paged<any>(
            `r.id, r.era, r.status, r.dry_run, r.input_hash, r.policy_hash, r.seed, r.created_at, r.updated_at,
             (SELECT count(*) FROM nomination n WHERE n.round_id = r.id) AS nominations`,
            'FROM nomination_round r',
            'r.era DESC',
            [],
            page,
        )
        return {rows: rows.map(roundRow), total}
    }

    async round(
        id: string,
    ): Promise<{round: RoundDetail; nominations: NominationRow[]; announcements: AnnouncementRow[]; extrinsics: ExtrinsicRow[]} | null> {
        const [r] = await this.rows<any>(
            `SELECT r.*, (SELECT count(*) FROM nomination n WHERE n.round_id = r.id) AS nominations FROM nomination_round r WHERE r.id = $1`,
            [id],
        )
        if (!r) return null
        const [nominations, announcements, extrinsics] = await Promise.all([
            this.rows<any>('SELECT n.*, $2::int AS era FROM nomination n WHERE n.round_id = $1 ORDER BY n.account, n.stash', [id, r.era]),
            this.rows<any>(
                'SELECT a.* FROM proxy_announcement a JOIN nomination n ON n.id = a.nomination_id WHERE n.round_id = $1 ORDER BY a.id',
                [id],
            ),
            this.rows<any>('SELECT * FROM nominator_extrinsic WHERE round_id = $1 ORDER BY created_at, id', [id]),
        ])
        return {
            round: {
                ...roundRow(r),
                trigger: r.trigger,
                inputSnapshot: r.input_snapshot,
                candidates: r.candidates,
                targets: r.targets,
                plan: r.plan,
            },
            nominations: nominations.map(nominationRow),
            announcements: announcements.map(announcementRow),
            extrinsics: extrinsics.map(x => ({
                txHash: x.id,
                signer: x.signer,
                purpose: x.purpose,
                call: x.call,
                nonce: x.nonce,
                birthBlock: x.birth_block,
                mortalUntilBlock: x.mortal_until_block,
                attempt: x.attempt,
                status: x.status,
                blockNumber: x.block_number,
                blockHash: x.block_hash,
                error: x.error,
                createdMs: x.created_at.getTime(),
                updatedMs: x.updated_at.getTime(),
            })),
        }
    }
}

function scoreRecord(r: any): ScoreRecord {
    return {score: scoreFromRow(r), updatedMs: ms(r.era_end) ?? 0, session: r.era_session ?? 0}
}

function nominationRow(n: any): NominationRow {
    return {...nominationOf(n), era: n.era, updatedMs: n.updated_at.getTime()}
}

function announcementRow(a: any): AnnouncementRow {
    return {
        ...announcementOf(a),
        executedTxHash: a.executed_tx_hash,
        executedBlock: a.executed_block,
        closedTxHash: a.closed_tx_hash,
        closedBlock: a.closed_block,
        updatedMs: a.updated_at.getTime(),
    }
}

function roundRow(r: any): RoundRow {
    return {
        id: r.id,
        era: r.era,
        status: r.status,
        dryRun: r.dry_run,
        inputHash: r.input_hash,
        policyHash: r.policy_hash,
        seed: r.seed,
        createdMs: r.created_at.getTime(),
        updatedMs: r.updated_at.getTime(),
        nominations: Number(r.nominations),
    }
}
