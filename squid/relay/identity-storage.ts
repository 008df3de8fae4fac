/**
 * The relay's `Identity` storage (until the 2024 migration to People) read as plain facts, by whichever
 * typegen'd version matches the block's runtime.
 */
import {UnknownRuntimeShapeError} from '../facts'
import type {IdentityStorage} from '../identity/identity-storage'
import {getManyChunked, readPairs} from '../storage-listing'
import type {StorageBlock} from '../staking/staking-storage'
import {storage} from '../types/relay'

const id = storage.identity

const unknown = (item: string, block: StorageBlock) =>
    new UnknownRuntimeShapeError(item, block.height, `${block.specName}@${block.specVersion}`)

function superOfItem(block: StorageBlock) {
    if (!id.superOf.v9420.is(block)) throw unknown('Identity.SuperOf', block)
    return id.superOf.v9420
}

export const relayIdentityStorage: IdentityStorage = {
    hasIdentities: block => block._runtime.hasStorageItem('Identity.IdentityOf'),

    async identityOf(block, accounts) {
        // Newest first: a struct type also matches a runtime struct with more fields.
        if (id.identityOf.v1002005.is(block)) return getManyChunked(k => id.identityOf.v1002005.getMany(block, k), accounts)
        if (id.identityOf.v9420.is(block)) return getManyChunked(k => id.identityOf.v9420.getMany(block, k), accounts)
        throw unknown('Identity.IdentityOf', block)
    },

    async superOf(block, accounts) {
        const item = superOfItem(block)
        return getManyChunked(k => item.getMany(block, k), accounts)
    },

    async allIdentityOf(block) {
        if (id.identityOf.v1002005.is(block)) {
            const item = id.identityOf.v1002005
            return readPairs(
                size => item.getKeysPaged(size, block),
                k => item.getMany(block, k),
            )
        }
        if (id.identityOf.v9420.is(block)) {
            const item = id.identityOf.v9420
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
