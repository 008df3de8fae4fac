/**
 * Where a standalone devnet's chains listen: the first chain of the scenario's layout on the configured
 * port, the next ones on the following ports (current layout: relay, Asset Hub, People).
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
