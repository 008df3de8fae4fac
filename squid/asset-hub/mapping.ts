/**
 * What the asset-hub processor indexes: its events, decoders and storage items (typegen'd for every
 * runtime in squid/metadata/asset-hub.jsonl).
 */
import {ChainLayer} from '../chain-layer'
import type {LayerMapping} from '../chain-batch'
import {ASSET_HUB_STAKING_EVENTS, decodeAssetHubStakingEvent} from '../staking/decode-asset-hub'
import {assetHubStakingStorage} from './staking-storage'
import {STATE_SCHEMAS} from '../chain-layer'

export const ASSET_HUB_STATE_SCHEMA = STATE_SCHEMAS.assetHub

export const assetHubMapping: LayerMapping = {
    chain: ChainLayer.assetHub,
    staking: {events: ASSET_HUB_STAKING_EVENTS, decode: decodeAssetHubStakingEvent, storage: assetHubStakingStorage},
}
