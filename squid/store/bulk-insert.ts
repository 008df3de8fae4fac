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
    /** Postgres element type of the unnest array: text, int4, numeric, timestamptz, varchar. */
    type: string
    value(row: R): string | number | bigint | Date | null | undefined
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

export async function insertBulk<R>(store: Store, table: string, columns: BulkColumn<R>[], rows: R[], entities: () => object[]): Promise<void> {
    if (rows.length === 0) return
    const internals = store as unknown as StoreInternals
    if (internals.changes !== undefined || typeof internals.em !== 'function') {
        await store.insert(entities() as never)
        return
    }
    const em = internals.em()
    const names = columns.map(c => `"${c.name}"`).join(', ')
    const unnest = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ')
    const sql = `INSERT INTO "${table}" (${names}) SELECT * FROM unnest(${unnest})`
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
        const chunk = rows.slice(i, i + ROWS_PER_STATEMENT)
        const params = columns.map(c => chunk.map(r => {
            const v = c.value(r)
            if (v === undefined || v === null) return null
            if (typeof v === 'bigint') return v.toString()
            return v
        }))
        await em.query(sql, params)
    }
}
