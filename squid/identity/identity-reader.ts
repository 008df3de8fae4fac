/**
 * Reads identities at one block: those of a set of accounts (`IdentityOf` and `SuperOf` with one batched
 * `getMany` each), or all the chain holds (both maps listed in pages).
 */
import {getManyChunked, readPairs} from '../staking/era-snapshot-reader'
import {pickVersion, RuntimeBlock} from '../versioned'
import {identityFields, IdentityFields, IdentityOfValue, DataValue} from './registration'

/* eslint-disable @typescript-eslint/no-explicit-any */
interface StorageItem {
    is(block: any): boolean
    getMany(block: any, keys: any[]): Promise<any[]>
    getKeysPaged(pageSize: number, block: any): AsyncIterable<any[]>
}

/** `storage.identity` of the relay or People typegen output. */
export type IdentityStorageDefs = Record<string, Record<string, StorageItem | string | undefined>>

type IdentityBlock = RuntimeBlock & {hash: string}

function identityItems(defs: IdentityStorageDefs, block: IdentityBlock) {
    return {
        identityOf: pickVersion(defs.identityOf as any, 'Identity.IdentityOf', block, block) as StorageItem,
        superOf: pickVersion(defs.superOf as any, 'Identity.SuperOf', block, block) as StorageItem,
    }
}

export async function readIdentities(defs: IdentityStorageDefs, block: IdentityBlock, accounts: string[]): Promise<Map<string, IdentityFields>> {
    const {identityOf, superOf} = identityItems(defs, block)
    const [regs, supers] = await Promise.all([
        getManyChunked(identityOf, block, accounts) as Promise<(IdentityOfValue | undefined)[]>,
        getManyChunked(superOf, block, accounts) as Promise<([string, DataValue] | undefined)[]>,
    ])
    return new Map(accounts.map((a, i) => [a, identityFields(regs[i], supers[i])]))
}

/**
 * Every identity and sub-identity the chain holds at the block; undefined when the runtime has no
 * Identity pallet (the relay after the identity migration).
 */
export async function readAllIdentities(defs: IdentityStorageDefs, block: IdentityBlock): Promise<Map<string, IdentityFields> | undefined> {
    if (!(block._runtime as {hasStorageItem(name: string): boolean}).hasStorageItem('Identity.IdentityOf')) return undefined
    const {identityOf, superOf} = identityItems(defs, block)
    const [regs, supers] = await Promise.all([
        readPairs(identityOf, block) as Promise<[string, IdentityOfValue | undefined][]>,
        readPairs(superOf, block) as Promise<[string, [string, DataValue] | undefined][]>,
    ])
    const regOf = new Map(regs)
    const superOfSub = new Map(supers)
    // A sub's parent holds an identity (the pallet requires it), so it is in the IdentityOf listing too.
    return new Map([...new Set([...regOf.keys(), ...superOfSub.keys()])].map(a => [a, identityFields(regOf.get(a), superOfSub.get(a))]))
}
