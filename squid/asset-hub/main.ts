/**
 * The Asset Hub processor: staking-async (`Staking`) since the Asset Hub migration, events only
 * (call parsing crashes on Asset Hub with the installed substrate-data). State schema `squid_asset_hub`.
 */
import {runChainProcessor} from '../run-chain-processor'
import {ASSET_HUB_STATE_SCHEMA, assetHubMapping} from './mapping'

runChainProcessor(assetHubMapping, ASSET_HUB_STATE_SCHEMA, 'RPC_ASSET_HUB_URL', 'squidAssetHub')
