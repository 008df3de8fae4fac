/**
 * Inserts many entities of one type in a few statements (`INSERT … SELECT FROM unnest($1::type[], …)`),
 * columns and values taken from the generated model's TypeORM metadata. For finalized blocks only
 * (`bulkManager`): there the TypeORM store keeps no undo log, so a plain insert in the batch's transaction
 * is what `store.insert` would do, at a fraction of TypeORM's per-row cost. In hot (unfinalized) blocks it
 * goes through `store.insert`, which records the rows for rollback.
 */
import type {Store} from '@subsquid/typeorm-store'
import {In, type EntityManager} from 'typeorm'
import type {ColumnMetadata} from 'typeorm/metadata/ColumnMetadata'
import {bulkManager} from './batch-finality'

export interface BulkOptions {
    /** Skip rows whose key is already stored (`ON CONFLICT DO NOTHING`) instead of failing. */
    skipExisting?: boolean
    /** Overwrite rows whose key is already stored, every column (what `store.upsert` does). */
    replaceExisting?: boolean
}

/** Rows per statement: each column is one array parameter, so this bounds memory, not parameter count. */
const ROWS_PER_STATEMENT = 20_000

export async function insertBulk(store: Store, entities: {id: string}[], options: BulkOptions = {}): Promise<void> {
    if (entities.length === 0) return
    const em = bulkManager(store)
    if (em) return insertRows(em, entities, options)
    if (options.replaceExisting) return store.upsert(entities as never)
    const fresh = options.skipExisting ? await notStored(store, entities) : entities
    if (fresh.length) await store.insert(fresh as never)
}

/** Ids per lookup query: Postgres takes at most 65,535 bind parameters per statement. */
const LOOKUP_CHUNK = 10_000

/** The entities whose ids are not stored yet: `ON CONFLICT DO NOTHING` through the store's API. */
async function notStored<E extends {id: string}>(store: Store, entities: E[]): Promise<E[]> {
    const type = entities[0].constructor as never
    const stored = new Set<string>()
    for (let i = 0; i < entities.length; i += LOOKUP_CHUNK) {
        const ids = entities.slice(i, i + LOOKUP_CHUNK).map(e => e.id)
        for (const e of (await store.findBy(type, {id: In(ids)} as never)) as {id: string}[]) stored.add(e.id)
    }
    return entities.filter(e => !stored.has(e.id))
}

/** The bulk statement itself, in any transaction (a finalized batch's, or one of its own). */
export async function insertRows(em: EntityManager, entities: {id: string}[], options: BulkOptions = {}): Promise<void> {
    if (entities.length === 0) return
    const meta = em.connection.getMetadata(entities[0].constructor)
    const columns = meta.columns
    const types = columns.map(c => em.connection.driver.normalizeType(c))
    const names = columns.map(c => `"${c.databaseName}"`).join(', ')
    // unnest would flatten a two-dimensional array: each list travels as one array literal (text), cast back per row.
    const unnest = columns.map((c, i) => `$${i + 1}::${c.isArray ? 'text' : types[i]}[]`).join(', ')
    const aliases = columns.map((_, i) => `c${i}`)
    const selected = columns.map((c, i) => (c.isArray ? `c${i}::${types[i]}[]` : `c${i}`)).join(', ')
    const sql =
        `INSERT INTO "${meta.tableName}" (${names}) SELECT ${selected} FROM unnest(${unnest}) AS t(${aliases.join(', ')})` +
        onConflict(columns, options)
    for (let i = 0; i < entities.length; i += ROWS_PER_STATEMENT) {
        const chunk = entities.slice(i, i + ROWS_PER_STATEMENT)
        await em.query(
            sql,
            columns.map(c => chunk.map(e => parameter(c, c.getEntityValue(e, true)))),
        )
    }
}

function onConflict(columns: ColumnMetadata[], options: BulkOptions): string {
    const replaced = columns.filter(c => !c.isPrimary).map(c => `"${c.databaseName}" = EXCLUDED."${c.databaseName}"`)
    if (options.replaceExisting && replaced.length) return ` ON CONFLICT (id) DO UPDATE SET ${replaced.join(', ')}`
    return options.skipExisting || options.replaceExisting ? ' ON CONFLICT DO NOTHING' : ''
}

function parameter(column: ColumnMetadata, v: unknown): unknown {
    if (v === undefined || v === null) return null
    if (column.isArray) return arrayLiteral(v as unknown[])
    if (column.type === 'jsonb') return JSON.stringify(v)
    if (typeof v === 'bigint') return v.toString()
    return v
}

/** A Postgres array literal (`{"a","b"}`), every element quoted; null elements are NULL. */
function arrayLiteral(items: unknown[]): string {
    return `{${items.map(x => (x === null || x === undefined ? 'NULL' : `"${String(x).replace(/[\\"]/g, '\\$&')}"`)).join(',')}}`
}
