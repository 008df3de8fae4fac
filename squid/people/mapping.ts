/**
 * What the people processor indexes: its events, decoders and storage items (typegen'd for every
 * runtime in squid/metadata/people.jsonl).
 */
import {ChainLayer} from '../chain-layer'
import type {LayerMapping} from '../chain-batch'
import {IDENTITY_EVENTS} from '../identity/decode'
import {events} from '../types/people'
import {peopleIdentityStorage} from './identity-storage'
import {STATE_SCHEMAS} from '../chain-layer'

export const PEOPLE_STATE_SCHEMA = STATE_SCHEMAS.people

export const peopleMapping: LayerMapping = {
    chain: ChainLayer.people,
    identity: {events: IDENTITY_EVENTS, decode: events.identity, storage: peopleIdentityStorage},
}
