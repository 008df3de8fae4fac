/**
 * The gateway's reads of the squid's and the telemetry follower's tables: one method per question a route
 * asks, SQL inline, rows returned as plain objects keyed by account hex. The only file that knows the
 * column names of those tables.
 */
import type pg from 'pg'
import type {PageRequest} from './page'
import {ChainLayer, STATE_SCHEMAS} from '../squid/chain-layer'

export interface Page<T> {
    rows: T[]
    total: number
}

export interface EraPointsRow {
    era: number
    validator: string
    points: number
}

export interface RewardRow {
    id: string
    era: number | null
    validator: string | null
    stash: string
    destination: string | null
    amountPlanck: bigint
    blockNumber: number
    timestamp: Date | null
    totalExposurePlanck: bigint | null
    commissionPerbill: number | null
    /** The stash's own exposure behind the validator in that era (its own stake when it is the validator). */
    exposurePlanck: bigint | null
}

export interface SessionKeysRow {
    validator: string
    keys: Record<string, string>
    beefyHex: string | null
}

export interface LocatedNode {
    candidateStash: string
    city: string | null
    region: string | null
    country: string | null
    provider: string | null
    lookedUpAt: Date
}

const big = (v: string | null): bigint | null => (v === null ? null : BigInt(v))

export class ChainHistoryStore {
    constructor(private readonly pool: pg.Pool) {}

