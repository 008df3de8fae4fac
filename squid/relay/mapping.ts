/**
 * What the relay processor indexes: its events, decoders and storage items (typegen'd for every
 * runtime in squid/metadata/relay.jsonl).
 */
import type {LayerMapping} from '../chain-batch'
import {IDENTITY_EVENTS} from '../identity/decode'
import {decodeRelayStakingEvent, RELAY_STAKING_EVENTS} from '../staking/decode-relay'
import {events, storage} from '../types/relay'

export const RELAY_STATE_SCHEMA = 'squid_processor'

export const relayMapping: LayerMapping = {
    chain: 'relay',
    staking: {events: RELAY_STAKING_EVENTS, decode: decodeRelayStakingEvent, storage: {
        staking: storage.staking as never, session: storage.session as never, stakingAhClient: storage.stakingAhClient as never,
    }},
    identity: {events: IDENTITY_EVENTS, decode: events.identity as never, storage: storage.identity as never},
}

