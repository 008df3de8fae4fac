/**
 * One validity pass: the facts of every current candidate read from Postgres, run through the checks,
 * their hysteresis and the verdict, and the results (check states, flips, verdicts, the run) written in
 * one transaction, so a pass killed half-way leaves nothing and the next one starts from the last whole pass.
 */
import type pg from 'pg'
import type {Config} from '../config/load'
import type {ValidityCheckName} from '../config/schema'
import {currentCandidates} from './candidates/candidate-sync'
import type {CheckStatus, Evidence} from './validity/check-result'
import type {EnabledCheck} from './validity/checks'
import {countVerdicts, evaluateCandidate, type StoredCheck} from './validity/candidate-evaluation'
import type {Fact, KusamaRankFacts} from './validity/facts'
import {readFacts} from './validity/facts-store'
import type {NotifyEvent} from '../notify/events'
import type {ValidityChange} from './validity/hysteresis'
import {verdictEvents, verdictTurn, type VerdictTurn} from './validity/verdict-events'
import type {Verdict, VerdictState} from './validity/verdict'

/** Session-level advisory lock: one pass at a time, whichever process runs it. */
const PASS_LOCK_KEY = 0x5c0e7

export type PassTrigger = 'start' | 'era' | 'session' | 'schedule'

export interface PassOptions {
    checks: EnabledCheck[]
    keepLastKnownMs: number
    uptimeWindowMs: number
    slashEras: number
    telemetryChain?: string
    /** validity.maxSquidHeadAgeMs */
    maxSquidHeadAgeMs: number
    trigger: PassTrigger
    nowMs: number
    /**
     * Asks the Kusama instance about the candidates' Kusama stashes (validity.kusamaRank): the answers by
     * Kusama stash. Asked before the pass's transaction, so no transaction waits on HTTP.
     */
    kusamaRanks?: (kusamaStashes: string[]) => Promise<Map<string, Fact<KusamaRankFacts>>>
    /** Called after the results are written and before the commit (tests stop a pass there). */
    beforeCommit?: () => Promise<void>
    /** Told the verdicts that turned, after the commit (a pass rolled back has turned nothing); must not block. */
    notify?: (event: NotifyEvent) => void
}

/** What a pass takes from the config's `validity` section beside the checks themselves. */
export function validityOptions(
    validity: Config['validity'],
): Pick<PassOptions, 'keepLastKnownMs' | 'uptimeWindowMs' | 'slashEras' | 'maxSquidHeadAgeMs'> {
    return {
        keepLastKnownMs: validity.keepLastKnownMs,
        uptimeWindowMs: validity.accumulatedOffline.windowMs,
        slashEras: validity.noSlash.eras,
        maxSquidHeadAgeMs: validity.maxSquidHeadAgeMs,
    }
}

export interface PassSummary {
    runId: string
    /** A chain-triggered pass for an era and session already passed does nothing. */
    skipped: boolean
    era: number | null
    session: number | null
    candidates: number
    counts: Record<CheckStatus, number>
    changes: number
    /** Candidates whose verdict turned invalid, or valid again (`verdictTurn`). */
    turns: number
    durationMs: number
}

export async function runPass(pool: pg.Pool, opts: PassOptions): Promise<PassSummary> {
    const startedMs = Date.now()
    const client = await pool.connect()
    let broken = false
    try {
        await client.query('SELECT pg_advisory_lock($1)', [PASS_LOCK_KEY])
        try {
            const kusama = opts.kusamaRanks
                ? await opts.kusamaRanks((await currentCandidates(client)).flatMap(c => (c.kusamaStash === null ? [] : [c.kusamaStash])))
                : undefined
            return await passInTransaction(client, opts, startedMs, kusama)
        } finally {
            await client.query('SELECT pg_advisory_unlock($1)', [PASS_LOCK_KEY])
        }
    } catch (e) {
        // A connection in an unknown state is closed, which also drops the lock.
        broken = true
        throw e
    } finally {
        client.release(broken)
    }
}

