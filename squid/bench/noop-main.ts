/**
 * The relay processor with a handler that does nothing: same data source, events and fields, same
 * database, so its rate is the SDK's own ceiling on the same data (the benchmark's denominator).
 */
import {createChainProcessor} from '../chain-processor'
import {processorSettingsFromEnv} from '../processor-settings'
import {chainDatabase, layerEvents} from '../run-chain-processor'
import {relayMapping} from '../relay/mapping'

const settings = processorSettingsFromEnv(process.env)
const processor = createChainProcessor(settings, layerEvents(relayMapping))
processor.run(chainDatabase('squid_processor', settings.toBlock), async () => {})
