/**
 * The People chain's `Identity` storage read as plain facts, by whichever typegen'd version matches the
 * block's runtime.
 */
import {identityStorageOf} from '../identity/identity-storage'
import {storage} from '../types/people'

const id = storage.identity

export const peopleIdentityStorage = identityStorageOf({
    identityOf: [id.identityOf.peoplePolkadotV1005001, id.identityOf.peoplePolkadotV1003003],
    superOf: [id.superOf.peoplePolkadotV1003003],
})