async function passInTransaction(
    client: pg.PoolClient,
    opts: PassOptions,
    startedMs: number,
    kusama: Map<string, Fact<KusamaRankFacts>> | undefined,
): Promise<PassSummary> {
    const nowMs = opts.nowMs
    const runId = String(nowMs)
    // One consistent view of the squid's and the follower's tables for the whole read.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ')
    try {
        const candidates = await currentCandidates(client)
        const read = await readFacts(client, candidates, {
            nowMs,
            telemetryChain: opts.telemetryChain,
            uptimeWindowMs: opts.uptimeWindowMs,
            slashEras: opts.slashEras,
            maxSquidHeadAgeMs: opts.maxSquidHeadAgeMs,
            unclaimedEras: opts.checks.some(c => c.name === 'unclaimedRewards'),
        })
        // A candidate added since the answers were fetched has none: its check says unknown (missing).
        for (const r of read.results) {
            const stash = r.candidate.kusamaStash
            if ('facts' in r && kusama && stash !== null) r.facts.kusamaRank = kusama.get(stash)
        }
        if (opts.trigger === 'era' || opts.trigger === 'session') {
            const last = (await client.query(`SELECT era, session FROM scorer_run WHERE error IS NULL ORDER BY started_at DESC LIMIT 1`))
                .rows[0]
            if (last && last.era === read.era && last.session === read.session) {
                await client.query('ROLLBACK')
                return {
                    runId,
                    skipped: true,
                    era: read.era,
                    session: read.session,
                    candidates: candidates.length,
                    counts: {valid: 0, invalid: 0, unknown: 0},
                    changes: 0,
                    turns: 0,
                    durationMs: Date.now() - startedMs,
                }
            }
        }
        const ids = candidates.map(c => c.stashPublicKeyHex)
        const stored = await storedChecks(client, ids)
        const verdicts = await storedVerdicts(client, ids)
        const changedChecks: {candidate: string; row: StoredCheck}[] = []
        const changes: ValidityChange[] = []
        const newVerdicts: {candidate: string; verdict: Verdict}[] = []
        const turns: VerdictTurn[] = []
        for (const r of read.results) {
            const id = r.candidate.stashPublicKeyHex
            const e = evaluateCandidate(
                id,
                'facts' in r ? r.facts : {error: r.error},
                opts.checks,
                stored.get(id) ?? new Map(),
                verdicts.get(id),
                nowMs,
                opts.keepLastKnownMs,
            )
            for (const row of e.changedChecks) changedChecks.push({candidate: id, row})
            changes.push(...e.changes)
            newVerdicts.push({candidate: id, verdict: e.verdict})
            const turn = verdictTurn({stash: r.candidate.stash, name: r.candidate.name}, verdicts.get(id), e.verdict, e.checks)
            if (turn) turns.push(turn)
        }
        const counts = countVerdicts(newVerdicts.map(v => v.verdict))
        await client.query(
            `INSERT INTO scorer_run (id, started_at, ended_at, duration_ms, trigger, era, session, candidates, valid, invalid, unknown, changes)
            VALUES ($1, $2, $2, 0, $3, $4, $5, $6, $7, $8, $9, $10)`,
            [
                runId,
                new Date(nowMs),
                opts.trigger,
                read.era,
                read.session,
                candidates.length,
                counts.valid,
                counts.invalid,
                counts.unknown,
                changes.length,
            ],
        )
        await writeChecks(
            client,
            changedChecks.filter(c => !stored.get(c.candidate)?.has(c.row.check)),
            changedChecks.filter(c => stored.get(c.candidate)?.has(c.row.check)),
        )
        await writeChanges(client, changes, runId)
        await writeVerdicts(client, newVerdicts, read.roots, nowMs)
        const durationMs = Date.now() - startedMs
        await client.query('UPDATE scorer_run SET ended_at = $2, duration_ms = $3 WHERE id = $1', [
            runId,
            new Date(nowMs + durationMs),
            durationMs,
        ])
        await opts.beforeCommit?.()
        await client.query('COMMIT')
        if (opts.notify) for (const event of verdictEvents(turns)) opts.notify(event)
        return {
            runId,
            skipped: false,
            era: read.era,
            session: read.session,
            candidates: candidates.length,
            counts,
            changes: changes.length,
            turns: turns.length,
            durationMs,
        }
    } catch (e) {
        await client.query('ROLLBACK').catch(() => {})
        throw e
    }
}

