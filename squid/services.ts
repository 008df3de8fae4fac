/**
 * The squid's long-running services for the launcher: one processor per configured chain (the
 * devnet's chains when no chain is configured) and the GraphQL server.
 */
import path from 'node:path'
import type {Config} from '../config/load'
import {metricsUrls, type ServiceSpec} from '../service/service-spec'
import type {ServiceName} from '../service/run-service'
import {devnetEndpoints} from '../devnet/endpoints'
import {CHAIN_LAYERS, ChainLayer, layerFileName} from './chain-layer'

/** Each processor's service name: its metrics port in the config's `metrics.ports`. */
const PROCESSOR_SERVICES = {
    [ChainLayer.relay]: 'squidRelay',
    [ChainLayer.assetHub]: 'squidAssetHub',
    [ChainLayer.people]: 'squidPeople',
} as const satisfies Record<ChainLayer, ServiceName>

function processorScript(layer: ChainLayer): {name: string; script: string} {
    return {name: `squid-${layerFileName(layer)}`, script: path.join(__dirname, layerFileName(layer), 'main.js')}
}

export function squidServices(cfg: Config): ServiceSpec[] {
    const services: ServiceSpec[] = []
    const processor = (chain: ChainLayer, rpcUrl: string, fromBlock: number, toBlock?: number) =>
        services.push({
            ...processorScript(chain),
            service: PROCESSOR_SERVICES[chain],
            urls: metricsUrls(cfg, PROCESSOR_SERVICES[chain]),
            env: {
                RPC_URL: rpcUrl,
                BLOCK_FROM: String(fromBlock),
                ...(toBlock === undefined ? {} : {BLOCK_TO: String(toBlock)}),
                STALL_TIMEOUT_MS: String(cfg.squid.stallTimeoutMs),
            },
        })
    if (cfg.usesDevnet) {
        // The devnet serves its scenario's chains on consecutive ports: one chain with every pallet
        // (legacy: the relay processor reads it) or relay, Asset Hub and People (current).
        for (const e of cfg.devnet ? devnetEndpoints(cfg.devnet.scenario, cfg.devnet.port, cfg.devnet.host) : []) {
            processor(e.role === 'all' ? ChainLayer.relay : ChainLayer[e.role], e.url, 0)
        }
    } else {
        for (const chain of CHAIN_LAYERS) {
            const c = cfg.chains[chain]
            if (c) processor(chain, c.rpcUrl, c.fromBlock, c.toBlock)
        }
    }
    services.push({
        name: 'graphql',
        service: 'graphql',
        script: path.join(__dirname, '..', 'graphql', 'serve.js'),
        urls: {graphql: `http://localhost:${cfg.api.graphqlPort}/graphql`, ...metricsUrls(cfg, 'graphql')},
    })
    return services
}
