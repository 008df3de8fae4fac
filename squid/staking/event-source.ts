/**
 * The slice of a processor event the decoders need: the typegen'd `.is()/.decode()` read `name`,
 * `args` and `block._runtime`; the rest gives the row its place.
 */
import type {Runtime} from '@subsquid/substrate-runtime'
import type {EventContext} from '../facts'

export interface SourceEvent {
    id: string
    name: string
    args: unknown
    extrinsicIndex?: number
    block: {
        _runtime: Runtime
        height: number
        specName: string
        specVersion: number
        timestamp?: number
    }
}

export function eventContext(e: SourceEvent): EventContext {
    return {
        id: e.id,
        blockNumber: e.block.height,
        extrinsicIndex: e.extrinsicIndex,
        timestamp: e.block.timestamp === undefined ? undefined : new Date(e.block.timestamp),
    }
}

export function runtimeName(e: SourceEvent): string {
    return `${e.block.specName}@${e.block.specVersion}`
}

/** A RewardDestination enum value as a kind name plus the account for `Account(…)`. */
export function rewardDestination(dest: {__kind: string; value?: unknown}): {destination: string; destinationAccount?: string} {
    return {destination: dest.__kind, destinationAccount: dest.__kind === 'Account' ? String(dest.value) : undefined}
}
