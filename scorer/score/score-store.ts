/**
 * Scores in Postgres: each valid candidate's raw facts for an era read from the squid's and the telemetry's
 * tables (one statement per kind of fact for all candidates), an era's scores written as ScoreMetadata,
 * ScoreDistribution and ScoreSnapshot rows (a column per component value), and read back as score.ts's types
 * so that explain recomputes from the stored rows alone.
 */
import type {EntityManager} from 'typeorm'
import {ScoreDistribution, ScoreMetadata as ScoreMetadataRow, ScoreSnapshot} from '../../db/model'
import {insertRows} from '../../squid/store/bulk-insert'
import {UPTIME_SQL, uptimeFromSqlRow, uptimeSqlParams, type UptimeSqlRow} from '../../telemetry/uptime-sql'
import {
    COMPONENT_NAMES,
    LOCATION_COMPONENTS,
    type ComponentCondition,
    type ComponentName,
    type ComponentScore,
    type ScoreWeights,
} from './components'
import {formatHundredths, parseHundredths, type DistributionStats} from './distribution'
import type {CandidateScore, EraScores, ScoreMetadata} from './score'
import type {CandidateLocation, NominatorBondInput} from './score-inputs'

/** What the era itself gives scoring: when it ended (the "now" of its telemetry facts) and the salt. */
export interface EraFacts {
    era: number
    endMs: number
    /**
     * The random boost's salt: the era's validator payout and total points, which nobody knows before the era
     * has ended, recorded with the scores.
     */
    randomnessSalt: string
}

export async function readEraFacts(em: EntityManager, era: number): Promise<EraFacts> {
    const [row] = await em.query(`SELECT end_time, validator_payout_planck, total_points FROM era WHERE index = $1`, [era])
    if (!row || row.end_time === null) throw new Error(`era ${era}: no end time in the era table (the squid has not closed it)`)
    return {era, endMs: (row.end_time as Date).getTime(), randomnessSalt: `${row.validator_payout_planck ?? 0}:${row.total_points}`}
}

/** The squid's and the telemetry's facts about one candidate, everything of score-inputs.ts but rank and faults. */
export interface CandidateChainFacts {
    erasWithPoints: number[]
    lastEraWithPoints: number | null
    discoveredAtMs: number
    selfStakePlanck: bigint
    offlineMs: number
    location: CandidateLocation | null
    nominators: NominatorBondInput[]
    implementation: string | null
}

export interface CandidateKeys {
    stash: string
    stashAddress: string
}

/**
 * The facts of `candidates` for `era`: era points over the last `pointsWindowEras` eras (and the last era
 * with points before), self-stake, nominators with their bonds as the era started, and from telemetry the
 * node last seen under the stash: first seen, implementation, location and offline time over
 * [era end − offlineWindowMs, era end). A candidate without a node counts as discovered at the era's end.
 */
