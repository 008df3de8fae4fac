/**
 * Telemetry state in Postgres (the TelemetryNode, TelemetryNodeInterval, FeedConnectionInterval and
 * TelemetryNodeLocation tables from schema.graphql), written in one transaction per batch with plain
 * SQL; after a crash, intervals left open end when the feed was last confirmed alive.
 */
import type pg from 'pg'
import type {IpLocation} from './ip-location'
import type {FeedOp, IntervalOp, RestoredNode} from './node-state'
import {uptime, type Span, type Uptime} from './uptime'
import {UPTIME_SQL, uptimeFromSqlRow, uptimeSqlParams} from './uptime-sql'

/** One telemetry_node row, as json_populate_recordset reads it (snake_case, ISO times). */
export interface NodeRow {
    id: string
    genesis_hash: string
    name: string
    implementation: string | null
    version: string | null
    /** SS58, as the feed gives it; its hex public key beside it. */
    validator_address: string | null
    validator_public_key: string | null
    network_id: string | null
    ip: string | null
    startup_time: string | null
    sysinfo: unknown
    hwbench: unknown
    feed_latitude: number | null
    feed_longitude: number | null
    feed_city: string | null
    first_seen_at: string
    last_seen_at: string
    online: boolean
    connections: number
    stale: boolean
    /** SS58, as the candidate list gives it; its hex public key beside it. */
    candidate_stash: string | null
    candidate_public_key: string | null
    matched_by: string | null
}

export interface TelemetryBatch {
    genesisHash: string
    feedUrl: string
    nodes: NodeRow[]
    intervals: IntervalOp[]
    feed: FeedOp[]
    /** The feed is up and was alive at this time; null while it is down. */
    aliveUntilMs: number | null
}

export interface StoredNode extends RestoredNode {
    id: string
    /** Where its IP was looked up last (not the feed's own location, which is `location`). */
    ipLocation: {ip: string; lookedUpAtMs: number} | null
}

export function intervalId(nodeKey: string, kind: string, startMs: number): string {
    return `${nodeKey}:${kind}:${startMs}`
}

export function feedIntervalId(genesisHash: string, startMs: number): string {
    return `${genesisHash}:${startMs}`
}

const iso = (ms: number) => new Date(ms).toISOString()

const NODE_UPDATE_COLUMNS = [
    'implementation',
    'version',
    'validator_address',
    'validator_public_key',
    'network_id',
    'ip',
    'startup_time',
    'sysinfo',
    'hwbench',
    'feed_latitude',
    'feed_longitude',
    'feed_city',
    'last_seen_at',
    'online',
    'connections',
    'stale',
    'candidate_stash',
    'candidate_public_key',
    'matched_by',
]

export class TelemetryStore {
    constructor(private readonly pool: pg.Pool) {}

    /**
     * A pooled client for one transaction. A connection that drops while checked out (a database
     * shutdown) fails the running query; without a listener it would also crash the process.
     */
    private async checkOut(): Promise<{client: pg.PoolClient; release: () => void}> {
        const client = await this.pool.connect()
        let lost: Error | undefined
        const onError = (e: Error) => (lost = e)
        client.on('error', onError)
        return {
            client,
            release: () => {
                client.off('error', onError)
                // A lost connection is destroyed, not handed to the next caller.
                client.release(lost)
            },
        }
    }

    /**
     * After a restart: intervals the previous run left open end at the last time it confirmed the feed
     * alive, so the time it was not running is unknown rather than online or offline. Returns counts.
     */
    async recover(genesisHash: string): Promise<{nodeIntervals: number; feedIntervals: number}> {
        const {client, release} = await this.checkOut()
        try {
            await client.query('BEGIN')
            const nodes = await client.query(
                `UPDATE telemetry_node_interval i
                    SET "end" = GREATEST(i.start, COALESCE(
                        (SELECT max(COALESCE(f."end", f.alive_until)) FROM feed_connection_interval f WHERE f.genesis_hash = $1), i.start))
                   FROM telemetry_node n
                  WHERE i.node_id = n.id AND n.genesis_hash = $1 AND i."end" IS NULL`,
                [genesisHash],
            )
            const feeds = await client.query(
                `UPDATE feed_connection_interval SET "end" = alive_until WHERE genesis_hash = $1 AND "end" IS NULL`,
                [genesisHash],
            )
            await client.query(`UPDATE telemetry_node SET connections = 0 WHERE genesis_hash = $1`, [genesisHash])
            await client.query('COMMIT')
            return {nodeIntervals: nodes.rowCount ?? 0, feedIntervals: feeds.rowCount ?? 0}
        } catch (e) {
            await client.query('ROLLBACK')
            throw e
        } finally {
            release()
        }
    }

