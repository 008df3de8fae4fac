/**
 * Where a standalone devnet's chains listen: the first chain of the scenario's layout on the configured
 * port, the next ones on the following ports (current layout: relay, Asset Hub, People); its telemetry
 * feed is on the first chain's port at `/feed`.
 */
import {scenarioByName} from './scenario/scenario-spec'
import type {ChainRole} from './chain/chain-role'

export interface DevnetEndpoint {
    role: ChainRole
    url: string
    httpUrl: string
}

export function devnetEndpoints(scenario: string, port: number, host = '127.0.0.1'): DevnetEndpoint[] {
    return scenarioByName(scenario).chains.map((c, i) => ({
        role: c.role,
        url: `ws://${host}:${port + i}`,
        httpUrl: `http://${host}:${port + i}`,
    }))
}

/** The path of the devnet's substrate-telemetry feed on the first chain's HTTP server. */
export const DEVNET_FEED_PATH = '/feed'

/** The telemetry feed of a devnet whose first chain listens on `port`. */
export function devnetFeedUrl(port: number, host = '127.0.0.1'): string {
    return `ws://${host}:${port}${DEVNET_FEED_PATH}`
}
