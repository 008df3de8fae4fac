/**
 * Builds a `SubstrateBatchProcessor` for one chain: RPC only, events only (call parsing crashes on
 * Asset Hub with the installed substrate-data), block timestamps, and the given event names.
 */
import {SubstrateBatchProcessor} from '@subsquid/substrate-processor'
import type {ProcessorSettings} from './processor-settings'

export function createChainProcessor(settings: ProcessorSettings, eventNames: readonly string[]) {
    return new SubstrateBatchProcessor()
        .setRpcEndpoint({url: settings.rpcUrl, capacity: 10})
        .setRpcDataIngestionSettings({headPollInterval: 1000})
        .setBlockRange({from: settings.fromBlock, to: settings.toBlock})
        .setFields({block: {timestamp: true}, event: {name: true, args: true}})
        .addEvent({name: [...eventNames], extrinsic: false, call: false, stack: false})
}

export type ChainProcessor = ReturnType<typeof createChainProcessor>
