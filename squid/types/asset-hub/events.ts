export * as stakingRcClient from './staking-rc-client/events'
export * as staking from './staking/events'
