/**
 * Inserts many rows of one table in a few statements (`INSERT … SELECT FROM unnest($1::type[], …)`),
 * for finalized batches only: there the TypeORM store keeps no undo log, so a plain insert in the
 * batch's transaction is what `store.insert` would do, at a fraction of TypeORM's per-row cost. In
 * hot (unfinalized) batches it falls back to `store.insert`, which records the rows for rollback.
 */
import type {Store} from '@subsquid/typeorm-store'
import type {EntityManager} from 'typeorm'

export interface BulkColumn<R> {
    /** Column name in Postgres. */
    name: string
    /**
     * Postgres type of the column: a scalar (text, int4, numeric, timestamptz, varchar, bool), jsonb,
     * or text[] (sent as a JSON array, since unnest would flatten a two-dimensional array).
     */
    type: string
    value(row: R): string | number | bigint | boolean | Date | string[] | object | null | undefined
}

export interface BulkOptions {
    /** Skip rows whose key is already stored (`ON CONFLICT DO NOTHING`) instead of failing. */
    skipExisting?: boolean
}

/** Rows per statement: each column is one array parameter, so this bounds memory, not parameter count. */
const ROWS_PER_STATEMENT = 20_000

/**
 * typeorm-store 1.5.1 keeps the batch's EntityManager and the hot-block change tracker in private fields;
 * the version is pinned in package.json, and `insertBulk` falls back to the public API if they change.
 */
interface StoreInternals {
    em?: () => EntityManager
    changes?: unknown
}

export async function insertBulk<R>(
    store: Store, table: string, columns: BulkColumn<R>[], rows: R[], entities: () => object[], options: BulkOptions = {},
): Promise<void> {
    if (rows.length === 0) return
    const em = finalizedBatchManager(store)
    if (em) await insertRows(em, table, columns, rows, options)
    else await store.insert(entities() as never)
}

/** The bulk statement itself, in any transaction (a finalized batch's, or one of its own). */
export async function insertRows<R>(em: EntityManager, table: string, columns: BulkColumn<R>[], rows: R[], options: BulkOptions = {}): Promise<void> {
    const names = columns.map(c => `"${c.name}"`).join(', ')
    const unnest = columns.map((c, i) => `$${i + 1}::${c.type === 'text[]' ? 'jsonb' : c.type}[]`).join(', ')
    const aliases = columns.map((_, i) => `c${i}`)
    const selected = columns.map((c, i) => (c.type === 'text[]' ? `ARRAY(SELECT jsonb_array_elements_text(c${i}))` : `c${i}`)).join(', ')
    const sql = `INSERT INTO "${table}" (${names}) SELECT ${selected} FROM unnest(${unnest}) AS t(${aliases.join(', ')})` +
        (options.skipExisting ? ' ON CONFLICT DO NOTHING' : '')
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
        const chunk = rows.slice(i, i + ROWS_PER_STATEMENT)
        const params = columns.map(c => chunk.map(r => parameter(c, c.value(r))))
        await em.query(sql, params)
    }
}

/** Whether `insertBulk` writes directly (a finalized batch) rather than through `store.insert`. */
export function insertsInBulk(store: Store): boolean {
    return finalizedBatchManager(store) !== undefined
}

/** The batch's EntityManager when the batch is finalized (no undo log to keep), else undefined. */
function finalizedBatchManager(store: Store): EntityManager | undefined {
    const internals = store as unknown as StoreInternals
    if (internals.changes !== undefined || typeof internals.em !== 'function') return undefined
    return internals.em()
}

function parameter<R>(column: BulkColumn<R>, v: ReturnType<BulkColumn<R>['value']>): unknown {
    if (v === undefined || v === null) return null
    if (typeof v === 'bigint') return v.toString()
    if (column.type === 'jsonb' || column.type === 'text[]') return JSON.stringify(v)
    return v
}
