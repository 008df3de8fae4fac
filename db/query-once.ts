/** One statement on a connection of its own, for tools and tests that ask a database now and then. */
import pg from 'pg'
import {pgClientConfig, type DbSettings} from './connection'

export async function queryOnce<R = any>(db: DbSettings, sql: string, params: unknown[] = []): Promise<R[]> {
    const client = new pg.Client(pgClientConfig(db))
    await client.connect()
    try {
        return (await client.query(sql, params)).rows
    } finally {
        await client.end()
    }
}
