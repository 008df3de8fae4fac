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
        drop: () => admin(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
    }
}

async function admin(server: DbSettings, sql: string): Promise<void> {
    const client = new pg.Client(pgClientConfig(server))
    await client.connect()
    try {
        await client.query(sql)
    } finally {
        await client.end()
    }
}
