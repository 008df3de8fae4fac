/**
 * What the people processor indexes: its events, decoders and storage items (typegen'd for every
 * runtime in squid/metadata/people.jsonl).
 */
import type {LayerMapping} from '../chain-batch'
import {IDENTITY_EVENTS} from '../identity/decode'
import {events, storage} from '../types/people'

export const PEOPLE_STATE_SCHEMA = 'squid_people'

export const peopleMapping: LayerMapping = {
    chain: 'people',
    identity: {events: IDENTITY_EVENTS, decode: events.identity as never, storage: storage.identity as never},
}

