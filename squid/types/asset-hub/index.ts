export * as v1009003 from './v1009003'
export * as events from './events'
export * as storage from './storage'