    async loadNodes(genesisHash: string): Promise<StoredNode[]> {
        const {rows} = await this.pool.query(
            `SELECT n.*, l.ip AS location_ip, l.looked_up_at
               FROM telemetry_node n LEFT JOIN telemetry_node_location l ON l.node_id = n.id
              WHERE n.genesis_hash = $1`,
            [genesisHash],
        )
        return rows.map(r => ({
            id: r.id,
            chain: r.genesis_hash,
            name: r.name,
            firstSeenMs: r.first_seen_at.getTime(),
            lastSeenMs: r.last_seen_at.getTime(),
            online: r.online,
            details:
                r.implementation === null
                    ? null
                    : {
                          name: r.name,
                          implementation: r.implementation,
                          version: r.version,
                          validatorAddress: r.validator_address,
                          networkId: r.network_id,
                          ip: r.ip,
                          sysinfo: r.sysinfo,
                      },
            hwbench: r.hwbench,
            startupTimeMs: r.startup_time?.getTime() ?? null,
            stale: r.stale,
            location:
                r.feed_city === null ? null : {latitude: Number(r.feed_latitude), longitude: Number(r.feed_longitude), city: r.feed_city},
            ipLocation: r.location_ip ? {ip: r.location_ip, lookedUpAtMs: r.looked_up_at.getTime()} : null,
        }))
    }

    async write(batch: TelemetryBatch): Promise<void> {
        const opens = batch.intervals
            .filter(i => i.op === 'open')
            .map(i => ({id: intervalId(i.nodeKey, i.kind, i.startMs), node_id: i.nodeKey, kind: i.kind, start: iso(i.startMs)}))
        const closes = batch.intervals.flatMap(i =>
            i.op === 'close' ? [{id: intervalId(i.nodeKey, i.kind, i.startMs), end: iso(i.endMs)}] : [],
        )
        const {client, release} = await this.checkOut()
        try {
            await client.query('BEGIN')
            if (batch.nodes.length) {
                await client.query(
                    `INSERT INTO telemetry_node SELECT * FROM json_populate_recordset(null::telemetry_node, $1::json)
                     ON CONFLICT (id) DO UPDATE SET ${NODE_UPDATE_COLUMNS.map(c => `${c} = EXCLUDED.${c}`).join(', ')},
                        first_seen_at = LEAST(telemetry_node.first_seen_at, EXCLUDED.first_seen_at)`,
                    [JSON.stringify(batch.nodes)],
                )
            }
            for (const f of batch.feed) {
                if (f.op === 'open') {
                    await client.query(
                        `INSERT INTO feed_connection_interval (id, genesis_hash, feed_url, start, "end", alive_until) VALUES ($1, $2, $3, $4, NULL, $4) ON CONFLICT (id) DO NOTHING`,
                        [feedIntervalId(batch.genesisHash, f.startMs), batch.genesisHash, batch.feedUrl, iso(f.startMs)],
                    )
                } else {
                    await client.query(`UPDATE feed_connection_interval SET "end" = $2, alive_until = $2 WHERE id = $1`, [
                        feedIntervalId(batch.genesisHash, f.startMs),
                        iso(f.endMs),
                    ])
                }
            }
            if (opens.length) {
                await client.query(
                    `INSERT INTO telemetry_node_interval (id, node_id, kind, start, "end")
                     SELECT id, node_id, kind, start, NULL FROM json_to_recordset($1::json) AS x(id text, node_id text, kind text, start timestamptz)
                     ON CONFLICT (id) DO NOTHING`,
                    [JSON.stringify(opens)],
                )
            }
            if (closes.length) {
                await client.query(
                    `UPDATE telemetry_node_interval t SET "end" = x."end" FROM json_to_recordset($1::json) AS x(id text, "end" timestamptz) WHERE t.id = x.id`,
                    [JSON.stringify(closes)],
                )
            }
            if (batch.aliveUntilMs !== null) {
                await client.query(`UPDATE feed_connection_interval SET alive_until = $2 WHERE genesis_hash = $1 AND "end" IS NULL`, [
                    batch.genesisHash,
                    iso(batch.aliveUntilMs),
                ])
            }
            await client.query('COMMIT')
        } catch (e) {
            await client.query('ROLLBACK')
            throw e
        } finally {
            release()
        }
    }

