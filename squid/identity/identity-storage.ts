/**
 * What the squid reads from `Identity` storage, as plain facts: one implementation per chain layer that
 * holds identities (`relay/identity-storage.ts`, `people/identity-storage.ts`), each picking the typegen'd
 * version that matches the block's runtime.
 */
import {UnknownRuntimeShapeError} from '../facts'
import type {StorageBlock} from '../staking/staking-storage'
import {getManyChunked, readPairs} from '../storage-listing'
import type {DataValue, IdentityOfValue} from './registration'

/** `SuperOf(sub)`: the parent account and the sub's name. */
export type SuperOfValue = [parent: string, name: DataValue]

export interface IdentityStorage {
    /** Whether the block's runtime has the Identity pallet (the relay lost it in 2024). */
    hasIdentities(block: StorageBlock): boolean
    identityOf(block: StorageBlock, accounts: string[]): Promise<(IdentityOfValue | undefined)[]>
    superOf(block: StorageBlock, accounts: string[]): Promise<(SuperOfValue | undefined)[]>
    /** Every `IdentityOf` entry. */
    allIdentityOf(block: StorageBlock): Promise<[string, IdentityOfValue | undefined][]>
    /** Every `SuperOf` entry. */
    allSuperOf(block: StorageBlock): Promise<[string, SuperOfValue | undefined][]>
}

/** A typegen'd storage version keyed by account, as the identity readers use it. */
export interface AccountItem<V> {
    is(block: StorageBlock): boolean
    getMany(block: StorageBlock, keys: string[]): Promise<(V | undefined)[]>
    getKeysPaged(pageSize: number, block: StorageBlock): AsyncIterable<string[]>
}

/**
 * The readers over one layer's typegen'd versions of `IdentityOf` and `SuperOf`, each list newest first: a
 * struct type also matches a runtime struct with more fields, so the first that matches the block is the one.
 */
export function identityStorageOf(versions: {
    identityOf: AccountItem<IdentityOfValue>[]
    superOf: AccountItem<SuperOfValue>[]
}): IdentityStorage {
    const identityOf = accountReader('Identity.IdentityOf', versions.identityOf)
    const superOf = accountReader('Identity.SuperOf', versions.superOf)
    return {
        hasIdentities: block => block._runtime.hasStorageItem('Identity.IdentityOf'),
        identityOf: identityOf.some,
        superOf: superOf.some,
        allIdentityOf: identityOf.all,
        allSuperOf: superOf.all,
    }
}

function accountReader<V>(name: string, versions: AccountItem<V>[]) {
    const matching = (block: StorageBlock) => {
        const item = versions.find(v => v.is(block))
        if (!item) throw new UnknownRuntimeShapeError(name, block.height, `${block.specName}@${block.specVersion}`)
        return item
    }
    return {
        some: (block: StorageBlock, accounts: string[]) => {
            const item = matching(block)
            return getManyChunked(k => item.getMany(block, k), accounts)
        },
        all: (block: StorageBlock) => {
            const item = matching(block)
            return readPairs(
                size => item.getKeysPaged(size, block),
                k => item.getMany(block, k),
            )
        },
    }
}
