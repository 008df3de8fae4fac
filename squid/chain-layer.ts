/**
 * The chain layers a fact comes from (relay, Asset Hub, People): the one type for them is the enum
 * generated from schema.graphql's `ChainLayer`, spelt in kebab-case only where a file or folder is named after it.
 */
import {ChainLayer} from '../db/model/generated/_chainLayer'

export {ChainLayer}

export const CHAIN_LAYERS: readonly ChainLayer[] = [ChainLayer.relay, ChainLayer.assetHub, ChainLayer.people]

const FILE_NAMES: Record<ChainLayer, string> = {
    [ChainLayer.relay]: 'relay',
    [ChainLayer.assetHub]: 'asset-hub',
    [ChainLayer.people]: 'people',
}

/** The layer's name in files and folders (`squid/asset-hub/`, `squid/metadata/asset-hub.jsonl`, `squid/types/asset-hub/`). */
export function layerFileName(layer: ChainLayer): string {
    return FILE_NAMES[layer]
}

/** The Subsquid state schema of each layer's processor (`squid_processor` is the one graphql-server's `squidStatus` reads). */
export const STATE_SCHEMAS: Record<ChainLayer, string> = {
    [ChainLayer.relay]: 'squid_processor',
    [ChainLayer.assetHub]: 'squid_asset_hub',
    [ChainLayer.people]: 'squid_people',
}
