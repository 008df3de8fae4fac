/**
 * Fault events in Postgres: the chain facts of a window of eras read from the squid's tables (offline
 * reports, offences, slashes, chills, kicks, era points with their payouts) in one statement per table, and
 * the FaultEvent rows of that window replaced. Turning facts into events is fault-event.ts.
 */
import type {EntityManager} from 'typeorm'
import {FaultEvent as FaultEventRow} from '../../db/model'
import {insertRows} from '../../squid/store/bulk-insert'
import {COMPLETE_ERA_SQL} from '../complete-eras'
import {identityGroupOf, type IdentityGroups} from '../rank/active-eras'
import {eraAt, type FaultEvent, type FaultFacts} from './fault-event'
import type {ChainLayer, EraSpan} from './fault-facts'

/** The eras a fault window covers: (era − windowEras, era]. */
export interface FaultWindow {
    era: number
    windowEras: number
}

const ms = (d: Date | null): number | null => (d === null ? null : d.getTime())
const big = (v: string | null): bigint | null => (v === null ? null : BigInt(v))

/** Start and end of the complete eras in the window, to place facts without an era by their time. */
export async function readEraSpans(em: EntityManager, w: FaultWindow): Promise<EraSpan[]> {
    const rows: {index: number; start_time: Date | null; end_time: Date | null}[] = await em.query(
        `SELECT e.index, e.start_time, e.end_time FROM era e WHERE e.index > $1 AND e.index <= $2 AND ${COMPLETE_ERA_SQL} ORDER BY e.index`,
        [w.era - w.windowEras, w.era],
    )
    return rows.filter(r => r.start_time !== null).map(r => ({era: r.index, startMs: (r.start_time as Date).getTime(), endMs: ms(r.end_time)}))
}

/**
 * The facts about `stashes` in the window: rows with an era in it, and rows without an era whose time falls
 * within the window's eras. Payouts made after the window's last era are not seen, so a re-run of an old era
 * judges its payouts as they stood then.
 */
export async function readFaultFacts(em: EntityManager, stashes: readonly string[], w: FaultWindow, spans: readonly EraSpan[]): Promise<FaultFacts> {
    const from = spans.length ? new Date(spans[0].startMs) : new Date(0)
    const last = spans[spans.length - 1]
    const to = last?.endMs != null ? new Date(last.endMs) : new Date(8.64e15)
    const params = [stashes, w.era - w.windowEras, w.era, from, to]
    const inWindow = `((t.era > $2 AND t.era <= $3) OR (t.era IS NULL AND t.timestamp >= $4 AND t.timestamp < $5))`
    const [offline, offences, slashes, chills, kicks, rewards] = await Promise.all([
        em.query(`SELECT id, session, era, validator_id, exposure_total_planck, block_number, timestamp FROM offline_report t WHERE validator_id = ANY($1::text[]) AND ${inWindow}`, params),
        em.query(`SELECT id, chain, kind, time_slot, era, validator_id, slash_fraction_perbill, block_number, timestamp FROM offence t WHERE validator_id = ANY($1::text[]) AND ${inWindow}`, params),
        em.query(`SELECT id, staker_id, amount_planck, era, chain, block_number, timestamp FROM slash t WHERE staker_id = ANY($1::text[]) AND ${inWindow}`, params),
        em.query(`SELECT id, stash_id, era, chain, block_number, timestamp FROM chill t WHERE stash_id = ANY($1::text[]) AND ${inWindow}`, params),
        em.query(`SELECT id, nominator_id, validator_id, era, chain, block_number, timestamp FROM kick t WHERE validator_id = ANY($1::text[]) AND ${inWindow}`, params),
        em.query(
            `SELECT ev.era, ev.validator_id, ev.points,
                    (SELECT min(p.timestamp) FROM payout p WHERE p.validator_id = ev.validator_id AND p.era = ev.era) AS first_paid_at
             FROM era_validator ev WHERE ev.validator_id = ANY($1::text[]) AND ev.era > $2 AND ev.era <= $3 AND ev.points > 0`,
            params.slice(0, 3),
        ),
    ])
    return {
        offlineReports: offline.map((r: any) => ({
            id: r.id, session: r.session, era: r.era, validator: r.validator_id,
            exposureTotalPlanck: big(r.exposure_total_planck), blockNumber: r.block_number, timestampMs: ms(r.timestamp),
        })),
        offences: offences.map((r: any) => ({
            id: r.id, chain: r.chain as ChainLayer, kind: r.kind, timeSlot: r.time_slot, era: r.era, validator: r.validator_id,
            slashFractionPerbill: r.slash_fraction_perbill, blockNumber: r.block_number, timestampMs: ms(r.timestamp),
        })),
        slashes: slashes.map((r: any) => ({
            id: r.id, staker: r.staker_id, amountPlanck: BigInt(r.amount_planck), era: r.era, chain: r.chain as ChainLayer,
            blockNumber: r.block_number, timestampMs: ms(r.timestamp),
        })),
        chills: chills.map((r: any) => ({id: r.id, stash: r.stash_id, era: r.era, chain: r.chain as ChainLayer, blockNumber: r.block_number, timestampMs: ms(r.timestamp)})),
        kicks: kicks.map((r: any) => ({
            id: r.id, nominator: r.nominator_id, validator: r.validator_id, era: r.era, chain: r.chain as ChainLayer,
            blockNumber: r.block_number, timestampMs: ms(r.timestamp),
        })),
        // A payout placed in no era of the window came after it: unpaid as of the window's last era.
        eraRewards: rewards.map((r: any) => ({era: r.era, validator: r.validator_id, points: r.points, firstPaidInEra: eraAt(ms(r.first_paid_at), spans)})),
    }
}

/**
 * Replaces the candidates' fault events of the window (and any stored event the new ones share an id with)
 * by `events`: an event is keyed by its source fact, so a re-run writes the same rows.
 */
export async function replaceFaultEvents(em: EntityManager, stashes: readonly string[], w: FaultWindow, events: readonly FaultEvent[], groups: IdentityGroups): Promise<void> {
    await em.query(
        `DELETE FROM fault_event WHERE (stash = ANY($1::text[]) AND era > $2 AND era <= $3) OR id = ANY($4::text[])`,
        [stashes, w.era - w.windowEras, w.era, events.map(e => e.id)],
    )
    await insertRows(em, events.map(e => faultEventRow(e, groups)))
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