    async saveLocation(nodeId: string, loc: IpLocation, lookedUpAtMs: number): Promise<void> {
        await this.pool.query(
            `INSERT INTO telemetry_node_location (id, node_id, ip, country, region, city, asn, provider, source, looked_up_at)
             VALUES ($1, $1, $2, $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT (id) DO UPDATE SET ip = EXCLUDED.ip, country = EXCLUDED.country, region = EXCLUDED.region, city = EXCLUDED.city,
                asn = EXCLUDED.asn, provider = EXCLUDED.provider, source = EXCLUDED.source, looked_up_at = EXCLUDED.looked_up_at`,
            [nodeId, loc.ip, loc.country, loc.region, loc.city, loc.asn, loc.provider, loc.source, iso(lookedUpAtMs)],
        )
    }

    /** `readUptime` done by Postgres (UPTIME_SQL); both must agree. Unknown node ids are left out. */
    async readUptimeInSql(nodeIds: string[], window: Span, nowMs: number): Promise<Map<string, Uptime>> {
        const {rows} = await this.pool.query(UPTIME_SQL, uptimeSqlParams(nodeIds, window, nowMs))
        return new Map(rows.map(r => [r.id, uptimeFromSqlRow(r)]))
    }

    /** Uptime of each node over [window.startMs, window.endMs); an open interval lasts until `nowMs`. */
    async readUptime(nodeIds: string[], window: Span, nowMs: number): Promise<Map<string, Uptime>> {
        const params = [nodeIds, iso(window.startMs), iso(window.endMs)]
        const [nodes, intervals, feeds] = await Promise.all([
            this.pool.query(`SELECT id, genesis_hash, first_seen_at FROM telemetry_node WHERE id = ANY($1)`, [nodeIds]),
            this.pool.query(
                `SELECT node_id, start, "end" FROM telemetry_node_interval
                  WHERE node_id = ANY($1) AND kind = 'online' AND start < $3 AND ("end" IS NULL OR "end" > $2)`,
                params,
            ),
            this.pool.query(
                `SELECT genesis_hash, start, COALESCE("end", alive_until) AS "end" FROM feed_connection_interval
                  WHERE genesis_hash IN (SELECT genesis_hash FROM telemetry_node WHERE id = ANY($1)) AND start < $3 AND COALESCE("end", alive_until) > $2`,
                params,
            ),
        ])
        const out = new Map<string, Uptime>()
        for (const n of nodes.rows) {
            const online = intervals.rows
                .filter(i => i.node_id === n.id)
                .map(i => ({startMs: i.start.getTime(), endMs: i.end?.getTime() ?? nowMs}))
            const feedUp = feeds.rows
                .filter(f => f.genesis_hash === n.genesis_hash)
                .map(f => ({startMs: f.start.getTime(), endMs: f.end.getTime()}))
            out.set(n.id, uptime(window, {online, feedUp, firstSeenMs: n.first_seen_at.getTime()}))
        }
        for (const id of nodeIds) if (!out.has(id)) out.set(id, uptime(window, {online: [], feedUp: [], firstSeenMs: null}))
        return out
    }
}
