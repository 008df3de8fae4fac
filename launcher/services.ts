/**
 * The services `npm start` runs, derived from the config: each is a child process with a name for its
 * log prefix and, where it serves something, a URL for the banner.
 */
import path from 'path'
import type {Config} from '../config/load'
import {PROJECT_DIR} from '../config/project-dir'
import {squidServices} from '../squid/services'
import {devnetEndpoints, devnetFeedUrl} from '../devnet/endpoints'

export interface ServiceSpec {
    name: string
    /** Script under lib/, run with the same Node. */
    script: string
    args?: string[]
    env?: Record<string, string>
    /** What it serves, for the start-up banner. */
    urls?: Record<string, string>
}

/**
 * @param dataDir where services keep state across restarts (the devnet's journal), next to the
 *   embedded database
 */
export function plannedServices(cfg: Config, dataDir: string): ServiceSpec[] {
    const services: ServiceSpec[] = []
    if (cfg.usesDevnet && cfg.devnet) services.push(devnetService(cfg.devnet, dataDir))
    if (cfg.telemetry.enabled) services.push(telemetryService(cfg))
    services.push(...squidServices(cfg))
    services.push(scorerService(cfg))
    return services
}

/** The devnet stands in for every chain when the config names no endpoint. */
function devnetService(devnet: NonNullable<Config['devnet']>, dataDir: string): ServiceSpec {
    return {
        name: 'devnet',
        script: path.join(PROJECT_DIR, 'lib', 'devnet', 'cli.js'),
        args: [
            '--scenario', devnet.scenario, '--port', String(devnet.port), '--seed', String(devnet.seed),
            '--block-time-ms', String(devnet.blockTimeMs), '--finality-lag-blocks', String(devnet.finalityLagBlocks),
            // Kept next to the embedded database, so a restart serves the chain the squid already indexed.
            '--journal-file', path.join(dataDir, 'devnet', `${devnet.scenario}-seed${devnet.seed}.jsonl`),
        ],
        urls: {
            ...Object.fromEntries(devnetEndpoints(devnet.scenario, devnet.port).map(e => [e.role === 'all' ? 'chain rpc' : `${e.role} rpc`, e.url])),
            'telemetry feed': devnetFeedUrl(devnet.port),
        },
    }
}

function telemetryService(cfg: Config): ServiceSpec {
    return {
        name: 'telemetry',
        script: path.join(PROJECT_DIR, 'lib', 'telemetry', 'main.js'),
        urls: cfg.telemetry.metricsPort ? {metrics: `http://127.0.0.1:${cfg.telemetry.metricsPort}/metrics`} : undefined,
    }
}

function scorerService(cfg: Config): ServiceSpec {
    const port = cfg.metrics.ports.scorer
    return {
        name: 'scorer',
        script: path.join(PROJECT_DIR, 'lib', 'scorer', 'main.js'),
        urls: port ? {'scorer metrics': `http://${cfg.metrics.host}:${port}/metrics`, 'scorer health': `http://${cfg.metrics.host}:${port}/health`} : undefined,
    }
}