/** Records a pass that failed: its time, trigger and error, and no results. */
export async function recordFailedPass(pool: pg.Pool, trigger: PassTrigger, nowMs: number, error: string): Promise<void> {
    const durationMs = Math.max(0, Date.now() - nowMs)
    await pool.query(
        `INSERT INTO scorer_run (id, started_at, ended_at, duration_ms, trigger, candidates, valid, invalid, unknown, changes, error)
        VALUES ($1, $2, $3, $4, $5, 0, 0, 0, 0, 0, $6) ON CONFLICT (id) DO NOTHING`,
        [String(nowMs), new Date(nowMs), new Date(nowMs + durationMs), durationMs, trigger, error],
    )
}

/** A timestamptz column as epoch milliseconds (float8: a JS number, exact for whole ms). */
const epochMs = (column: string) => `(extract(epoch FROM ${column}) * 1000)::float8`

async function storedChecks(db: pg.ClientBase, ids: string[]): Promise<Map<string, Map<ValidityCheckName, StoredCheck>>> {
    const rows = (
        await db.query(
            // Times as epoch ms: a Date parsed per row of 15 per candidate was a sixth of a steady pass's CPU.
            `SELECT candidate_id, "check", status, ${epochMs('since')} AS since_ms, pending_status, pending_count,
                ${epochMs('pending_since')} AS pending_since_ms, sentence, pending_sentence
        FROM validity_check WHERE candidate_id = ANY($1)`,
            [ids],
        )
    ).rows
    const out = new Map<string, Map<ValidityCheckName, StoredCheck>>()
    for (const r of rows) {
        let m = out.get(r.candidate_id)
        if (!m) {
            m = new Map()
            out.set(r.candidate_id, m)
        }
        m.set(r.check, {
            check: r.check,
            status: r.status,
            sinceMs: r.since_ms,
            pending: r.pending_status ? {status: r.pending_status, count: r.pending_count, sinceMs: r.pending_since_ms} : null,
            // Evidence is written only with its sentence; an unchanged row keeps the stored one.
            evidence: STORED_EVIDENCE,
            sentence: r.sentence,
            pendingEvidence: null,
            pendingSentence: r.pending_sentence,
        })
    }
    return out
}

/** Stands for evidence left as stored: a row whose status is not confirmed by a pass keeps what it has. */
const STORED_EVIDENCE: Evidence = {code: 'stored', source: 'validity_check', observed: null, threshold: null}

async function storedVerdicts(db: pg.ClientBase, ids: string[]): Promise<Map<string, VerdictState>> {
    const rows = (
        await db.query(
            `SELECT id, verdict, verdict_since, verdict_last_known_at FROM candidate WHERE id = ANY($1) AND verdict IS NOT NULL`,
            [ids],
        )
    ).rows
    return new Map(
        rows.map(r => [
            r.id,
            {status: r.verdict, sinceMs: r.verdict_since.getTime(), lastKnownAtMs: r.verdict_last_known_at?.getTime() ?? null},
        ]),
    )
}

/**
 * Inserts the new check rows and updates the stored ones: the pass read every stored row in its transaction under
 * the pass lock, so it knows which exist (a plain insert costs a third less than an upsert on the first pass).
 */
