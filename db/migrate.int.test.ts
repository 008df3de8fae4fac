import pg from 'pg'
import {describe, expect, it} from 'vitest'
import {useTestDatabase} from '../test/vitest/database'
import {pgClientConfig} from './connection'
import {applyMigrations, pendingSchemaChanges} from './migrate'
import fs from 'fs'
import {MIGRATIONS_DIR} from './orm'

const db = useTestDatabase('migrate')

async function tables(): Promise<string[]> {
    const client = new pg.Client(pgClientConfig(db.settings))
    await client.connect()
    try {
        const r = await client.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`)
        return r.rows.map(row => row.table_name)
    } finally {
        await client.end()
    }
}

describe('migrations', () => {
    it('an empty database lacks the schema, and the check says so', async () => {
        expect(await tables()).toEqual([])
        const pending = await pendingSchemaChanges(db.settings)
        expect(pending.some(sql => sql.startsWith('CREATE TABLE "account"'))).toBe(true)
    })

    it('applies every migration in db/migrations to an empty database, once', async () => {
        const files = fs.readdirSync(MIGRATIONS_DIR).filter(f => f.endsWith('.js'))
        const applied = await applyMigrations(db.settings)
        expect(applied).toHaveLength(files.length)
        expect(await tables()).toEqual(expect.arrayContaining(['account', 'migrations']))
        expect(await applyMigrations(db.settings)).toEqual([])
    })

    it('leaves nothing for the schema to need: the migrations are up to date with schema.graphql', async () => {
        expect(await pendingSchemaChanges(db.settings)).toEqual([])
    })
})