    private async rows<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
        return (await this.pool.query<T>(sql, params)).rows
    }

    async accountExists(hex: string): Promise<boolean> {
        return (await this.rows('SELECT 1 FROM account WHERE id = $1', [hex])).length > 0
    }

    /**
     * A validator's points in the last `window` eras counted back from the newest era indexed, newest first; one
     * statement (the total rides along as a window count).
     */
    async eraPoints(validator: string, window: number, page: PageRequest): Promise<Page<EraPointsRow>> {
        const where = 'FROM era_validator WHERE validator_id = $1 AND era > (SELECT max(era) FROM era_validator) - $2'
        const rows = await this.rows<{era: number; points: number; total: string}>(
            `SELECT era, points, count(*) OVER () AS total ${where} ORDER BY era DESC LIMIT $3 OFFSET $4`,
            [validator, window, page.limit, page.offset],
        )
        const total = rows.length ? Number(rows[0].total) : await this.count(`SELECT count(*) AS n ${where}`, [validator, window])
        return {rows: rows.map(r => ({era: r.era, validator, points: r.points})), total}
    }

    /** The eras with points among the last `window`, newest first (a page of them), and how many there are. */
    async erasWithPoints(window: number, page: PageRequest): Promise<Page<number>> {
        const where = 'FROM era_validator WHERE era > (SELECT max(era) FROM era_validator) - $1 AND points > 0'
        const rows = await this.rows<{era: number; total: string}>(
            `SELECT era, count(*) OVER () AS total FROM (SELECT DISTINCT era ${where}) e ORDER BY era DESC LIMIT $2 OFFSET $3`,
            [window, page.limit, page.offset],
        )
        const total = rows.length ? Number(rows[0].total) : await this.count(`SELECT count(DISTINCT era) AS n ${where}`, [window])
        return {rows: rows.map(r => r.era), total}
    }

    private async count(sql: string, params: unknown[]): Promise<number> {
        const [r] = await this.rows<{n: string}>(sql, params)
        return Number(r.n)
    }

    /** Every validator's points in the given eras, highest first within an era. */
    async pointsInEras(eras: number[]): Promise<EraPointsRow[]> {
        if (!eras.length) return []
        const rows = await this.rows<{era: number; validator_id: string; points: number}>(
            'SELECT era, validator_id, points FROM era_validator WHERE era = ANY($1) AND points > 0 ORDER BY era DESC, points DESC, validator_id',
            [eras],
        )
        return rows.map(r => ({era: r.era, validator: r.validator_id, points: r.points}))
    }

    async activeEraCount(validator: string): Promise<number> {
        const [r] = await this.rows<{n: string}>('SELECT count(*) AS n FROM era_validator WHERE validator_id = $1 AND active', [validator])
        return Number(r.n)
    }

    /** The session keys of the newest era that has any, and that era's active set (the era's validators). */
    async latestSessionKeys(): Promise<{era: number | null; keys: SessionKeysRow[]}> {
        const [latest] = await this.rows<{era: number | null}>('SELECT max(era) AS era FROM session_keys')
        if (latest.era === null) return {era: null, keys: []}
        const rows = await this.rows<{validator_id: string; keys: Record<string, string>; beefy: string | null}>(
            'SELECT validator_id, keys, beefy FROM session_keys WHERE era = $1 ORDER BY validator_id',
            [latest.era],
        )
        return {era: latest.era, keys: rows.map(r => ({validator: r.validator_id, keys: r.keys, beefyHex: r.beefy}))}
    }

    /** Validators with a placeholder BEEFY key in the newest era with session keys. */
    async dummyBeefyKeys(page: PageRequest): Promise<Page<SessionKeysRow>> {
        const where = `FROM session_keys WHERE era = (SELECT max(era) FROM session_keys) AND lower(beefy) LIKE '0x62656566%'`
        const [rows, [count]] = await Promise.all([
            this.rows<{validator_id: string; keys: Record<string, string>; beefy: string | null}>(
                `SELECT validator_id, keys, beefy ${where} ORDER BY validator_id LIMIT $1 OFFSET $2`,
                [page.limit, page.offset],
            ),
            this.rows<{n: string}>(`SELECT count(*) AS n ${where}`),
        ])
        return {rows: rows.map(r => ({validator: r.validator_id, keys: r.keys, beefyHex: r.beefy})), total: Number(count.n)}
    }

    /** Rewards paid for `validator`'s eras (its own and its nominators'), or received by `stash`, newest first. */
    async rewards(filter: {validator: string} | {stash: string}, era: number | undefined, page: PageRequest): Promise<Page<RewardRow>> {
        const column = 'validator' in filter ? 'r.validator_id' : 'r.stash_id'
        const params: unknown[] = ['validator' in filter ? filter.validator : filter.stash]
        let condition = `${column} = $1`
        if (era !== undefined) {
            params.push(era)
            condition += ' AND r.era = $2'
        }
        const n = params.length
        const rows = await this.rows<{
            id: string
            era: number | null
            validator_id: string | null
            stash_id: string
            destination: string | null
            amount_planck: string
            block_number: number
            timestamp: Date | null
            total_exposure_planck: string | null
            commission_perbill: number | null
            exposure_planck: string | null
            total: string
        }>(
            `SELECT r.id, r.era, r.validator_id, r.stash_id, r.destination, r.amount_planck, r.block_number, r.timestamp,
                        ev.total_exposure_planck, ev.commission_perbill,
                        CASE WHEN r.stash_id = r.validator_id THEN ev.own_exposure_planck ELSE x.amount_planck END AS exposure_planck,
                        count(*) OVER () AS total
                 FROM reward r
                 LEFT JOIN era_validator ev ON ev.era = r.era AND ev.validator_id = r.validator_id
                 LEFT JOIN exposure x ON x.era = r.era AND x.validator_id = r.validator_id AND x.nominator_id = r.stash_id
                 WHERE ${condition}
                 ORDER BY r.block_number DESC, r.id DESC LIMIT $${n + 1} OFFSET $${n + 2}`,
            [...params, page.limit, page.offset],
        )
        const total = rows.length
            ? Number(rows[0].total)
            : await this.count(`SELECT count(*) AS n FROM reward r WHERE ${condition}`, params)
        return {
            rows: rows.map(r => ({
                id: r.id,
                era: r.era,
                validator: r.validator_id,
                stash: r.stash_id,
                destination: r.destination,
                amountPlanck: BigInt(r.amount_planck),
                blockNumber: r.block_number,
                timestamp: r.timestamp,
                totalExposurePlanck: big(r.total_exposure_planck),
                commissionPerbill: r.commission_perbill,
                exposurePlanck: big(r.exposure_planck),
            })),
            total,
        }
    }

    /** The validator's own rewards (as the validator, not as a nominator of others): sum and count. */
    async validatorRewardTotal(validator: string): Promise<{totalPlanck: bigint; count: number}> {
        const [r] = await this.rows<{total: string | null; n: string}>(
            'SELECT sum(amount_planck) AS total, count(*) AS n FROM reward WHERE validator_id = $1 AND stash_id = $1',
            [validator],
        )
        return {totalPlanck: BigInt(r.total ?? '0'), count: Number(r.n)}
    }

    /** A processor's indexed height, or null when it has not run on this database. */
    async indexedHeight(layer: ChainLayer): Promise<number | null> {
        try {
            const [r] = await this.rows<{height: number}>(`SELECT height FROM "${STATE_SCHEMAS[layer]}".status WHERE id = 0`)
            return r && r.height >= 0 ? r.height : null
        } catch (e) {
            // 3F000 no such schema, 42P01 no such table: that processor never ran here.
            const code = (e as {code?: string}).code
            if (code === '3F000' || code === '42P01') return null
            throw e
        }
    }

    /** The chain's finalized head each processor last recorded (ChainHead), and when. */
    async chainHeads(): Promise<Map<ChainLayer, {finalizedHeight: number; seenAtMs: number}>> {
        const rows = await this.rows<{id: ChainLayer; finalized_height: number; seen_at: Date}>(
            'SELECT id, finalized_height, seen_at FROM chain_head',
        )
        return new Map(rows.map(r => [r.id, {finalizedHeight: r.finalized_height, seenAtMs: r.seen_at.getTime()}]))
    }

    async latestSession(): Promise<number | null> {
        const [r] = await this.rows<{index: number | null}>('SELECT max(index) AS index FROM session')
        return r.index
    }

    /** Candidates' nodes with a location: per candidate stash, its most recently seen node; only valid candidates' when asked. */
    async candidateNodeLocations(validOnly = false): Promise<LocatedNode[]> {
        const rows = await this.rows<{
            candidate_stash: string
            city: string | null
            region: string | null
            country: string | null
            provider: string | null
            looked_up_at: Date
        }>(
            `SELECT DISTINCT ON (n.candidate_stash) n.candidate_stash, l.city, l.region, l.country, l.provider, l.looked_up_at
             FROM telemetry_node n JOIN telemetry_node_location l ON l.node_id = n.id
             WHERE n.candidate_stash IS NOT NULL
             ${validOnly ? `AND EXISTS (SELECT 1 FROM candidate c WHERE c.stash = n.candidate_stash AND c.removed_at IS NULL AND c.verdict = 'valid')` : ''}
             ORDER BY n.candidate_stash, n.last_seen_at DESC`,
        )
        return rows.map(r => ({
            candidateStash: r.candidate_stash,
            city: r.city,
            region: r.region,
            country: r.country,
            provider: r.provider,
            lookedUpAt: r.looked_up_at,
        }))
    }

    async ping(): Promise<void> {
        await this.pool.query('SELECT 1')
    }
}
