/**
 * What the relay processor indexes: its events, decoders and storage items (typegen'd for every
 * runtime in squid/metadata/relay.jsonl).
 */
import {ChainLayer} from '../chain-layer'
import type {LayerMapping} from '../chain-batch'
import {IDENTITY_EVENTS} from '../identity/decode'
import {decodeRelayStakingEvent, RELAY_STAKING_EVENTS} from '../staking/decode-relay'
import {events} from '../types/relay'
import {relayIdentityStorage} from './identity-storage'
import {relayStakingStorage} from './staking-storage'
import {STATE_SCHEMAS} from '../chain-layer'

export const RELAY_STATE_SCHEMA = STATE_SCHEMAS.relay

export const relayMapping: LayerMapping = {
    chain: ChainLayer.relay,
    staking: {events: RELAY_STAKING_EVENTS, decode: decodeRelayStakingEvent, storage: relayStakingStorage},
    identity: {events: IDENTITY_EVENTS, decode: events.identity, storage: relayIdentityStorage},
}
