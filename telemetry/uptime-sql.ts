/**
 * Uptime (see `uptime.ts`) computed by Postgres itself with multiranges (Postgres 14+), for SQL users,
 * the GraphQL resolver and anything else that reads the tables directly.
 */
import type {Span, Uptime} from './uptime'

/**
 * The same uptime as `uptime()` in plain SQL:
 * $1 node ids (text[]), $2/$3 window start/end, $4 the time open node intervals last until.
 * Returns one row per node: id, window_ms, known_ms (feed up and node seen), online_ms.
 */
export const UPTIME_SQL = `
WITH n AS (SELECT id, genesis_hash, first_seen_at FROM telemetry_node WHERE id = ANY($1::text[])),
feed AS (
    SELECT n.id, range_agg(tstzrange(f.start, GREATEST(f.start, COALESCE(f."end", f.alive_until)))) AS up
      FROM n JOIN feed_connection_interval f ON f.genesis_hash = n.genesis_hash GROUP BY n.id),
onl AS (
    SELECT i.node_id AS id, range_agg(tstzrange(i.start, GREATEST(i.start, COALESCE(i."end", $4::timestamptz)))) AS up
      FROM telemetry_node_interval i WHERE i.node_id = ANY($1::text[]) AND i.kind = 'online' GROUP BY i.node_id),
k AS (
    SELECT n.id,
           COALESCE(feed.up, '{}'::tstzmultirange) * tstzmultirange(tstzrange($2::timestamptz, $3::timestamptz) * tstzrange(n.first_seen_at, NULL)) AS known,
           COALESCE(onl.up, '{}'::tstzmultirange) AS online
      FROM n LEFT JOIN feed USING (id) LEFT JOIN onl USING (id))
SELECT k.id,
       (EXTRACT(EPOCH FROM $3::timestamptz - $2::timestamptz) * 1000)::bigint AS window_ms,
       (SELECT COALESCE(sum(EXTRACT(EPOCH FROM upper(r) - lower(r)) * 1000), 0) FROM unnest(k.known) r)::bigint AS known_ms,
       (SELECT COALESCE(sum(EXTRACT(EPOCH FROM upper(r) - lower(r)) * 1000), 0) FROM unnest(k.known * k.online) r)::bigint AS online_ms
  FROM k`

export interface UptimeSqlRow {
    id: string
    window_ms: string | number
    known_ms: string | number
    online_ms: string | number
}

export function uptimeSqlParams(nodeIds: string[], window: Span, nowMs: number): unknown[] {
    return [nodeIds, new Date(window.startMs).toISOString(), new Date(window.endMs).toISOString(), new Date(nowMs).toISOString()]
}

export function uptimeFromSqlRow(r: UptimeSqlRow): Uptime {
    const [windowMs, knownMs, onlineMs] = [Number(r.window_ms), Number(r.known_ms), Number(r.online_ms)]
    return {onlineMs, offlineMs: knownMs - onlineMs, unknownMs: windowMs - knownMs}
}
