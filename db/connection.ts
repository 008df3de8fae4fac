/**
 * Where Postgres is: the `DB_URL` or `DB_HOST/DB_PORT/DB_NAME/DB_USER/DB_PASS` variables that every
 * Subsquid tool reads, turned into one settings object and back into those variables for child processes.
 */

export interface DbSettings {
    host: string
    port: number
    database: string
    user: string
    password: string
}

/** The variables, in the order Subsquid's `@subsquid/typeorm-config` gives them precedence. */
export const DB_ENV_KEYS = ['DB_URL', 'DB_HOST', 'DB_PORT', 'DB_NAME', 'DB_USER', 'DB_PASS'] as const

export type Env = Record<string, string | undefined>

/** True when the environment names a database server (so no embedded one is needed). */
export function isDbConfigured(env: Env): boolean {
    return !!(env.DB_URL || env.DB_HOST)
}

/**
 * Reads the settings from the environment; the defaults are the ones `@subsquid/typeorm-config` uses,
 * so a service and the Subsquid tools always agree on the database.
 */
export function dbSettingsFromEnv(env: Env): DbSettings {
    if (env.DB_URL) return parseDbUrl(env.DB_URL)
    const port = Number(env.DB_PORT || 5432)
    if (!Number.isInteger(port) || port <= 0 || port > 65535) {
        throw new Error(`DB_PORT: expected a TCP port number, got "${env.DB_PORT}"`)
    }
    return {
        host: env.DB_HOST || 'localhost',
        port,
        database: env.DB_NAME || 'postgres',
        user: env.DB_USER || 'postgres',
        password: env.DB_PASS ?? 'postgres',
    }
}

export function parseDbUrl(url: string): DbSettings {
    let u: URL
    try {
        u = new URL(url)
    } catch {
        throw new Error('DB_URL: not a valid URL (expected postgres://user:pass@host:port/db)')
    }
    if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') {
        throw new Error(`DB_URL: expected a postgres:// URL, got protocol "${u.protocol}"`)
    }
    return {
        host: u.hostname || 'localhost',
        port: Number(u.port || 5432),
        database: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'postgres',
        user: decodeURIComponent(u.username) || 'postgres',
        password: decodeURIComponent(u.password),
    }
}

/** The variables a child process (processor, GraphQL server, migration tool) needs to reach `db`. */
export function dbEnv(db: DbSettings): Record<string, string> {
    return {
        DB_HOST: db.host,
        DB_PORT: String(db.port),
        DB_NAME: db.database,
        DB_USER: db.user,
        DB_PASS: db.password,
    }
}

/**
 * The environment for child processes: `env` with the database named in one form only. Given both,
 * `@subsquid/typeorm-config` logs "ignoring DB_HOST…, because DB_URL is set" in every child. The
 * operator's own `DB_URL` is passed on as written (it may carry SSL parameters); otherwise `db`'s variables.
 */
export function childEnvWithDb(env: Env, db: DbSettings): Env {
    const out: Env = {...env}
    for (const k of DB_ENV_KEYS) delete out[k]
    return env.DB_URL ? {...out, DB_URL: env.DB_URL} : {...out, ...dbEnv(db)}
}

/** For `pg.Client`/`pg.Pool`. */
export function pgClientConfig(db: DbSettings) {
    return {host: db.host, port: db.port, database: db.database, user: db.user, password: db.password}
}

/** A URL for display: the password is never shown. */
export function describeDb(db: DbSettings): string {
    return `postgres://${db.user}@${db.host}:${db.port}/${db.database}`
}
