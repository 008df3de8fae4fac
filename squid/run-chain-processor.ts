/**
 * Starts one chain's processor: settings from the environment, its events, its own state schema in
 * the shared Postgres, hot blocks on (unfinalized blocks are indexed and rolled back on a reorg).
 */
import {TypeormDatabase} from '@subsquid/typeorm-store'
import {dbSettingsFromEnv} from '../db/connection'
import {BatchCarry, handleChainBatch, LayerMapping} from './chain-batch'
import {createChainProcessor} from './chain-processor'
import {processorSettingsFromEnv} from './processor-settings'
import {EraSnapshotWorker} from './staking/era-snapshot-worker'

export function layerEvents(m: LayerMapping): string[] {
    return [...(m.staking?.events ?? []), ...(m.identity?.events ?? [])]
}

/** `processor.run` owns the process from here: it exits 0 at the range end and 1 on a fatal error. */
export function runChainProcessor(mapping: LayerMapping, stateSchema: string, chainUrlVar: string): void {
    const settings = processorSettingsFromEnv(process.env, chainUrlVar)
    const processor = createChainProcessor(settings, layerEvents(mapping))
    // One writer per state schema: READ COMMITTED is enough and saves SERIALIZABLE's predicate locks on large era writes.
    const snapshots = mapping.staking ? new EraSnapshotWorker({chain: mapping.chain, rpcUrl: settings.rpcUrl, db: dbSettingsFromEnv(process.env)}) : undefined
    const carry = new BatchCarry()
    processor.run(new TypeormDatabase({stateSchema, supportHotBlocks: true, isolationLevel: 'READ COMMITTED'}),
        ctx => handleChainBatch(ctx, mapping, {snapshots, toBlock: settings.toBlock, carry}))
}
