/**
 * Postgres for tests and dev tools: `DB_URL`/`DB_HOST` when set, else the server on 127.0.0.1:5432 when
 * it answers, else an embedded one in a temporary folder. Every caller gets its own database, dropped
 * when released.
 */
import fs from 'fs'
import os from 'os'
import path from 'path'
import pg from 'pg'
import {dbSettingsFromEnv, isDbConfigured, pgClientConfig, type DbSettings, type Env} from './connection'
import {freePort, startEmbeddedPostgres} from './embedded'

export interface DbServer {
    /** Settings of the server's maintenance database (`postgres`). */
    settings: DbSettings
    source: 'env' | 'local' | 'embedded'
    stop(): Promise<void>
}

const LOCAL: DbSettings = {host: '127.0.0.1', port: 5432, database: 'postgres', user: 'postgres', password: ''}

/** @param local where to look for a running server when the environment names none */
export async function acquireDbServer(env: Env = process.env, local: DbSettings = LOCAL): Promise<DbServer> {
    if (isDbConfigured(env)) {
        return {settings: {...dbSettingsFromEnv(env), database: 'postgres'}, source: 'env', stop: async () => {}}
    }
    if (await answers(local)) return {settings: local, source: 'local', stop: async () => {}}
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nominator-pg-'))
    const handle = await startEmbeddedPostgres({dir, port: await freePort(), persistent: false})
    return {
        settings: handle.settings,
        source: 'embedded',
        stop: async () => {
            await handle.stop()
            fs.rmSync(dir, {recursive: true, force: true})
        },
    }
}

async function answers(db: DbSettings): Promise<boolean> {
    const client = new pg.Client({...pgClientConfig(db), connectionTimeoutMillis: 1000})
    client.on('error', () => {})
    try {
        await client.connect()
        await client.query('select 1')
        return true
    } catch {
        return false
    } finally {
        await client.end().catch(() => {})
    }
}

let counter = 0

/** Creates a fresh, empty database on `server`; `drop()` removes it (ending any open connections). */
export async function createTempDatabase(server: DbSettings, prefix = 'test'): Promise<{settings: DbSettings; drop(): Promise<void>}> {
    const name = `${prefix}_${process.pid}_${Date.now().toString(36)}_${counter++}`
    await admin(server, `CREATE DATABASE "${name}"`)
    return {
        settings: {...server, database: name},
        drop: () =>
            withAdmin(server, async client => {
                // Connections still closing (a pool's end in flight) get a moment to go by themselves: one
                // terminated by FORCE mid-close raises an error no listener is left to catch.
                for (let i = 0; i < DROP_GRACE_POLLS; i++) {
                    const {rows} = await client.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name])
                    if (rows[0].n === 0) break
                    await new Promise(r => setTimeout(r, DROP_GRACE_POLL_MS))
                }
                await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
            }),
    }
}

const DROP_GRACE_POLLS = 20
const DROP_GRACE_POLL_MS = 100

async function admin(server: DbSettings, sql: string): Promise<void> {
    await withAdmin(server, async client => {
        await client.query(sql)
    })
}

async function withAdmin(server: DbSettings, use: (client: pg.Client) => Promise<void>): Promise<void> {
    const client = new pg.Client(pgClientConfig(server))
    await client.connect()
    try {
        await use(client)
    } finally {
        await client.end()
    }
}
