/**
 * The nominator's records in Postgres (NominationRound, Nomination, ProxyAnnouncement, NominatorExtrinsic and
 * NominatorStatus from schema.graphql) with plain SQL: the only place that knows their columns. A round is
 * inserted with its nominations and announcements in one transaction, once per era, before anything is signed.
 */
import type pg from 'pg'
import type {Call} from '../round/plan'

export type RoundStatus = 'planned' | 'submitting' | 'done' | 'partial' | 'failed' | 'dryRun'
export type NominationStatus = 'planned' | 'submitted' | 'announced' | 'done' | 'failed' | 'cancelled' | 'dryRun'
export type AnnouncementStatus = 'pending' | 'announced' | 'executed' | 'removed' | 'cancelled' | 'failed'
export type ExtrinsicStatus = 'submitted' | 'landed' | 'failed' | 'expired' | 'refused'

export interface RoundRecord {
    id: string
    era: number
    trigger: unknown
    inputSnapshot: string
    inputHash: string
    policyHash: string
    seed: string | null
    candidates: unknown
    targets: {name: string; stash: string; targets: string[]}[]
    plan: unknown
    dryRun: boolean
    status: RoundStatus
}

export interface NominationRecord {
    id: string
    roundId: string
    account: string
    stash: string
    signer: string
    mode: string
    targets: string[]
    callHash: string
    txHash: string | null
    blockNumber: number | null
    blockHash: string | null
    finalized: boolean
    status: NominationStatus
    error: string | null
}

export interface AnnouncementRecord {
    id: string
    nominationId: string
    signer: string
    stash: string
    callHash: string
    targets: string[]
    announcedTxHash: string | null
    announcedBlock: number | null
    status: AnnouncementStatus
    reason: string | null
}

/** What each call of an extrinsic's batch stands for, so its outcome can be written back. */
export type ExtrinsicItem =
    | {kind: 'remark'}
    | {kind: 'nominate'; nominationId: string}
    | {kind: 'announce'; announcementId: string}
    | {kind: 'execute'; announcementId: string}
    /** announcementId null: an announcement on chain that no round of ours recorded. */
    | {kind: 'remove'; announcementId: string | null; status: 'removed' | 'cancelled'; reason: string}

export interface ExtrinsicRecord {
    txHash: string
    roundId: string
    signer: string
    purpose: 'round' | 'announcements'
    call: Call
    items: ExtrinsicItem[]
    hex: string
    nonce: number
    birthBlock: number
    mortalUntilBlock: number
    attempt: number
    status: ExtrinsicStatus
}

export interface StatusRow {
    stash: string
    account: string
    signer: string
    mode: string
    state: string
    reason: string
    bondedPlanck: bigint | null
    lastNominationEra: number | null
    currentTargets: string[]
    stale: boolean
    dryRun: boolean
    round: string
    pendingCallHash: string | null
    pendingAnnouncedBlock: number | null
    pendingExecutableBlock: number | null
}

/** JSON for a jsonb column: bigint as decimal strings. */
export function jsonValue(value: unknown): string {
    return JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))
}

type Queryable = Pick<pg.Pool, 'query'>

export class NominatorStore {
    constructor(private readonly pool: pg.Pool) {}

    async lastRoundEra(): Promise<number | null> {
        const r = await this.pool.query('SELECT max(era) AS era FROM nomination_round')
        return r.rows[0].era ?? null
    }

    /**
     * Inserts the round with its nominations and announcements unless a round of its era exists; returns the
     * stored round of the era either way (`inserted` tells which).
     */
    async insertRound(
        round: RoundRecord,
        nominations: NominationRecord[],
        announcements: AnnouncementRecord[],
    ): Promise<{inserted: boolean; round: RoundRecord}> {
        const client = await this.pool.connect()
        try {
            await client.query('BEGIN')
            const r = await client.query(
                `INSERT INTO nomination_round (id, era, trigger, input_snapshot, input_hash, policy_hash, seed, candidates, targets, plan, dry_run, status, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, now(), now()) ON CONFLICT (era) DO NOTHING RETURNING id`,
                [
                    round.id,
                    round.era,
                    jsonValue(round.trigger),
                    round.inputSnapshot,
                    round.inputHash,
                    round.policyHash,
                    round.seed,
                    jsonValue(round.candidates),
                    jsonValue(round.targets),
                    jsonValue(round.plan),
                    round.dryRun,
                    round.status,
                ],
            )
            const inserted = r.rowCount === 1
            if (inserted) {
                for (const n of nominations) await insertNomination(client, n)
                for (const a of announcements) await insertAnnouncement(client, a)
            }
            await client.query('COMMIT')
            const stored = await this.round(String(round.era))
            return {inserted, round: stored!}
        } catch (e) {
            await client.query('ROLLBACK').catch(() => {})
            throw e
        } finally {
            client.release()
        }
    }

