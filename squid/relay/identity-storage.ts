/**
 * The relay's `Identity` storage (until the 2024 migration to People) read as plain facts, by whichever
 * typegen'd version matches the block's runtime.
 */
import {identityStorageOf} from '../identity/identity-storage'
import {storage} from '../types/relay'

const id = storage.identity

export const relayIdentityStorage = identityStorageOf({
    identityOf: [id.identityOf.v1002005, id.identityOf.v9420],
    superOf: [id.superOf.v9420],
})
