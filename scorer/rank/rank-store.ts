/**
 * Rank in Postgres: the active-set facts and identity groups read from the squid's tables, the RankEvent
 * rows written (backfilled from every complete era the first time, then extended era by era) and each
 * candidate's rank read back. The counting itself is active-eras.ts.
 */
import type {EntityManager} from 'typeorm'
import {RankEvent} from '../../db/model'
import {insertRows} from '../../squid/store/bulk-insert'
import {COMPLETE_ERA_SQL} from '../complete-eras'
import {extendActiveEraRanks, identityGroupOf, type ActiveSetFact, type IdentityGroups} from './active-eras'
import type {ActiveEraRankEvent} from './rank-event'

/** Eras counted per step of a backfill: bounds the facts held in memory (Kusama: ~1,000 active a era). */
const BACKFILL_CHUNK_ERAS = 200

/** stash → identity group (Identity.root) for every account with an identity or a parent; others are their own group. */
export async function readIdentityGroups(em: EntityManager): Promise<Map<string, string>> {
    const rows: {id: string; root_id: string}[] = await em.query(`SELECT id, root_id FROM identity WHERE NOT cleared AND root_id <> id`)
    return new Map(rows.map(r => [r.id, r.root_id]))
}

/** Every stash in the active set of the complete eras in [fromEra, toEra]. */
export async function readActiveSetFacts(em: EntityManager, fromEra: number, toEra: number): Promise<ActiveSetFact[]> {
    const rows: {era: number; validator_id: string}[] = await em.query(
        `SELECT ev.era, ev.validator_id FROM era_validator ev JOIN era e ON e.index = ev.era
         WHERE ev.active AND ev.era BETWEEN $1 AND $2 AND ${COMPLETE_ERA_SQL}`,
        [fromEra, toEra],
    )
    return rows.map(r => ({era: r.era, stash: r.validator_id}))
}

/**
 * Writes the activeEras rank events of `era`, first backfilling every earlier complete era that has none
 * (all of them on the first run). The era's own events are replaced, so a re-run writes the same rows.
 * Returns the first era (re)counted and the events written.
 */
export async function updateActiveEraRanks(
    em: EntityManager,
    era: number,
    groups: IdentityGroups,
): Promise<{fromEra: number; events: number}> {
    const [missing] = await em.query(
        `SELECT min(e.index) AS era FROM era e
         WHERE e.index < $1 AND ${COMPLETE_ERA_SQL}
           AND EXISTS (SELECT 1 FROM era_validator ev WHERE ev.era = e.index AND ev.active)
           AND (SELECT 1 FROM rank_event r WHERE r.era = e.index AND r.rule = 'activeEras' LIMIT 1) IS NULL`,
        [era],
    )
    // (One index probe per era: as an anti-join the planner sorted every rank event to merge them.)
    const fromEra: number = missing.era ?? era
    await em.query(`DELETE FROM rank_event WHERE rule = 'activeEras' AND era BETWEEN $1 AND $2`, [fromEra, era])
    let written = 0
    for (let start = fromEra; start <= era; start += BACKFILL_CHUNK_ERAS) {
        const end = Math.min(era, start + BACKFILL_CHUNK_ERAS - 1)
        const facts = await readActiveSetFacts(em, start, end)
        const ranks = await groupRanksBefore(em, [...new Set(facts.map(f => identityGroupOf(f.stash, groups)))], start)
        const events = extendActiveEraRanks({throughEra: start - 1, ranks}, facts, groups)
        await insertRows(em, events.map(rankEventRow))
        written += events.length
    }
    return {fromEra, events: written}
}

/** Each group's rank after the last event before `era` (0 without one). */
async function groupRanksBefore(em: EntityManager, groupIds: string[], era: number): Promise<Map<string, number>> {
    if (groupIds.length === 0) return new Map()
    const rows: {identity_group: string; rank: number}[] = await em.query(
        `SELECT DISTINCT ON (identity_group) identity_group, rank FROM rank_event
         WHERE rule = 'activeEras' AND identity_group = ANY($1::text[]) AND era < $2
         ORDER BY identity_group, era DESC`,
        [groupIds, era],
    )
    return new Map(rows.map(r => [r.identity_group, r.rank]))
}

/** Each stash's rank as of `era` (its group's latest event at or before it; 0 without one). */
export async function activeEraRanksAt(
    em: EntityManager,
    era: number,
    stashes: readonly string[],
    groups: IdentityGroups,
): Promise<Map<string, number>> {
    const ranks = await groupRanksBefore(em, [...new Set(stashes.map(s => identityGroupOf(s, groups)))], era + 1)
    return new Map(stashes.map(s => [s, ranks.get(identityGroupOf(s, groups)) ?? 0]))
}

function rankEventRow(e: ActiveEraRankEvent): RankEvent {
    return new RankEvent({
        id: `activeEras:${e.identityGroup}:${e.era}`,
        rule: e.rule,
        identityGroup: e.identityGroup,
        era: e.era,
        activeStashes: e.activeStashes,
        change: e.change,
        rank: e.rank,
        startEra: null,
        verdict: null,
        invalidReasons: null,
    })
}
