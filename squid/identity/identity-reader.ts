/**
 * Reads the identities of a set of accounts at one block: `IdentityOf` and `SuperOf` with one batched
 * `getMany` each.
 */
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
        identityOf.getMany(block, accounts) as Promise<(IdentityOfValue | undefined)[]>,
        superOf.getMany(block, accounts) as Promise<([string, DataValue] | undefined)[]>,
    ])
    return new Map(accounts.map((a, i) => [a, identityFields(regs[i], supers[i])]))
}
