/**
 * Starts one chain's processor: settings from the environment, its events, its own state schema in
 * the shared Postgres, hot blocks on (unfinalized blocks are indexed and rolled back on a reorg).
 */
import {TypeormDatabase} from '@subsquid/typeorm-store'
import {handleChainBatch, LayerMapping} from './chain-batch'
import {createChainProcessor} from './chain-processor'
import {processorSettingsFromEnv} from './processor-settings'

export function layerEvents(m: LayerMapping): string[] {
    return [...(m.staking?.events ?? []), ...(m.identity?.events ?? [])]
}

/** `processor.run` owns the process from here: it exits 0 at the range end and 1 on a fatal error. */
export function runChainProcessor(mapping: LayerMapping, stateSchema: string, chainUrlVar: string): void {
    const settings = processorSettingsFromEnv(process.env, chainUrlVar)
    const processor = createChainProcessor(settings, layerEvents(mapping))
    processor.run(new TypeormDatabase({stateSchema, supportHotBlocks: true}), ctx => handleChainBatch(ctx, mapping))
}
