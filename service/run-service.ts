/**
 * The one way a service runs (processors, GraphQL, telemetry, scorer, REST gateway, nominator): its config
 * loaded once, a logger, Prometheus metrics and a health report on the port the config gives it, SIGINT and
 * SIGTERM stopping it cleanly, and one handler for fatal errors (log, exit 1), as the SDK's `runProgram` does;
 * `runHandOverService` for a main that hands the process to something that ends it by itself.
 */
import {createLogger, type Logger} from '@subsquid/logger'
import {collectDefaultMetrics, Registry} from 'prom-client'
import {configFile, loadConfig, SERVICE_SECRETS, type Config} from '../config/load'
import {redactUrlsInLogs} from '../config/log-redaction'
import type {HealthCheck} from './health'
import {startMetricsServer, type MetricsServer} from './metrics-server'

/** How long a service may take to stop before it exits anyway. */
const STOP_DEADLINE_MS = 5000

export type ServiceName = keyof Config['metrics']['ports']

export interface ServiceContext {
    config: Config
    log: Logger
    /** The service's own metrics; Node's default metrics are in it unless `defaultMetrics` is false. */
    metrics: Registry
    /** A dependency probed by `/health` (database, chain RPC, feed, …). */
    addHealthCheck(dependency: string, check: HealthCheck): void
    /** Another registry served beside the service's own (the Subsquid processor keeps its own). */
    addRegistry(registry: Registry): void
}

/** Stops what `start` started; called once, on SIGINT or SIGTERM. */
export type StopService = () => Promise<void>

export interface ServiceOptions {
    /** False when an added registry already collects Node's default metrics (names must not repeat). */
    defaultMetrics?: boolean
}

export function runService(
    name: ServiceName,
    start: (ctx: ServiceContext) => Promise<StopService | void>,
    options: ServiceOptions = {},
): void {
    const log = serviceLog(name)
    run(name, log, start, options).catch(fatalHandler(log))
}

/** What a service whose main hands the process over gets: as `ServiceContext`, with a config only where a file is named. */
export interface HandOverContext extends Omit<ServiceContext, 'config'> {
    /** Undefined where `CONFIG` names no file (Subsquid Cloud: the settings are in the environment). */
    config?: Config
}

/**
 * For a service whose main hands the process to something that ends it by itself (the Subsquid processor's
 * `run` exits at its range end and on a fatal error): logs, the fatal-error handler, and, where `CONFIG` names
 * a config file, its metrics and health endpoint on the config's port. No signal handlers: SIGINT and SIGTERM
 * end the process at once, as they do the SDK's (each batch is one transaction, redone after a restart).
 */
export function runHandOverService(name: ServiceName, start: (ctx: HandOverContext) => Promise<void>, options: ServiceOptions = {}): void {
    const log = serviceLog(name)
    const main = async () => {
        const config = process.env.CONFIG ? serviceConfig(name) : undefined
        const {ctx, serve} = serviceContext(name, log, config, options)
        await serve()
        await start(ctx)
    }
    main().catch(fatalHandler(log))
}

/** The config with the service's own secrets read, the others withheld. */
function serviceConfig(name: ServiceName): Config {
    return loadConfig(configFile(process.env), process.env, {secrets: SERVICE_SECRETS[name]})
}

function serviceLog(name: ServiceName): Logger {
    // Endpoint URLs may carry API keys: every log line and error is redacted.
    redactUrlsInLogs()
    const log = createLogger(`service:${name}`)
    const fatal = fatalHandler(log)
    process.on('uncaughtException', fatal)
    process.on('unhandledRejection', fatal)
    return log
}

function fatalHandler(log: Logger): (err: unknown) => never {
    return err => {
        log.fatal(err instanceof Error ? err : new Error(String(err)))
        process.exit(1)
    }
}

/** The context a service starts with, and `serve` to start its metrics and health endpoint (when its port is set). */
function serviceContext<C extends Config | undefined>(name: ServiceName, log: Logger, config: C, options: ServiceOptions) {
    const metrics = new Registry()
    if (options.defaultMetrics !== false) collectDefaultMetrics({register: metrics})
    const registries = [metrics]
    const checks = new Map<string, HealthCheck>()
    const ctx = {
        config,
        log,
        metrics,
        addHealthCheck: (dependency: string, check: HealthCheck) => void checks.set(dependency, check),
        addRegistry: (registry: Registry) => void registries.push(registry),
    }
    const port = config?.metrics.ports[name]
    const serve = async (): Promise<MetricsServer | undefined> =>
        config && port ? startMetricsServer({service: name, host: config.metrics.host, port, registries, checks, log}) : undefined
    return {ctx, serve}
}

async function run(name: ServiceName, log: Logger, start: (ctx: ServiceContext) => Promise<StopService | void>, options: ServiceOptions) {
    const config = serviceConfig(name)
    const {ctx, serve} = serviceContext(name, log, config, options)
    const server = await serve()
    const stopService = await start(ctx)
    const stop = async () => {
        // A dependency that no longer answers (the database stopped with the launcher) must not hold the process.
        setTimeout(() => {
            log.warn(`still stopping after ${STOP_DEADLINE_MS} ms: exiting`)
            process.exit(1)
        }, STOP_DEADLINE_MS).unref()
        await stopService?.()
        await server?.close()
        log.info('stopped')
        process.exit(0)
    }
    // A terminal's Ctrl-C reaches the whole process group and the launcher then sends SIGTERM too: stop once.
    let stopping: Promise<void> | undefined
    const onSignal = () => {
        stopping ??= stop().catch(e => fatalStop(log, e))
    }
    process.on('SIGINT', onSignal)
    process.on('SIGTERM', onSignal)
}

function fatalStop(log: Logger, err: unknown): never {
    log.fatal(err instanceof Error ? err : new Error(String(err)), 'stopping failed')
    process.exit(1)
}
