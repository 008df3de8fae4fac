/**
 * The scenario's validator nodes as a telemetry feed would list them (stash, node name = candidate
 * name, operator identity, client version), for the devnet's telemetry feed. Deterministic from
 * (scenario, seed): the same list the devnet's chain holds.
 */
import {cryptoWaitReady} from '@polkadot/util-crypto'
import {encodeAddress} from '@polkadot/util-crypto'
import {nodesFromCandidates, type DevnetTelemetryNode} from '../telemetry/feed-encoding'
import {devAccounts} from './dev-accounts'
import {scenarioByName} from './scenario-spec'
import {genesisWorld, type World} from './world'

export interface ScenarioNode {
    /** 0x-prefixed public key. */
    stash: string
    /** SS58 with the given prefix. */
    address: string
    /** Telemetry node name: the programme candidate's name for candidates. */
    nodeName: string
    /** Display name of the operator's on-chain identity (shared by its sub-identity nodes). */
    operator: string
    /** Client version as telemetry reports it, e.g. "1.15.2-2a34ec7d". */
    clientVersion: string
    isCandidate: boolean
    /** The IP the node reports; absent: the feed's default for its position. */
    ip?: string
    /** The first block at which the node is gone from the feed (it went offline for good). */
    offlineFromBlock?: number
}

export async function scenarioNodes(scenario = 'legacy', seed = 1, ss58Prefix = 0): Promise<ScenarioNode[]> {
    await cryptoWaitReady()
    return worldNodes(genesisWorld(scenarioByName(scenario), seed, devAccounts(ss58Prefix)), ss58Prefix)
}

/** The validator nodes of a world (e.g. a running devnet's `chain.world`). */
export function worldNodes(world: World, ss58Prefix = 0): ScenarioNode[] {
    return world.nodeList().map(n => ({...n, address: encodeAddress(n.stash, ss58Prefix)}))
}

/** The nodes as the devnet's telemetry feed announces them: stash as validator address, the scenario's client version and IP. */
export function telemetryNodes(nodes: ScenarioNode[]): DevnetTelemetryNode[] {
    return nodesFromCandidates(nodes.map(n => ({name: n.nodeName, stash: n.address, version: n.clientVersion, ip: n.ip})))
}

/** Whether the node is in the feed at the given height. */
export function nodeOnlineAt(node: ScenarioNode, height: number): boolean {
    return node.offlineFromBlock === undefined || height < node.offlineFromBlock
}
