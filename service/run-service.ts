/**
 * The one way a service runs (processors, GraphQL, telemetry, scorer, REST gateway, nominator): its config
 * loaded once, a logger, Prometheus metrics and a health report on the port the config gives it, SIGINT and
 * SIGTERM stopping it cleanly, and one handler for fatal errors (log, exit 1), as the SDK's `runProgram` does.
 */
import {createLogger, type Logger} from '@subsquid/logger'
import {collectDefaultMetrics, Registry} from 'prom-client'
import {configFile, loadConfig, type Config} from '../config/load'
import {redactUrlsInLogs} from '../config/log-redaction'
import type {HealthCheck} from './health'
import {startMetricsServer} from './metrics-server'

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

export function runService(name: ServiceName, start: (ctx: ServiceContext) => Promise<StopService | void>, options: ServiceOptions = {}): void {
    // Endpoint URLs may carry API keys: every log line and error is redacted.
    redactUrlsInLogs()
    const log = createLogger(`service:${name}`)
    const fatal = (err: unknown) => {
        log.fatal(err instanceof Error ? err : new Error(String(err)))
        process.exit(1)
    }
    process.on('uncaughtException', fatal)
    process.on('unhandledRejection', fatal)
    run(name, log, start, options).catch(fatal)
}

async function run(name: ServiceName, log: Logger, start: (ctx: ServiceContext) => Promise<StopService | void>, options: ServiceOptions) {
    const config = loadConfig(configFile(process.env))
    const metrics = new Registry()
    if (options.defaultMetrics !== false) collectDefaultMetrics({register: metrics})
    const registries = [metrics]
    const checks = new Map<string, HealthCheck>()
    const ctx: ServiceContext = {
        config,
        log,
        metrics,
        addHealthCheck: (dependency, check) => checks.set(dependency, check),
        addRegistry: registry => registries.push(registry),
    }
    const port = config.metrics.ports[name]
    const server = port ? await startMetricsServer({service: name, host: config.metrics.host, port, registries, checks, log}) : undefined
    const stopService = await start(ctx)
    const stop = async () => {
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
