export * as staking from './staking/storage'
export * as session from './session/storage'
export * as identity from './identity/storage'
export * as stakingAhClient from './staking-ah-client/storage'
