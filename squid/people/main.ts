/**
 * The People-chain processor: identities, judgements and sub-identities since the identity migration.
 * State schema `squid_people`.
 */
import {runChainProcessor} from '../run-chain-processor'
import {PEOPLE_STATE_SCHEMA, peopleMapping} from './mapping'

runChainProcessor(peopleMapping, PEOPLE_STATE_SCHEMA, 'RPC_PEOPLE_URL', 'squidPeople')
