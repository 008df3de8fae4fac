/**
 * What the squid reads from `Identity` storage, as plain facts: one implementation per chain layer that
 * holds identities (`relay/identity-storage.ts`, `people/identity-storage.ts`), each picking the typegen'd
 * version that matches the block's runtime.
 */
import type {StorageBlock} from '../staking/staking-storage'
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
