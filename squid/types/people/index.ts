export * as peoplePolkadotV1003003 from './peoplePolkadotV1003003'
export * as peoplePolkadotV1005001 from './peoplePolkadotV1005001'
export * as events from './events'
export * as storage from './storage'