async function writeChecks(
    db: pg.ClientBase,
    added: {candidate: string; row: StoredCheck}[],
    changed: {candidate: string; row: StoredCheck}[],
): Promise<void> {
    // One JSON document for all rows: parsed once by Postgres, cheaper than arrays of JSON text.
    const doc = (rows: {candidate: string; row: StoredCheck}[]) =>
        JSON.stringify(
            rows.map(({candidate, row: r}) => ({
                id: `${candidate}:${r.check}`,
                candidate_id: candidate,
                check: r.check,
                status: r.status,
                // A row whose status is held over a pending result keeps its stored evidence.
                evidence: r.evidence === STORED_EVIDENCE ? null : r.evidence,
                sentence: r.sentence,
                since: new Date(r.sinceMs).toISOString(),
                pending_status: r.pending?.status ?? null,
                pending_count: r.pending?.count ?? null,
                pending_since: r.pending ? new Date(r.pending.sinceMs).toISOString() : null,
                pending_evidence: r.pendingEvidence,
                pending_sentence: r.pendingSentence,
            })),
        )
    const columns = `u(id text, candidate_id text, "check" text, status text, evidence jsonb, sentence text, since timestamptz,
            pending_status text, pending_count int, pending_since timestamptz, pending_evidence jsonb, pending_sentence text)`
    if (added.length)
        await db.query(
            `INSERT INTO validity_check (id, candidate_id, "check", status, evidence, sentence, since, pending_status, pending_count, pending_since, pending_evidence, pending_sentence)
            SELECT u.id, u.candidate_id, u."check", u.status, COALESCE(u.evidence, '{}'::jsonb), u.sentence, u.since, u.pending_status, u.pending_count, u.pending_since, u.pending_evidence, u.pending_sentence
            FROM jsonb_to_recordset($1::jsonb) AS ${columns}`,
            [doc(added)],
        )
    if (changed.length)
        await db.query(
            `UPDATE validity_check v SET status = u.status, evidence = COALESCE(u.evidence, v.evidence), sentence = u.sentence, since = u.since,
                pending_status = u.pending_status, pending_count = u.pending_count, pending_since = u.pending_since,
                pending_evidence = u.pending_evidence, pending_sentence = u.pending_sentence
            FROM jsonb_to_recordset($1::jsonb) AS ${columns}
            WHERE v.id = u.id`,
            [doc(changed)],
        )
}

async function writeChanges(db: pg.ClientBase, changes: ValidityChange[], runId: string): Promise<void> {
    if (!changes.length) return
    const doc = changes.map(c => ({
        candidate_id: c.candidate,
        check: c.check,
        from_status: c.from,
        to_status: c.to,
        evidence: c.evidence,
        sentence: c.sentence,
    }))
    await db.query(
        `INSERT INTO validity_change (id, candidate_id, "check", from_status, to_status, evidence, sentence, at, run_id)
        SELECT u.candidate_id || ':' || u."check" || ':' || $3, u.candidate_id, u."check", u.from_status, u.to_status, u.evidence, u.sentence, $2, $4
        FROM jsonb_to_recordset($1::jsonb) AS u(candidate_id text, "check" text, from_status text, to_status text, evidence jsonb, sentence text)`,
        [JSON.stringify(doc), new Date(changes[0].atMs), String(changes[0].atMs), runId],
    )
}

async function writeVerdicts(
    db: pg.ClientBase,
    verdicts: {candidate: string; verdict: Verdict}[],
    roots: Map<string, string>,
    nowMs: number,
): Promise<void> {
    if (!verdicts.length) return
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())
    await db.query(
        `UPDATE candidate c SET verdict = u.verdict, verdict_since = u.since, verdict_last_known_at = u.last_known, verdict_held = u.held,
            invalid_checks = ARRAY(SELECT jsonb_array_elements_text(u.invalid)), unknown_checks = ARRAY(SELECT jsonb_array_elements_text(u.unknown)),
            identity_root = u.root, checked_at = $9
        FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::bool[], $6::jsonb[], $7::jsonb[], $8::text[])
            AS u(id, verdict, since, last_known, held, invalid, unknown, root)
        WHERE c.id = u.id`,
        [
            verdicts.map(v => v.candidate),
            verdicts.map(v => v.verdict.status),
            verdicts.map(v => iso(v.verdict.sinceMs)),
            verdicts.map(v => iso(v.verdict.lastKnownAtMs)),
            verdicts.map(v => v.verdict.held),
            verdicts.map(v => JSON.stringify(v.verdict.invalidChecks)),
            verdicts.map(v => JSON.stringify(v.verdict.unknownChecks)),
            verdicts.map(v => roots.get(v.candidate) ?? null),
            new Date(nowMs),
        ],
    )
}
