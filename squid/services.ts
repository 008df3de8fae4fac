/**
 * The squid's long-running services for the launcher: one processor per configured chain (the
 * devnet's chains when no chain is configured) and the GraphQL server.
 */
import path from 'node:path'
import type {Config} from '../config/load'
import type {ServiceSpec} from '../service/service-spec'
import {devnetEndpoints} from '../devnet/endpoints'

type ChainKey = 'relay' | 'assetHub' | 'people'

const PROCESSOR_SCRIPTS: Record<ChainKey, {name: string; script: string}> = {
    relay: {name: 'squid-relay', script: path.join(__dirname, 'relay/main.js')},
    assetHub: {name: 'squid-asset-hub', script: path.join(__dirname, 'asset-hub/main.js')},
    people: {name: 'squid-people', script: path.join(__dirname, 'people/main.js')},
}

export function squidServices(cfg: Config): ServiceSpec[] {
    const services: ServiceSpec[] = []
    const processor = (chain: ChainKey, rpcUrl: string, fromBlock: number, toBlock?: number) => services.push({
        ...PROCESSOR_SCRIPTS[chain],
        env: {
            RPC_URL: rpcUrl, BLOCK_FROM: String(fromBlock), ...(toBlock === undefined ? {} : {BLOCK_TO: String(toBlock)}),
            STALL_TIMEOUT_MS: String(cfg.squid.stallTimeoutMs),
        },
    })
    if (cfg.usesDevnet) {
        // The devnet serves its scenario's chains on consecutive ports: one chain with every pallet
        // (legacy: the relay processor reads it) or relay, Asset Hub and People (current).
        for (const e of cfg.devnet ? devnetEndpoints(cfg.devnet.scenario, cfg.devnet.port, cfg.devnet.host) : []) {
            processor(e.role === 'all' ? 'relay' : e.role, e.url, 0)
        }
    } else {
        for (const chain of ['relay', 'assetHub', 'people'] as const) {
            const c = cfg.chains[chain]
            if (c) processor(chain, c.rpcUrl, c.fromBlock, c.toBlock)
        }
    }
    services.push({
        name: 'graphql',
        script: path.join(__dirname, '..', 'graphql', 'serve.js'),
        urls: {graphql: `http://localhost:${cfg.api.graphqlPort}/graphql`},
    })
    return services
}
