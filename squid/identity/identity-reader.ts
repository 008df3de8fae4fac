/**
 * Reads the identities of a set of accounts at one block: `IdentityOf` and `SuperOf` with one batched
 * `getMany` each.
 */
import {getManyChunked} from '../staking/era-snapshot-reader'
import {pickVersion, RuntimeBlock} from '../versioned'
import {identityFields, IdentityFields, IdentityOfValue, DataValue} from './registration'

/* eslint-disable @typescript-eslint/no-explicit-any */
interface StorageItem {
    is(block: any): boolean
    getMany(block: any, keys: any[]): Promise<any[]>
}

/** `storage.identity` of the relay or People typegen output. */
export type IdentityStorageDefs = Record<string, Record<string, StorageItem | string | undefined>>

export async function readIdentities(defs: IdentityStorageDefs, block: RuntimeBlock & {hash: string}, accounts: string[]): Promise<Map<string, IdentityFields>> {
    const identityOf = pickVersion(defs.identityOf as any, 'Identity.IdentityOf', block, block) as StorageItem
    const superOf = pickVersion(defs.superOf as any, 'Identity.SuperOf', block, block) as StorageItem
    const [regs, supers] = await Promise.all([
        getManyChunked(identityOf, block, accounts) as Promise<(IdentityOfValue | undefined)[]>,
        getManyChunked(superOf, block, accounts) as Promise<([string, DataValue] | undefined)[]>,
    ])
    return new Map(accounts.map((a, i) => [a, identityFields(regs[i], supers[i])]))
}