    async round(id: string): Promise<RoundRecord | null> {
        const r = await this.pool.query('SELECT * FROM nomination_round WHERE id = $1', [id])
        return r.rows[0] ? roundOf(r.rows[0]) : null
    }

    /** Rounds whose batches are not all sent yet (a restart continues them). */
    async openRounds(): Promise<RoundRecord[]> {
        const r = await this.pool.query(`SELECT * FROM nomination_round WHERE status IN ('planned', 'submitting') ORDER BY era`)
        return r.rows.map(roundOf)
    }

    async setRoundStatus(id: string, status: RoundStatus): Promise<void> {
        await this.pool.query('UPDATE nomination_round SET status = $2, updated_at = now() WHERE id = $1', [id, status])
    }

    /** The round's status from its nominations once none is planned or submitted: done, partial or failed. */
    async settleRound(id: string): Promise<RoundStatus | null> {
        const r = await this.pool.query('SELECT status, count(*)::int AS n FROM nomination WHERE round_id = $1 GROUP BY status', [id])
        const count = new Map<string, number>(r.rows.map((x: any) => [x.status, x.n]))
        if ((count.get('planned') ?? 0) + (count.get('submitted') ?? 0) > 0) return null
        const failed = (count.get('failed') ?? 0) + (count.get('cancelled') ?? 0)
        const total = [...count.values()].reduce((a, b) => a + b, 0)
        const status: RoundStatus = failed === 0 ? 'done' : failed === total ? 'failed' : 'partial'
        await this.setRoundStatus(id, status)
        return status
    }

    async nominationsOfRound(roundId: string): Promise<NominationRecord[]> {
        const r = await this.pool.query('SELECT * FROM nomination WHERE round_id = $1 ORDER BY id', [roundId])
        return r.rows.map(nominationOf)
    }

    async nomination(id: string): Promise<NominationRecord | null> {
        const r = await this.pool.query('SELECT * FROM nomination WHERE id = $1', [id])
        return r.rows[0] ? nominationOf(r.rows[0]) : null
    }

    async updateNomination(
        id: string,
        change: Partial<Pick<NominationRecord, 'txHash' | 'blockNumber' | 'blockHash' | 'finalized' | 'status' | 'error'>>,
    ): Promise<void> {
        await update(this.pool, 'nomination', id, change)
    }

    async announcements(statuses: AnnouncementStatus[]): Promise<AnnouncementRecord[]> {
        const r = await this.pool.query('SELECT * FROM proxy_announcement WHERE status = ANY($1) ORDER BY id', [statuses])
        return r.rows.map(announcementOf)
    }

    async announcement(id: string): Promise<AnnouncementRecord | null> {
        const r = await this.pool.query('SELECT * FROM proxy_announcement WHERE id = $1', [id])
        return r.rows[0] ? announcementOf(r.rows[0]) : null
    }

    /** The round input hash of the round that recorded an announcement. */
    async roundInputHashOfNomination(nominationId: string): Promise<string | null> {
        const r = await this.pool.query(
            'SELECT r.input_hash FROM nomination n JOIN nomination_round r ON r.id = n.round_id WHERE n.id = $1',
            [nominationId],
        )
        return r.rows[0]?.input_hash ?? null
    }

    async updateAnnouncement(
        id: string,
        change: Partial<{
            announcedTxHash: string
            announcedBlock: number
            status: AnnouncementStatus
            reason: string | null
            executedTxHash: string
            executedBlock: number
            closedTxHash: string
            closedBlock: number
        }>,
    ): Promise<void> {
        await update(this.pool, 'proxy_announcement', id, change)
    }

    /** Recorded before the extrinsic is sent: a restart follows it instead of signing again. */
    async recordExtrinsic(e: ExtrinsicRecord): Promise<void> {
        await this.pool.query(
            `INSERT INTO nominator_extrinsic (id, round_id, signer, purpose, call, hex, nonce, birth_block, mortal_until_block, attempt, status, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now(), now())`,
            [
                e.txHash,
                e.roundId,
                e.signer,
                e.purpose,
                jsonValue({call: e.call, items: e.items}),
                e.hex,
                e.nonce,
                e.birthBlock,
                e.mortalUntilBlock,
                e.attempt,
                e.status,
            ],
        )
    }

    async extrinsics(statuses: ExtrinsicStatus[]): Promise<ExtrinsicRecord[]> {
        const r = await this.pool.query('SELECT * FROM nominator_extrinsic WHERE status = ANY($1) ORDER BY created_at, id', [statuses])
        return r.rows.map(extrinsicOf)
    }

