/**
 * `npm start`: reads the config, brings up Postgres (embedded when none is configured), applies the
 * migrations, starts the services, prints where everything is, and shuts it all down on Ctrl-C.
 */
import path from 'path'
import {createLogger} from '@subsquid/logger'
import {ConfigError, loadConfig} from '../config/load'
import {redactUrlsInLogs} from '../config/log-redaction'
import {redactUrl} from '../config/redact-url'
import {childEnvWithDb, dbSettingsFromEnv, describeDb, isDbConfigured, type DbSettings} from '../db/connection'
import {startDetachedEmbeddedPostgres} from '../db/embedded'
import {applyMigrations} from '../db/migrate'
import {PROJECT_DIR} from '../config/project-dir'
import {PortInUseError} from './port-check'
import {plannedServices} from './services'
import {Supervisor} from './supervisor'

redactUrlsInLogs()
const log = createLogger('launcher')

const cleanups: (() => Promise<void>)[] = []
/** In reverse order of start-up: what started last stops first. */
async function cleanUp(): Promise<void> {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(e => log.error(e, 'cleanup failed'))
}

async function main(): Promise<void> {
    const configFile = path.resolve(process.env.CONFIG || path.join(PROJECT_DIR, 'config', 'devnet.json'))
    let config
    try {
        config = loadConfig(configFile)
    } catch (e) {
        if (!(e instanceof ConfigError)) throw e
        process.stderr.write(e.message + '\n')
        process.exit(1)
    }

    // State that outlives a run: the embedded database and the devnet's chain journal.
    const dataDir = path.resolve(process.env.DATA_DIR || path.join(PROJECT_DIR, '.data'))
    let db: DbSettings
    if (isDbConfigured(process.env)) {
        db = dbSettingsFromEnv(process.env)
    } else {
        const dir = path.join(dataDir, 'postgres')
        // Below Linux's ephemeral range (32768-60999), where an outgoing connection can hold the port for a while.
        const port = Number(process.env.EMBEDDED_PG_PORT || 25432)
        log.info(`no DB_URL/DB_HOST set: starting embedded PostgreSQL (data in ${path.relative(process.cwd(), dir) || dir})`)
        const pg = await startDetachedEmbeddedPostgres({dir, port, persistent: true, onLog: line => log.debug(line)})
        cleanups.push(() => pg.stop())
        db = pg.settings
    }

    const supervisor = new Supervisor(
        log,
        {
            // One form of the database's address, or every child warns that it ignores the other.
            ...childEnvWithDb(process.env, db),
            CONFIG: config.file,
            FORCE_PRETTY_LOGGER: process.env.FORCE_PRETTY_LOGGER ?? (process.stderr.isTTY ? '1' : '0'),
        },
        undefined,
        e => void fail(e),
    )
    /** A service that cannot run as configured (its port is taken) stops everything: restarting it would not help. */
    const fail = async (e: Error) => {
        if (shuttingDown) return
        shuttingDown = true
        log.fatal(
            e instanceof PortInUseError
                ? `${e.message}. Stop what holds it (another devnet?) or choose another port in ${path.relative(process.cwd(), config.file) || config.file}`
                : e.message,
        )
        await supervisor.stop()
        await cleanUp()
        process.exit(1)
    }
    let shuttingDown = false
    const shutdown = async (signal: string) => {
        if (shuttingDown) return
        shuttingDown = true
        log.info(`${signal}: stopping`)
        await supervisor.stop()
        await cleanUp()
        log.info('stopped')
        process.exit(0)
    }
    process.on('SIGINT', () => void shutdown('SIGINT'))
    process.on('SIGTERM', () => void shutdown('SIGTERM'))

    let applied: string[]
    try {
        applied = await applyMigrations(db)
    } catch (e) {
        const where = isDbConfigured(process.env) ? 'drop that database' : `remove ${path.join(dataDir, 'postgres')}`
        log.fatal(
            `migrations failed on ${describeDb(db)}: ${e instanceof Error ? e.message : String(e)}. ` +
                `A database indexed by an older schema can need re-indexing: ${where} and start again.`,
        )
        await cleanUp()
        process.exit(1)
    }
    log.info(applied.length ? `applied migrations: ${applied.join(', ')}` : 'database schema is up to date')

    const services = plannedServices(config, dataDir)
    try {
        await supervisor.start(services)
    } catch (e) {
        if (!(e instanceof PortInUseError)) throw e
        return fail(e)
    }

    const rows: [string, string][] = [
        ['network', `${config.network}${config.usesDevnet ? ' (devnet)' : ''}  config ${path.relative(process.cwd(), config.file)}`],
        ['postgres', describeDb(db)],
    ]
    for (const s of services) {
        for (const [what, url] of Object.entries(s.urls ?? {})) {
            // Every service has a metrics and a health endpoint: each line names its service.
            rows.push([what === 'metrics' || what === 'health' ? `${what} ${s.name}` : what, redactUrl(url)])
        }
    }
    rows.push(['services', services.length ? services.map(s => s.name).join(', ') : 'none yet'])
    const width = Math.max(...rows.map(([label]) => label.length))
    const lines = [...rows.map(([label, text]) => `${label.padEnd(width)}  ${text}`), 'Ctrl-C to stop']
    process.stdout.write('\n' + lines.map(l => '  ' + l).join('\n') + '\n\n')
    log.info('ready')
}

main().catch(async e => {
    log.fatal(e)
    // An unexpected error must not leave the embedded PostgreSQL to stop by itself.
    await cleanUp()
    process.exit(1)
})
