/**
 * The relay-chain processor: legacy staking, sessions, offline reports, offences and (until 2024)
 * identities. Its state lives in `squid_processor`, the schema the GraphQL server's squidStatus reads.
 */
import {runChainProcessor} from '../run-chain-processor'
import {RELAY_STATE_SCHEMA, relayMapping} from './mapping'

runChainProcessor(relayMapping, RELAY_STATE_SCHEMA, 'RPC_RELAY_URL', 'squidRelay')