export async function readCandidateFacts(
    em: EntityManager,
    eraFacts: EraFacts,
    candidates: readonly CandidateKeys[],
    windows: {pointsWindowEras: number; offlineWindowMs: number},
): Promise<Map<string, CandidateChainFacts>> {
    const era = eraFacts.era
    const stashes = candidates.map(c => c.stash)
    const addresses = candidates.map(c => c.stashAddress)
    // One statement after the other (a transaction's statements share one connection); candidates are joined
    // as a set (unnest), which Postgres hashes, rather than compared element by element (= ANY).
    const candidateSet = `JOIN unnest($1::text[]) AS c(stash) ON c.stash`
    const points: {validator_id: string; eras: number[] | null; last: number}[] = await em.query(
        `SELECT ev.validator_id, array_agg(ev.era ORDER BY ev.era) FILTER (WHERE ev.era > $3) AS eras, max(ev.era) AS last
         FROM era_validator ev ${candidateSet} = ev.validator_id WHERE ev.era <= $2 AND ev.points > 0 GROUP BY ev.validator_id`,
        [stashes, era, era - windows.pointsWindowEras],
    )
    const selfStake: {validator_id: string; self_stake_planck: string | null}[] = await em.query(
        `SELECT ev.validator_id, ev.self_stake_planck FROM era_validator ev ${candidateSet} = ev.validator_id WHERE ev.era = $2`,
        [stashes, era],
    )
    // Targets in force as the era started: each nominator's latest row at or before it. The candidates as a semi-join
    // (hashed): joined, the planner sorted every target edge to merge them, spilling to disk at 2,000 candidates.
    const nominators: {stash: string; nominator_id: string; bonded_planck: string}[] = await em.query(
        `WITH in_force AS (
           SELECT DISTINCT ON (nominator_id) nominator_id, targets FROM nominator_targets WHERE era <= $2 ORDER BY nominator_id, era DESC)
         SELECT t.stash, f.nominator_id, COALESCE(b.bonded_planck, 0) AS bonded_planck
         FROM in_force f CROSS JOIN LATERAL unnest(f.targets) AS t(stash)
         LEFT JOIN nominator_bond b ON b.nominator_id = f.nominator_id AND b.era = $2
         WHERE t.stash IN (SELECT unnest($1::text[]))`,
        [stashes, era],
    )
    const nodes: {
        candidate_stash: string
        id: string
        implementation: string | null
        first_seen_at: Date
        located: string | null
        city: string | null
        region: string | null
        country: string | null
        provider: string | null
    }[] = await em.query(
        `WITH n AS (SELECT t.* FROM telemetry_node t ${candidateSet} = t.candidate_stash),
         latest AS (SELECT DISTINCT ON (candidate_stash) candidate_stash, id, implementation FROM n ORDER BY candidate_stash, last_seen_at DESC, id),
         first AS (SELECT candidate_stash, min(first_seen_at) AS first_seen_at FROM n GROUP BY candidate_stash)
         SELECT latest.candidate_stash, latest.id, latest.implementation, first.first_seen_at, l.node_id AS located, l.city, l.region, l.country, l.provider
         FROM latest JOIN first USING (candidate_stash) LEFT JOIN telemetry_node_location l ON l.node_id = latest.id`,
        [addresses],
    )
    const window = {startMs: eraFacts.endMs - windows.offlineWindowMs, endMs: eraFacts.endMs}
    const uptimeRows: UptimeSqlRow[] = nodes.length
        ? await em.query(
              UPTIME_SQL,
              uptimeSqlParams(
                  nodes.map(n => n.id),
                  window,
                  eraFacts.endMs,
              ),
          )
        : []
    const offlineByNode = new Map(uptimeRows.map(r => [r.id, uptimeFromSqlRow(r).offlineMs]))

    const pointsBy = new Map(points.map(p => [p.validator_id, p]))
    const stakeBy = new Map(selfStake.map(s => [s.validator_id, s.self_stake_planck]))
    const nodeBy = new Map(nodes.map(n => [n.candidate_stash, n]))
    const nominatorsBy = new Map<string, NominatorBondInput[]>()
    for (const n of nominators) {
        const list = nominatorsBy.get(n.stash) ?? []
        nominatorsBy.set(n.stash, list)
        list.push({nominator: n.nominator_id, bondedPlanck: BigInt(n.bonded_planck)})
    }
    const facts = new Map<string, CandidateChainFacts>()
    for (const c of candidates) {
        const p = pointsBy.get(c.stash)
        const node = nodeBy.get(c.stashAddress)
        facts.set(c.stash, {
            erasWithPoints: p?.eras ?? [],
            lastEraWithPoints: p?.last ?? null,
            discoveredAtMs: node ? node.first_seen_at.getTime() : eraFacts.endMs,
            selfStakePlanck: BigInt(stakeBy.get(c.stash) ?? 0),
            offlineMs: node ? (offlineByNode.get(node.id) ?? 0) : 0,
            location: node?.located ? {city: node.city, region: node.region, country: node.country, provider: node.provider} : null,
            nominators: (nominatorsBy.get(c.stash) ?? []).sort((a, b) => (a.nominator < b.nominator ? -1 : 1)),
            implementation: node?.implementation ?? null,
        })
    }
    return facts
}

/** What config says about an era's scoring beyond score.ts's metadata. */
export interface ScoringRules {
    faultWindowEras: number
    rankRule: string
}

/** Replaces the era's score rows (metadata, distributions, snapshots, components) by `scores`. */
export async function replaceEraScores(em: EntityManager, scores: EraScores, rules: ScoringRules): Promise<void> {
    const era = scores.metadata.era
    await deleteEraScores(em, era)
    const m = scores.metadata
    const metadata = new ScoreMetadataRow({
        id: String(era),
        era,
        weights: m.weights,
        inclusionEras: m.inclusionEras,
        spanInclusionEras: m.spanInclusionEras,
        faultWindowEras: rules.faultWindowEras,
        rankRule: rules.rankRule,
        randomnessMaxPerbill: m.randomnessMaxPerbill,
        randomnessSalt: m.randomnessSalt,
        candidateCount: m.candidateCount,
    })
    await insertRows(em, [metadata])
    await insertRows(
        em,
        COMPONENT_NAMES.map(name => distributionRow(metadata, name, m.weights[name], m.components[name])),
    )
    await insertRows(
        em,
        scores.candidates.map(c => {
            const row = new ScoreSnapshot({
                id: `${era}-${c.stash}`,
                era,
                stash: c.stash,
                metadata,
                aggregateNanopoints: c.aggregateNanopoints,
                randomSeedHex: c.randomSeedHex,
                randomPerbill: c.randomPerbill,
                totalNanopoints: c.totalNanopoints,
            })
            const columns = row as unknown as Record<string, unknown>
            for (const name of COMPONENT_NAMES) {
                const s = c.components[name]
                columns[`${name}Raw`] = s.raw
                if (isLocationComponent(name)) columns[`${name}Condition`] = s.condition
                columns[`${name}NormalisedPerbill`] = s.normalisedPerbill
                columns[`${name}ScorePerbill`] = s.scorePerbill
                columns[`${name}WeightedNanopoints`] = s.weightedNanopoints
            }
            return row
        }),
    )
}

function isLocationComponent(name: ComponentName): boolean {
    return (LOCATION_COMPONENTS as readonly string[]).includes(name)
}

