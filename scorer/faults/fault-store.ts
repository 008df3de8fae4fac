/**
 * Fault events in Postgres: the chain facts of a range of eras read from the squid's tables (offline reports,
 * offences, slashes, chills, kicks; era points with their payouts) in one statement per table, the FaultEvent
 * rows those eras give replaced, and each candidate's events in the fault window counted from the stored rows.
 * Each era's facts are read once, by the pass of that era (all eras of the window on the first run); turning
 * facts into events is fault-event.ts.
 */
import type {EntityManager} from 'typeorm'
import {FaultEvent as FaultEventRow} from '../../db/model'
import {insertRows} from '../../squid/store/bulk-insert'
import {COMPLETE_ERA_SQL} from '../complete-eras'
import {identityGroupOf, type IdentityGroups} from '../rank/active-eras'
import {eraAt, faultEvents, type FaultEvent, type FaultFacts} from './fault-event'
import type {ChainLayer, EraRewardFact, EraSpan} from './fault-facts'

/** Eras [fromEra, toEra] whose facts become events in this pass. */
export interface FaultEras {
    fromEra: number
    toEra: number
}

export interface FaultRules {
    /** The candidates' stashes (hex): only facts about them become events. */
    stashes: readonly string[]
    programmeNominators: readonly string[]
    /** Config validity.unclaimedRewards.maxEras: an era's rewards not paid within this many eras are a fault. */
    missedPayoutAfterEras: number
}

const ms = (d: Date | null): number | null => (d === null ? null : d.getTime())
const big = (v: string | null): bigint | null => (v === null ? null : BigInt(v))

/** The columns every fact table shares (snake_case, as Postgres returns them). */
interface FactRow {
    id: string
    era: number | null
    chain: ChainLayer
    block_number: number
    timestamp: Date | null
}
type OfflineRow = Omit<FactRow, 'chain'> & {session: number; validator_id: string; exposure_total_planck: string | null}
type OffenceRow = FactRow & {
    kind: string | null
    time_slot: string | null
    validator_id: string | null
    report_id: string | null
    slash_fraction_perbill: number | null
}
type SlashRow = FactRow & {staker_id: string; amount_planck: string}
type ChillRow = FactRow & {stash_id: string}
type KickRow = FactRow & {nominator_id: string; validator_id: string}

/**
 * The eras whose facts this pass of `era` turns into events: those after the last era scored before it, at most
 * `windowEras` back (the whole window on the first run), through `era` itself (a re-run replaces its events).
 */
export async function faultErasOfPass(em: EntityManager, era: number, windowEras: number): Promise<FaultEras> {
    const [row] = await em.query(`SELECT max(era) AS era FROM score_metadata WHERE era < $1`, [era])
    const windowStart = era - windowEras + 1
    return {fromEra: Math.max(windowStart, row.era === null ? windowStart : row.era + 1), toEra: era}
}

/** Start and end of the complete eras in [fromEra, toEra], to place facts without an era and payouts by their time. */
export async function readEraSpans(em: EntityManager, fromEra: number, toEra: number): Promise<EraSpan[]> {
    const rows: {index: number; chain: ChainLayer; start_time: Date | null; end_time: Date | null}[] = await em.query(
        `SELECT e.index, e.chain, e.start_time, e.end_time FROM era e WHERE e.index BETWEEN $1 AND $2 AND ${COMPLETE_ERA_SQL} ORDER BY e.index`,
        [fromEra, toEra],
    )
    return rows
        .filter(r => r.start_time !== null)
        .map(r => ({era: r.index, chain: r.chain, startMs: (r.start_time as Date).getTime(), endMs: ms(r.end_time)}))
}

/**
 * The fault events of the eras: events of facts in them (a fact without an era by its time), and the verdict on
 * the payouts of each era `e` whose judgement era `e + missedPayoutAfterEras + 1` is among them, judged as the
 * payouts stood at the end of that era (a payout after it does not change the verdict, so any pass gives the same).
 */
