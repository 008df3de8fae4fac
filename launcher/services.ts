/**
 * The services `npm start` runs, derived from the config: each is a child process with a name for its
 * log prefix and, where it serves something, a URL for the banner.
 */
import path from 'path'
import {SERVICE_SECRETS, type Config} from '../config/load'
import type {ServiceName} from '../service/run-service'
import {PROJECT_DIR} from '../config/project-dir'
import {metricsUrls, type ServiceSpec} from '../service/service-spec'
import {squidServices} from '../squid/services'
import {devnetEndpoints, devnetFeedUrl} from '../devnet/endpoints'

/**
 * @param dataDir where services keep state across restarts (the devnet's journal), next to the
 *   embedded database
 */
export function plannedServices(cfg: Config, dataDir: string): ServiceSpec[] {
    const services: ServiceSpec[] = []
    if (cfg.usesDevnet && cfg.devnet) services.push(devnetService(cfg.devnet, dataDir))
    if (cfg.telemetry.enabled) services.push(telemetryService(cfg))
    services.push(...squidServices(cfg))
    services.push(gatewayService(cfg))
    if (cfg.nominator.enabled || cfg.nominator.dryRun) services.push(nominatorService(cfg))
    services.push(scorerService(cfg))
    return services.map(s => ({...s, withheldEnv: withheldVariables(cfg, s.service)}))
}

/** The secrets' variables a service does not read (all of them for the devnet), kept out of its environment. */
export function withheldVariables(cfg: Config, service?: ServiceName): string[] {
    const own = new Set((service ? SERVICE_SECRETS[service] : []).flatMap(scope => cfg.secretVariables[scope]))
    return [...new Set(Object.values(cfg.secretVariables).flat())].filter(v => !own.has(v))
}

/** The devnet stands in for every chain when the config names no endpoint. */
function devnetService(devnet: NonNullable<Config['devnet']>, dataDir: string): ServiceSpec {
    return {
        name: 'devnet',
        script: path.join(PROJECT_DIR, 'lib', 'devnet', 'cli.js'),
        args: [
            '--scenario',
            devnet.scenario,
            '--port',
            String(devnet.port),
            '--seed',
            String(devnet.seed),
            '--block-time-ms',
            String(devnet.blockTimeMs),
            '--finality-lag-blocks',
            String(devnet.finalityLagBlocks),
            // Kept next to the embedded database, so a restart serves the chain the squid already indexed.
            '--journal-file',
            path.join(dataDir, 'devnet', `${devnet.scenario}-seed${devnet.seed}.jsonl`),
        ],
        // Another devnet on these ports would serve its chain to our squid and telemetry follower.
        ports: devnetEndpoints(devnet.scenario, devnet.port).map((_, i) => devnet.port + i),
        urls: {
            ...Object.fromEntries(
                devnetEndpoints(devnet.scenario, devnet.port).map(e => [e.role === 'all' ? 'chain rpc' : `${e.role} rpc`, e.url]),
            ),
            'telemetry feed': devnetFeedUrl(devnet.port),
        },
    }
}

function telemetryService(cfg: Config): ServiceSpec {
    return {
        name: 'telemetry',
        service: 'telemetry',
        script: path.join(PROJECT_DIR, 'lib', 'telemetry', 'main.js'),
        urls: metricsUrls(cfg, 'telemetry'),
    }
}

/** The REST gateway, with its API, documentation and metrics in the banner. */
function gatewayService(cfg: Config): ServiceSpec {
    const base = `http://${cfg.metrics.host}:${cfg.api.restPort}`
    return {
        name: 'gateway',
        service: 'gateway',
        script: path.join(PROJECT_DIR, 'lib', 'gateway', 'main.js'),
        urls: {'rest api': base, 'rest docs': `${base}/docs`, ...metricsUrls(cfg, 'gateway')},
    }
}

/** The nominator: the only service that holds keys. */
function nominatorService(cfg: Config): ServiceSpec {
    return {
        name: 'nominator',
        service: 'nominator',
        script: path.join(PROJECT_DIR, 'lib', 'nominator', 'main.js'),
        urls: metricsUrls(cfg, 'nominator'),
    }
}

/** The scorer: validity, scores, ranks and faults from what the squid and the telemetry follower wrote. */
function scorerService(cfg: Config): ServiceSpec {
    return {
        name: 'scorer',
        service: 'scorer',
        script: path.join(PROJECT_DIR, 'lib', 'scorer', 'main.js'),
        urls: metricsUrls(cfg, 'scorer'),
    }
}