async function deleteEraScores(em: EntityManager, era: number): Promise<void> {
    await em.query(`DELETE FROM score_snapshot WHERE era = $1`, [era])
    await em.query(`DELETE FROM score_distribution WHERE era = $1`, [era])
    await em.query(`DELETE FROM score_metadata WHERE era = $1`, [era])
}

function distributionRow(metadata: ScoreMetadataRow, name: ComponentName, weight: number, s: DistributionStats): ScoreDistribution {
    const h = parseHundredths
    return new ScoreDistribution({
        id: `${metadata.era}-${name}`,
        metadata,
        era: metadata.era,
        component: name,
        weight,
        count: s.count,
        lowerPercent: s.lowerPercent,
        upperPercent: s.upperPercent,
        lowerHundredths: h(s.lower),
        upperHundredths: h(s.upper),
        minHundredths: h(s.min),
        maxHundredths: h(s.max),
        q10Hundredths: h(s.q10),
        q25Hundredths: h(s.q25),
        q50Hundredths: h(s.q50),
        q75Hundredths: h(s.q75),
        q90Hundredths: h(s.q90),
        meanHundredths: h(s.mean),
        standardDeviationHundredths: h(s.standardDeviation),
    })
}

/** What the readers below need: `EntityManager.query`, or any adapter giving rows the same way (the gateway's pool). */
export type RowQuery = Pick<EntityManager, 'query'>

/** The era's stored metadata as score.ts's type; null when the era has no scores. */
export async function readStoredMetadata(em: RowQuery, era: number): Promise<ScoreMetadata | null> {
    const [m] = await em.query(`SELECT * FROM score_metadata WHERE era = $1`, [era])
    if (!m) return null
    const rows: any[] = await em.query(`SELECT * FROM score_distribution WHERE era = $1`, [era])
    const byName = new Map(rows.map(r => [r.component, r]))
    const f = (v: string) => formatHundredths(BigInt(v))
    const components = {} as Record<ComponentName, DistributionStats>
    for (const name of COMPONENT_NAMES) {
        const r = byName.get(name)
        if (!r) throw new Error(`era ${era}: the stored score metadata has no distribution of ${name}`)
        components[name] = {
            count: r.count,
            lowerPercent: r.lower_percent,
            upperPercent: r.upper_percent,
            lower: f(r.lower_hundredths),
            upper: f(r.upper_hundredths),
            min: f(r.min_hundredths),
            max: f(r.max_hundredths),
            q10: f(r.q10_hundredths),
            q25: f(r.q25_hundredths),
            q50: f(r.q50_hundredths),
            q75: f(r.q75_hundredths),
            q90: f(r.q90_hundredths),
            mean: f(r.mean_hundredths),
            standardDeviation: f(r.standard_deviation_hundredths),
        }
    }
    return {
        era,
        weights: m.weights as ScoreWeights,
        inclusionEras: m.inclusion_eras,
        spanInclusionEras: m.span_inclusion_eras,
        randomnessMaxPerbill: m.randomness_max_perbill,
        randomnessSalt: m.randomness_salt,
        candidateCount: m.candidate_count,
        components,
    }
}

/** A candidate's stored score of the era as score.ts's type; null when it has none. */
export async function readStoredScore(em: RowQuery, era: number, stash: string): Promise<CandidateScore | null> {
    const [s] = await em.query(`SELECT * FROM score_snapshot WHERE era = $1 AND stash = $2`, [era, stash])
    return s ? scoreFromRow(s) : null
}

/** A `score_snapshot` row (all columns, as node-postgres reads them) as score.ts's type. */
export function scoreFromRow(s: Record<string, any>): CandidateScore {
    const components = {} as Record<ComponentName, ComponentScore>
    for (const name of COMPONENT_NAMES) {
        const column = (suffix: string) => s[`${snake(name)}_${suffix}`]
        const raw = column('raw')
        const normalised = column('normalised_perbill')
        components[name] = {
            raw: raw === null ? null : BigInt(raw),
            condition: (isLocationComponent(name) ? column('condition') : null) as ComponentCondition | null,
            normalisedPerbill: normalised,
            scorePerbill: column('score_perbill'),
            weightedNanopoints: BigInt(column('weighted_nanopoints')),
        }
    }
    return {
        era: s.era,
        stash: s.stash,
        components,
        aggregateNanopoints: BigInt(s.aggregate_nanopoints),
        randomSeedHex: s.random_seed_hex,
        randomPerbill: s.random_perbill,
        totalNanopoints: BigInt(s.total_nanopoints),
    }
}

/** nominatorStake → nominator_stake: the column names the model's naming strategy gives. */
function snake(name: string): string {
    return name.replace(/[A-Z]/g, c => `_${c.toLowerCase()}`)
}

/** The latest era the stash has a stored score in; null when none. */
export async function latestScoredEra(em: RowQuery, stash: string): Promise<number | null> {
    const [row] = await em.query(`SELECT max(era) AS era FROM score_snapshot WHERE stash = $1`, [stash])
    return row?.era ?? null
}