export async function readFaultEvents(em: EntityManager, eras: FaultEras, rules: FaultRules): Promise<FaultEvent[]> {
    const {fromEra, toEra} = eras
    const after = rules.missedPayoutAfterEras
    const spans = await readEraSpans(em, fromEra - after - 1, toEra)
    const inRange = spans.filter(s => s.era >= fromEra)
    const from = inRange.length ? new Date(inRange[0].startMs) : new Date(8.64e15)
    const last = inRange[inRange.length - 1]
    const to = last?.endMs != null ? new Date(last.endMs) : new Date(8.64e15)
    const params = [rules.stashes, fromEra, toEra, from, to]
    const candidates = `JOIN unnest($1::text[]) AS c(stash) ON c.stash`
    const inEras = `((t.era BETWEEN $2 AND $3) OR (t.era IS NULL AND t.timestamp >= $4 AND t.timestamp < $5))`
    const offline: OfflineRow[] = await em.query(`SELECT t.* FROM offline_report t ${candidates} = t.validator_id WHERE ${inEras}`, params)
    const offences: OffenceRow[] = await em.query(`SELECT t.* FROM offence t ${candidates} = t.validator_id WHERE ${inEras}`, params)
    const slashes: SlashRow[] = await em.query(`SELECT t.* FROM slash t ${candidates} = t.staker_id WHERE ${inEras}`, params)
    const chills: ChillRow[] = await em.query(`SELECT t.* FROM chill t ${candidates} = t.stash_id WHERE ${inEras}`, params)
    const kicks: KickRow[] = await em.query(`SELECT t.* FROM kick t ${candidates} = t.validator_id WHERE ${inEras}`, params)
    const rewards: {era: number; validator_id: string; points: number; first_paid_at: Date | null}[] = await em.query(
        `WITH ev AS (SELECT ev.era, ev.validator_id, ev.points FROM era_validator ev ${candidates} = ev.validator_id
                     WHERE ev.era BETWEEN $2 AND $3 AND ev.points > 0)
         SELECT ev.era, ev.validator_id, ev.points, min(p.timestamp) AS first_paid_at
         FROM ev LEFT JOIN payout p ON p.validator_id = ev.validator_id AND p.era = ev.era
         GROUP BY ev.era, ev.validator_id, ev.points`,
        [rules.stashes, fromEra - after - 1, toEra - after - 1],
    )
    const facts: FaultFacts = {
        offlineReports: offline.map(r => ({
            id: r.id,
            session: r.session,
            era: r.era,
            validator: r.validator_id,
            exposureTotalPlanck: big(r.exposure_total_planck),
            blockNumber: r.block_number,
            timestampMs: ms(r.timestamp),
        })),
        offences: offences.map(r => ({
            id: r.id,
            chain: r.chain,
            kind: r.kind,
            timeSlot: r.time_slot,
            era: r.era,
            validator: r.validator_id,
            reportId: r.report_id,
            slashFractionPerbill: r.slash_fraction_perbill,
            blockNumber: r.block_number,
            timestampMs: ms(r.timestamp),
        })),
        slashes: slashes.map(r => ({
            id: r.id,
            staker: r.staker_id,
            amountPlanck: BigInt(r.amount_planck),
            era: r.era,
            chain: r.chain,
            blockNumber: r.block_number,
            timestampMs: ms(r.timestamp),
        })),
        chills: chills.map(r => ({
            id: r.id,
            stash: r.stash_id,
            era: r.era,
            chain: r.chain,
            blockNumber: r.block_number,
            timestampMs: ms(r.timestamp),
        })),
        kicks: kicks.map(r => ({
            id: r.id,
            nominator: r.nominator_id,
            validator: r.validator_id,
            era: r.era,
            chain: r.chain,
            blockNumber: r.block_number,
            timestampMs: ms(r.timestamp),
        })),
        eraRewards: [],
    }
    const options = {
        candidateStashes: new Set(rules.stashes),
        programmeNominators: new Set(rules.programmeNominators),
        missedPayoutAfterEras: after,
        eras: spans,
    }
    const events = faultEvents(facts, {...options, currentEra: toEra})
    // Payouts: each reward era judged in its own judgement era.
    const byJudgement = new Map<number, EraRewardFact[]>()
    for (const r of rewards) {
        const judgedIn = r.era + after + 1
        const paidIn = eraAt(ms(r.first_paid_at), spans)
        const list = byJudgement.get(judgedIn) ?? []
        byJudgement.set(judgedIn, list)
        list.push({
            era: r.era,
            validator: r.validator_id,
            points: r.points,
            firstPaidInEra: paidIn !== null && paidIn <= judgedIn ? paidIn : null,
        })
    }
    for (const [judgedIn, eraRewards] of [...byJudgement].sort((a, b) => a[0] - b[0])) {
        events.push(
            ...faultEvents(
                {offlineReports: [], offences: [], slashes: [], chills: [], kicks: [], eraRewards},
                {...options, currentEra: judgedIn},
            ),
        )
    }
    return events
}

/**
 * Replaces the candidates' events of the eras (facts in them, payout verdicts judged in them, and any stored
 * event sharing an id with a new one) by `events`: an event is keyed by its source fact, so a re-run writes the
 * same rows.
 */
export async function replaceFaultEvents(
    em: EntityManager,
    eras: FaultEras,
    rules: FaultRules,
    events: readonly FaultEvent[],
    groups: IdentityGroups,
): Promise<void> {
    const after = rules.missedPayoutAfterEras
    await em.query(
        `DELETE FROM fault_event f USING unnest($1::text[]) AS c(stash)
         WHERE f.stash = c.stash AND CASE WHEN f.source = 'missedPayout' THEN f.era BETWEEN $4 AND $5 ELSE f.era BETWEEN $2 AND $3 END`,
        [rules.stashes, eras.fromEra, eras.toEra, eras.fromEra - after - 1, eras.toEra - after - 1],
    )
    await em.query(`DELETE FROM fault_event WHERE id = ANY($1::text[])`, [events.map(e => e.id)])
    await insertRows(
        em,
        events.map(e => faultEventRow(e, groups)),
    )
}

/** Each stash's stored fault events with an era in (era − windowEras, era]: the faults component's raw value. */
export async function countStoredFaults(
    em: EntityManager,
    stashes: readonly string[],
    era: number,
    windowEras: number,
): Promise<Map<string, number>> {
    const rows: {stash: string; n: string}[] = await em.query(
        `SELECT f.stash, count(*) AS n FROM fault_event f JOIN unnest($1::text[]) AS c(stash) ON c.stash = f.stash
         WHERE f.era > $2 AND f.era <= $3 GROUP BY f.stash`,
        [stashes, era - windowEras, era],
    )
    return new Map(rows.map(r => [r.stash, Number(r.n)]))
}

function faultEventRow(e: FaultEvent, groups: IdentityGroups): FaultEventRow {
    return new FaultEventRow({
        id: e.id,
        source: e.source,
        sourceId: e.sourceId,
        stash: e.stash,
        identityGroup: identityGroupOf(e.stash, groups),
        era: e.era,
        session: e.session,
        blockNumber: e.blockNumber,
        timestamp: e.timestampMs === null ? null : new Date(e.timestampMs),
        reason: e.reason,
        evidence: e.evidence,
    })
}
