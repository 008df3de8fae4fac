/**
 * Compares every public-schema table of two databases row by row (by id), except what legitimately
 * differs between an interrupted and an uninterrupted stack, which `COMPARISON_RULES` lists with the reason.
 */
import pg from 'pg'
import {pgClientConfig, type DbSettings} from '../db/connection'

export interface TableRule {
    why: string
    /** Columns left out of the comparison. */
    ignoreColumns?: string[]
    /** Instead of the table's rows: a query of (id text, row jsonb) that must agree. */
    rowsSql?: string
}

/**
 * What the squid writes comes from the chain alone and must agree exactly, but for the times it wrote things
 * (an era's snapshot, a genesis record). The telemetry follower also writes when it saw things (wall-clock times, one row per feed connection and per online period).
 */
export const COMPARISON_RULES: Record<string, TableRule> = {
    era: {
        rowsSql: `SELECT id, to_jsonb(t) - 'snapshot_completed_at' || jsonb_build_object('snapshot_complete', snapshot_completed_at IS NOT NULL) AS row FROM era t`,
        why: "when the era's snapshot was written is wall-clock time; whether it is complete must agree",
    },
    chain_genesis: {
        ignoreColumns: ['recorded_at'],
        why: 'when each reader first started (wall clock)',
    },
    chain_head: {
        rowsSql: `SELECT id, jsonb_build_object('id', id) AS row FROM chain_head`,
        why: "each processor's latest sample of the chain's finalized head, taken on a wall-clock timer: only which layers record one must agree",
    },
    telemetry_node: {
        ignoreColumns: ['first_seen_at', 'last_seen_at'],
        why: 'when each follower first and last saw the node (wall clock)',
    },
    telemetry_node_location: {
        ignoreColumns: ['looked_up_at'],
        why: 'when the IP was looked up (wall clock)',
    },
    telemetry_node_interval: {
        rowsSql: `SELECT node_id || ':' || kind AS id, jsonb_build_object('node_id', node_id, 'kind', kind) AS row
                    FROM telemetry_node_interval WHERE "end" IS NULL`,
        why: 'periods in wall-clock time, keyed by their start, closed by every feed outage: only the open ones (who is online or offline now) must agree',
    },
    feed_connection_interval: {
        rowsSql: `SELECT genesis_hash AS id, jsonb_build_object('genesisHash', genesis_hash) AS row FROM feed_connection_interval WHERE "end" IS NULL`,
        why: "one row per feed connection in wall-clock time, with its URL (the proxy's for the soak stack): only the open connection per chain must agree",
    },
}

export interface TableDiff {
    table: string
    soakRows: number
    referenceRows: number
    onlySoak: number
    onlyReference: number
    changed: number
    /** A few differing rows, as `id: soak <json> / reference <json>`. */
    examples: string[]
}

const EXAMPLES_PER_KIND = 3

/** The (id, row) query of a table, after its rule. */
async function rowsQuery(client: pg.Client, table: string): Promise<string> {
    const rule = COMPARISON_RULES[table]
    if (rule?.rowsSql) return rule.rowsSql
    const {rows} = await client.query(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
        [table],
    )
    const ignored = (rule?.ignoreColumns ?? []).map(c => `'${c}'`)
    const row = ignored.length ? `to_jsonb(t) - ARRAY[${ignored.join(', ')}]` : 'to_jsonb(t)'
    // A table without an id column: the row is its own key.
    const id = rows.some(r => r.column_name === 'id') ? 't.id::text' : 'md5(to_jsonb(t)::text)'
    return `SELECT ${id} AS id, ${row} AS row FROM "${table}" t`
}

async function connect(db: DbSettings): Promise<pg.Client> {
    const client = new pg.Client(pgClientConfig(db))
    await client.connect()
    // jsonb renders timestamptz in the session's zone: the same on both sides.
    await client.query(`SET TIME ZONE 'UTC'`)
    return client
}

async function publicTables(client: pg.Client): Promise<string[]> {
    const {rows} = await client.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    )
    return rows.map(r => r.table_name)
}

async function digest(client: pg.Client, sql: string): Promise<{rows: number; digest: string | null}> {
    const {
        rows: [r],
    } = await client.query(
        `SELECT count(*)::int AS n, md5(string_agg(x.id || '=' || md5(x.row::text), ',' ORDER BY x.id COLLATE "C", md5(x.row::text) COLLATE "C")) AS d FROM (${sql}) x`,
    )
    return {rows: r.n, digest: r.d}
}

async function rowHashes(client: pg.Client, sql: string): Promise<Map<string, string>> {
    const {rows} = await client.query(`SELECT x.id, md5(x.row::text) AS h FROM (${sql}) x`)
    return new Map(rows.map(r => [r.id, r.h]))
}

async function rowsById(client: pg.Client, sql: string, ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map()
    const {rows} = await client.query(`SELECT x.id, x.row::text AS r FROM (${sql}) x WHERE x.id = ANY($1)`, [ids])
    return new Map(rows.map(r => [r.id, r.r]))
}

/** Every table that differs between the two databases (empty when they agree), with a few examples each. */
export async function compareDatabases(soak: DbSettings, reference: DbSettings): Promise<TableDiff[]> {
    const a = await connect(soak)
    const b = await connect(reference)
    try {
        const tablesA = await publicTables(a)
        const tablesB = await publicTables(b)
        const diffs: TableDiff[] = []
        for (const table of [...new Set([...tablesA, ...tablesB])].sort()) {
            if (!tablesA.includes(table) || !tablesB.includes(table)) {
                diffs.push({
                    table,
                    soakRows: 0,
                    referenceRows: 0,
                    onlySoak: 0,
                    onlyReference: 0,
                    changed: 0,
                    examples: [`the table exists only in the ${tablesA.includes(table) ? 'soak' : 'reference'} database`],
                })
                continue
            }
            const sql = await rowsQuery(b, table)
            const [da, db] = [await digest(a, sql), await digest(b, sql)]
            if (da.rows === db.rows && da.digest === db.digest) continue
            const [ha, hb] = [await rowHashes(a, sql), await rowHashes(b, sql)]
            const onlySoak = [...ha.keys()].filter(id => !hb.has(id))
            const onlyReference = [...hb.keys()].filter(id => !ha.has(id))
            const changed = [...ha.keys()].filter(id => hb.has(id) && hb.get(id) !== ha.get(id))
            const shown = [
                ...onlySoak.slice(0, EXAMPLES_PER_KIND),
                ...onlyReference.slice(0, EXAMPLES_PER_KIND),
                ...changed.slice(0, EXAMPLES_PER_KIND),
            ]
            const [ra, rb] = [await rowsById(a, sql, shown), await rowsById(b, sql, shown)]
            diffs.push({
                table,
                soakRows: da.rows,
                referenceRows: db.rows,
                onlySoak: onlySoak.length,
                onlyReference: onlyReference.length,
                changed: changed.length,
                examples: shown.map(id => `${id}: soak ${ra.get(id) ?? '(none)'} / reference ${rb.get(id) ?? '(none)'}`),
            })
        }
        return diffs
    } finally {
        await a.end().catch(() => undefined)
        await b.end().catch(() => undefined)
    }
}
