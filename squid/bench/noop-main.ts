/**
 * The relay processor with a handler that does nothing: same data source, events and fields, same
 * store, so its rate is the SDK's own ceiling on the same data (the benchmark's denominator).
 */
import {TypeormDatabase} from '@subsquid/typeorm-store'
import {createChainProcessor} from '../chain-processor'
import {processorSettingsFromEnv} from '../processor-settings'
import {layerEvents} from '../run-chain-processor'
import {relayMapping} from '../relay/mapping'

const processor = createChainProcessor(processorSettingsFromEnv(process.env), layerEvents(relayMapping))
processor.run(new TypeormDatabase({stateSchema: 'squid_processor', supportHotBlocks: true}), async () => {})
