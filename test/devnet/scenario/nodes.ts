/**
 * The scenario's validator nodes as a telemetry feed would list them (stash, node name = candidate
 * name, operator identity, client version), for the telemetry devnet feed to import. Deterministic
 * from (scenario, seed): the same list the devnet's chain holds.
 */
import {cryptoWaitReady} from '@polkadot/util-crypto'
import {encodeAddress} from '@polkadot/util-crypto'
import {devAccounts} from './dev-accounts'
import {scenarioByName} from './scenario-spec'
import {genesisWorld} from './world'

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
}

export async function scenarioNodes(scenario = 'legacy', seed = 1, ss58Prefix = 0): Promise<ScenarioNode[]> {
    await cryptoWaitReady()
    const world = genesisWorld(scenarioByName(scenario), seed, devAccounts(ss58Prefix))
    return world.nodeList().map(n => ({...n, address: encodeAddress(n.stash, ss58Prefix)}))
}
