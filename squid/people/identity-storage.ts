/**
 * The People chain's `Identity` storage read as plain facts, by whichever typegen'd version matches the
 * block's runtime.
 */
import {UnknownRuntimeShapeError} from '../facts'
import type {IdentityStorage} from '../identity/identity-storage'
import {getManyChunked, readPairs} from '../storage-listing'
import type {StorageBlock} from '../staking/staking-storage'
import {storage} from '../types/people'

const id = storage.identity

const unknown = (item: string, block: StorageBlock) =>
    new UnknownRuntimeShapeError(item, block.height, `${block.specName}@${block.specVersion}`)

function superOfItem(block: StorageBlock) {
    if (!id.superOf.peoplePolkadotV1003003.is(block)) throw unknown('Identity.SuperOf', block)
    return id.superOf.peoplePolkadotV1003003
}

export const peopleIdentityStorage: IdentityStorage = {
    hasIdentities: block => block._runtime.hasStorageItem('Identity.IdentityOf'),

    async identityOf(block, accounts) {
        // Newest first: a struct type also matches a runtime struct with more fields.
        if (id.identityOf.peoplePolkadotV1005001.is(block))
            return getManyChunked(k => id.identityOf.peoplePolkadotV1005001.getMany(block, k), accounts)
        if (id.identityOf.peoplePolkadotV1003003.is(block))
            return getManyChunked(k => id.identityOf.peoplePolkadotV1003003.getMany(block, k), accounts)
        throw unknown('Identity.IdentityOf', block)
    },

    async superOf(block, accounts) {
        const item = superOfItem(block)
        return getManyChunked(k => item.getMany(block, k), accounts)
    },

    async allIdentityOf(block) {
        if (id.identityOf.peoplePolkadotV1005001.is(block)) {
            const item = id.identityOf.peoplePolkadotV1005001
            return readPairs(
                size => item.getKeysPaged(size, block),
                k => item.getMany(block, k),
            )
        }
        if (id.identityOf.peoplePolkadotV1003003.is(block)) {
            const item = id.identityOf.peoplePolkadotV1003003
            return readPairs(
                size => item.getKeysPaged(size, block),
                k => item.getMany(block, k),
            )
        }
        throw unknown('Identity.IdentityOf', block)
    },

    async allSuperOf(block) {
        const item = superOfItem(block)
        return readPairs(
            size => item.getKeysPaged(size, block),
            k => item.getMany(block, k),
        )
    },
}
