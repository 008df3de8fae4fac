export * as identity from './identity/events'
