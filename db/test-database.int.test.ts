import pg from 'pg'
import {describe, expect, inject, it} from 'vitest'
import {pgClientConfig, type DbSettings} from './connection'
import {freePort} from './embedded'
import {acquireDbServer, createTempDatabase} from './test-database'

async function databaseExists(server: DbSettings, name: string): Promise<boolean> {
    const client = new pg.Client(pgClientConfig(server))
    await client.connect()
    try {
        return (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1
    } finally {
        await client.end()
    }
}

describe('choosing the Postgres server for tests', () => {
    it('uses DB_HOST/DB_URL when set, without probing or starting anything', async () => {
        const server = await acquireDbServer({DB_HOST: 'db.example', DB_PORT: '6000', DB_NAME: 'app', DB_USER: 'u', DB_PASS: 'p'})
        expect(server.source).toBe('env')
        expect(server.settings).toEqual({host: 'db.example', port: 6000, database: 'postgres', user: 'u', password: 'p'})
    })

    it('uses a local server that answers', async () => {
        const running = inject('dbServer')
        const server = await acquireDbServer({}, running)
        expect(server.source).toBe('local')
    })

    it('starts an embedded server when nothing answers, and every caller gets its own database, dropped on release', async () => {
        const nothing = {host: '127.0.0.1', port: await freePort(), database: 'postgres', user: 'postgres', password: ''}
        const server = await acquireDbServer({}, nothing)
        try {
            expect(server.source).toBe('embedded')
            const a = await createTempDatabase(server.settings, 'probe')
            const b = await createTempDatabase(server.settings, 'probe')
            expect(a.settings.database).not.toBe(b.settings.database)
            const client = new pg.Client(pgClientConfig(a.settings))
            client.on('error', () => {})
            await client.connect()
            expect((await client.query('select current_database() as db')).rows[0].db).toBe(a.settings.database)
            // A connection still open does not keep the database alive.
            await a.drop()
            await client.end().catch(() => {})
            expect(await databaseExists(server.settings, a.settings.database)).toBe(false)
            expect(await databaseExists(server.settings, b.settings.database)).toBe(true)
            await b.drop()
        } finally {
            await server.stop()
        }
    })
})
