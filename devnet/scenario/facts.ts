/**
 * What the scenario produced, in plain data: the ground truth an indexer's rows are compared with
 * (era points, exposures, payouts and rewards, slashes, identities, offline reports, offences).
 */
import type {Network} from '../chain/network'
import type {LogicalEvent} from './staking-cycle'
import type {ChainRole} from '../chain/chain-role'

export interface FactEvent extends LogicalEvent {
    block: number
    /** The chain whose block carries it. */
    chain: ChainRole
}

export interface ScenarioFacts {
    head: number
    activeEra: number
    /** Every event of every block, by name ("Staking.Rewarded" → occurrences). */
    events: Record<string, FactEvent[]>
    eras: {
        index: number
        startBlock: number
        totalPoints: number
        points: Record<string, number>
        validators: string[]
        validatorPayoutPlanck?: bigint
    }[]
}

export function collectFacts(network: Network): ScenarioFacts {
    const events: Record<string, FactEvent[]> = {}
    for (const chain of network.chains) {
        for (const [block, list] of chain.eventsByBlock) {
            for (const e of list) (events[`${e.pallet}.${e.name}`] ??= []).push({...e, block, chain: chain.role})
        }
    }
    for (const list of Object.values(events)) list.sort((a, b) => a.block - b.block)
    const eras = [...network.world.eras.values()]
        .sort((a, b) => a.index - b.index)
        .map(e => ({
            index: e.index,
            startBlock: e.startBlock,
            totalPoints: e.totalPoints,
            points: Object.fromEntries(e.points),
            validators: e.exposures.map(x => x.validator),
            validatorPayoutPlanck: e.validatorPayoutPlanck,
        }))
    return {head: network.height, activeEra: network.world.activeEra, events, eras}
}
