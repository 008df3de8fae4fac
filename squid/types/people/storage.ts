export * as identity from './identity/storage'
