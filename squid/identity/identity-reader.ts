/**
 * Reads identities at one block: those of a set of accounts (`IdentityOf` and `SuperOf` with one batched
 * `getMany` each), or all the chain holds (both maps listed in pages).
 */
import type {StorageBlock} from '../staking/staking-storage'
import type {IdentityStorage} from './identity-storage'
import {identityFields, IdentityFields} from './registration'

export async function readIdentities(
    storage: IdentityStorage,
    block: StorageBlock,
    accounts: string[],
): Promise<Map<string, IdentityFields>> {
    const [regs, supers] = await Promise.all([storage.identityOf(block, accounts), storage.superOf(block, accounts)])
    return new Map(accounts.map((a, i) => [a, identityFields(regs[i], supers[i])]))
}

/**
 * Every identity and sub-identity the chain holds at the block; undefined when the runtime has no
 * Identity pallet (the relay after the identity migration).
 */
export async function readAllIdentities(storage: IdentityStorage, block: StorageBlock): Promise<Map<string, IdentityFields> | undefined> {
    if (!storage.hasIdentities(block)) return undefined
    const [regs, supers] = await Promise.all([storage.allIdentityOf(block), storage.allSuperOf(block)])
    const regOf = new Map(regs)
    const superOfSub = new Map(supers)
    // A sub's parent holds an identity (the pallet requires it), so it is in the IdentityOf listing too.
    return new Map([...new Set([...regOf.keys(), ...superOfSub.keys()])].map(a => [a, identityFields(regOf.get(a), superOfSub.get(a))]))
}
