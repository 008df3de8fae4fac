/**
 * Applies the migrations in `db/migrations` (in one transaction, as `squid-typeorm-migration apply`
 * does) and tells which were new.
 */
import type {DbSettings} from './connection'
import {createDataSource} from './orm'

export async function applyMigrations(db: DbSettings): Promise<string[]> {
    const ds = createDataSource(db)
    await ds.initialize()
    try {
        const applied = await ds.runMigrations({transaction: 'all'})
        return applied.map(m => m.name)
    } finally {
        await ds.destroy()
    }
}

/**
 * The SQL that would still be needed to bring a database with all migrations applied in line with
 * the compiled model. Empty when the migrations are up to date with `schema.graphql`.
 */
export async function pendingSchemaChanges(db: DbSettings): Promise<string[]> {
    const ds = createDataSource(db, {withModel: true})
    await ds.initialize()
    try {
        const sql = await ds.driver.createSchemaBuilder().log()
        return sql.upQueries.map(q => q.query)
    } finally {
        await ds.destroy()
    }
}
