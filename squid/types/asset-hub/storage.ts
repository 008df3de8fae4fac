export * as staking from './staking/storage'
