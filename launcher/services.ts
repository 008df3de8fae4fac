/**
 * The services `npm start` runs, derived from the config: each is a child process with a name for its
 * log prefix and, where it serves something, a URL for the banner. Later stages add themselves here.
 */
import path from 'path'
import type {Config} from '../config/load'
import {squidServices} from '../squid/services'
import {devnetEndpoints} from '../test/devnet/endpoints'

export interface ServiceSpec {
    name: string
    /** Script under lib/, run with the same Node. */
    script: string
    args?: string[]
    env?: Record<string, string>
    /** What it serves, for the start-up banner. */
    urls?: Record<string, string>
}

export function plannedServices(cfg: Config): ServiceSpec[] {
    const services: ServiceSpec[] = []
    if (cfg.usesDevnet && cfg.devnet) services.push(devnetService(cfg.devnet))
    services.push(...squidServices(cfg))
    return services
}

/** The devnet stands in for every chain when the config names no endpoint. */
function devnetService(devnet: NonNullable<Config['devnet']>): ServiceSpec {
    return {
        name: 'devnet',
        script: path.join(__dirname, '../test/devnet/cli.js'),
        args: [
            '--scenario', devnet.scenario, '--port', String(devnet.port), '--seed', String(devnet.seed),
            '--block-time-ms', String(devnet.blockTimeMs), '--finality-lag-blocks', String(devnet.finalityLagBlocks),
            // Kept next to the embedded database, so a restart serves the chain the squid already indexed.
            '--journal-file', path.resolve('.data/devnet', `${devnet.scenario}-seed${devnet.seed}.jsonl`),
        ],
        urls: Object.fromEntries(devnetEndpoints(devnet.scenario, devnet.port).map(e => [e.role === 'all' ? 'chain rpc' : `${e.role} rpc`, e.url])),
    }
}