    async finishExtrinsic(
        txHash: string,
        status: ExtrinsicStatus,
        block: {number: number; hash: string} | null,
        error: string | null,
    ): Promise<void> {
        await this.pool.query(
            'UPDATE nominator_extrinsic SET status = $2, block_number = $3, block_hash = $4, error = $5, updated_at = now() WHERE id = $1',
            [txHash, status, block?.number ?? null, block?.hash ?? null, error],
        )
    }

    async writeStatus(rows: StatusRow[]): Promise<void> {
        for (const s of rows) {
            await this.pool.query(
                `INSERT INTO nominator_status (id, account, signer, mode, state, reason, bonded_planck, last_nomination_era, current_targets, stale, dry_run, round,
                    pending_call_hash, pending_announced_block, pending_executable_block, checked_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, now())
                 ON CONFLICT (id) DO UPDATE SET account = $2, signer = $3, mode = $4, state = $5, reason = $6, bonded_planck = $7, last_nomination_era = $8,
                    current_targets = $9, stale = $10, dry_run = $11, round = $12, pending_call_hash = $13, pending_announced_block = $14,
                    pending_executable_block = $15, checked_at = now()`,
                [
                    s.stash,
                    s.account,
                    s.signer,
                    s.mode,
                    s.state,
                    s.reason,
                    s.bondedPlanck?.toString() ?? null,
                    s.lastNominationEra,
                    s.currentTargets,
                    s.stale,
                    s.dryRun,
                    s.round,
                    s.pendingCallHash,
                    s.pendingAnnouncedBlock,
                    s.pendingExecutableBlock,
                ],
            )
        }
    }
}

async function insertNomination(db: Queryable, n: NominationRecord): Promise<void> {
    await db.query(
        `INSERT INTO nomination (id, round_id, account, stash, signer, mode, targets, call_hash, tx_hash, block_number, block_hash, finalized, status, error, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, now())`,
        [
            n.id,
            n.roundId,
            n.account,
            n.stash,
            n.signer,
            n.mode,
            n.targets,
            n.callHash,
            n.txHash,
            n.blockNumber,
            n.blockHash,
            n.finalized,
            n.status,
            n.error,
        ],
    )
}

async function insertAnnouncement(db: Queryable, a: AnnouncementRecord): Promise<void> {
    await db.query(
        `INSERT INTO proxy_announcement (id, nomination_id, signer, stash, call_hash, targets, announced_tx_hash, announced_block, status, reason, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now())`,
        [a.id, a.nominationId, a.signer, a.stash, a.callHash, a.targets, a.announcedTxHash, a.announcedBlock, a.status, a.reason],
    )
}

const snake = (camel: string) => camel.replace(/[A-Z]/g, c => `_${c.toLowerCase()}`)

async function update(db: Queryable, table: string, id: string, change: Record<string, unknown>): Promise<void> {
    const keys = Object.keys(change).filter(k => change[k] !== undefined)
    if (keys.length === 0) return
    const sets = keys.map((k, i) => `${snake(k)} = $${i + 2}`)
    await db.query(`UPDATE ${table} SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, [id, ...keys.map(k => change[k])])
}

function roundOf(r: any): RoundRecord {
    return {
        id: r.id,
        era: r.era,
        trigger: r.trigger,
        inputSnapshot: r.input_snapshot,
        inputHash: r.input_hash,
        policyHash: r.policy_hash,
        seed: r.seed,
        candidates: r.candidates,
        targets: r.targets,
        plan: r.plan,
        dryRun: r.dry_run,
        status: r.status,
    }
}

/** A `nomination` row as its record (the gateway reads the same rows). */
export function nominationOf(r: any): NominationRecord {
    return {
        id: r.id,
        roundId: r.round_id,
        account: r.account,
        stash: r.stash,
        signer: r.signer,
        mode: r.mode,
        targets: r.targets,
        callHash: r.call_hash,
        txHash: r.tx_hash,
        blockNumber: r.block_number,
        blockHash: r.block_hash,
        finalized: r.finalized,
        status: r.status,
        error: r.error,
    }
}

/** A `proxy_announcement` row as its record (the gateway reads the same rows). */
export function announcementOf(r: any): AnnouncementRecord {
    return {
        id: r.id,
        nominationId: r.nomination_id,
        signer: r.signer,
        stash: r.stash,
        callHash: r.call_hash,
        targets: r.targets,
        announcedTxHash: r.announced_tx_hash,
        announcedBlock: r.announced_block,
        status: r.status,
        reason: r.reason,
    }
}

function extrinsicOf(r: any): ExtrinsicRecord {
    return {
        txHash: r.id,
        roundId: r.round_id,
        signer: r.signer,
        purpose: r.purpose,
        call: r.call.call,
        items: r.call.items,
        hex: r.hex,
        nonce: r.nonce,
        birthBlock: r.birth_block,
        mortalUntilBlock: r.mortal_until_block,
        attempt: r.attempt,
        status: r.status,
    }
}
