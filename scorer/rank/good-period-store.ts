/**
 * The goodPeriods rank rule in Postgres: nomination periods from the nominator's NominationRound and Nomination
 * rows, each target's verdict at the period's end from validity's ValidityChange history, the active sets from
 * EraValidator; the rule's RankEvents extended era by era from that stored history (a re-run writes the same rows)
 * and each stash's rank read from them.
 */
import {u8aToHex} from '@polkadot/util'
import {decodeAddress} from '@polkadot/util-crypto'
import type {EntityManager} from 'typeorm'
import {RankEvent} from '../../db/model'
import {insertRows} from '../../squid/store/bulk-insert'
import {COMPLETE_ERA_SQL} from '../complete-eras'
import {countGoodPeriodRanks, periodRanks} from './good-periods'
import {judgedPeriods, periodSpans, type CheckReading, type LandedTarget} from './nomination-periods'
import type {PeriodRankEvent} from './rank-event'

/**
 * Writes the goodPeriods rank events of the periods ending by `era` after the last era before it that has some
 * (all of them on the first run: the backfill), counted from each stash's rank then; the events of those eras are
 * replaced, so a re-run writes the same rows. Returns each stash's rank after them, the first era written and the
 * count written.
 */
export async function updateGoodPeriodRanks(
    em: EntityManager,
    era: number,
): Promise<{fromEra: number; events: number; ranks: Map<string, number>}> {
    const [{last}] = await em.query(`SELECT max(era) AS last FROM rank_event WHERE rule = 'goodPeriods' AND era < $1`, [era])
    const counted: number = last ?? -1
    const rounds: {era: number; created_at: Date}[] = await em.query(
        `SELECT era, created_at FROM nomination_round WHERE NOT dry_run AND era <= $1 ORDER BY era`,
        [era],
    )
    // The periods to count start at the last round by the counted era (they end after it), or at the first round.
    const firstRound = rounds.filter(r => r.era <= counted).pop()?.era ?? -1
    const nominations: {id: string; era: number; targets: string[]}[] = await em.query(
        `SELECT n.id, r.era, n.targets FROM nomination n JOIN nomination_round r ON r.id = n.round_id
         WHERE n.status = 'done' AND n.finalized AND NOT r.dry_run AND r.era >= $1 AND r.era < $2`,
        [firstRound, era],
    )
    const landed: LandedTarget[] = nominations.flatMap(n => n.targets.map(t => ({era: n.era, stash: targetKey(t, n.id)})))
    const spans = periodSpans(
        rounds.map(r => ({era: r.era, atMs: r.created_at.getTime()})),
        landed,
    ).filter(s => s.endEra > counted)
    const judged = spans.flatMap(s => s.targets.map(stash => ({era: s.endEra, at: new Date(s.endAtMs), stash})))
    // Each judged target's checks as they stood at its period's end: every check's latest change until then.
    const readings: {era: number; stash: string; check: string; to_status: CheckReading['status']; sentence: string}[] =
        judged.length === 0
            ? []
            : await em.query(
                  `SELECT DISTINCT ON (j.era, j.stash, vc."check") j.era, j.stash, vc."check", vc.to_status, vc.sentence
                   FROM unnest($1::int[], $2::timestamptz[], $3::text[]) AS j(era, at, stash)
                   JOIN validity_change vc ON vc.candidate_id = j.stash AND vc.at <= j.at
                   ORDER BY j.era, j.stash, vc."check", vc.at DESC`,
                  [judged.map(j => j.era), judged.map(j => j.at), judged.map(j => j.stash)],
              )
    const byTarget = new Map<string, CheckReading[]>()
    for (const r of readings) {
        const key = `${r.era}:${r.stash}`
        byTarget.set(key, [...(byTarget.get(key) ?? []), {check: r.check, status: r.to_status, sentence: r.sentence}])
    }
    const periods = judgedPeriods(spans, (endEra, stash) => byTarget.get(`${endEra}:${stash}`) ?? [])
    const active: {era: number; validator_id: string}[] =
        spans.length === 0
            ? []
            : await em.query(
                  `SELECT ev.era, ev.validator_id FROM era_validator ev JOIN era e ON e.index = ev.era
                   WHERE ev.active AND ev.era BETWEEN $1 AND $2 AND ev.validator_id = ANY($3::text[]) AND ${COMPLETE_ERA_SQL}`,
                  [spans[0].startEra, era, [...new Set(landed.map(t => t.stash))]],
              )
    const before: {identity_group: string; rank: number}[] = await em.query(
        `SELECT DISTINCT ON (identity_group) identity_group, rank FROM rank_event WHERE rule = 'goodPeriods' AND era <= $1
         ORDER BY identity_group, era DESC`,
        [counted],
    )
    const ranks = new Map(before.map(r => [r.identity_group, r.rank]))
    const events = countGoodPeriodRanks(
        periods,
        active.map(a => ({era: a.era, stash: a.validator_id})),
        ranks,
    )
    await em.query(`DELETE FROM rank_event WHERE rule = 'goodPeriods' AND era > $1 AND era <= $2`, [counted, era])
    await insertRows(em, events.map(rankEventRow))
    for (const [stash, rank] of periodRanks(events)) ranks.set(stash, rank)
    return {fromEra: events[0]?.era ?? era, events: events.length, ranks}
}

/** A nomination's target (SS58, as the call carried it) as the stash's public key hex. */
function targetKey(address: string, nominationId: string): string {
    try {
        return u8aToHex(decodeAddress(address))
    } catch (e) {
        throw new Error(`nomination ${nominationId}: target ${JSON.stringify(address)} is not an SS58 address (${(e as Error).message})`)
    }
}

function rankEventRow(e: PeriodRankEvent): RankEvent {
    return new RankEvent({
        id: `goodPeriods:${e.stash}:${e.era}`,
        rule: e.rule,
        identityGroup: e.stash,
        era: e.era,
        activeStashes: [],
        change: e.change,
        rank: e.rank,
        startEra: e.startEra,
        verdict: e.verdict,
        invalidReasons: e.invalidReasons,
    })
}
