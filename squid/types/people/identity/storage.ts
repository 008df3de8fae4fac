import {sts, Block, Bytes, Option, Result, StorageType, RuntimeCtx} from '../support'
import * as peoplePolkadotV1003003 from '../peoplePolkadotV1003003'
import * as peoplePolkadotV1005001 from '../peoplePolkadotV1005001'

export const identityOf =  {
    /**
     *  Information that is pertinent to identify the entity behind an account. First item is the
     *  registration, second is the account's primary username.
     * 
     *  TWOX-NOTE: OK ― `AccountId` is a secure hash.
     */
    peoplePolkadotV1003003: new StorageType('Identity.IdentityOf', 'Optional', [peoplePolkadotV1003003.AccountId32], sts.tuple(() => [peoplePolkadotV1003003.Registration, sts.option(() => sts.bytes())])) as IdentityOfPeoplePolkadotV1003003,
    /**
     *  Information that is pertinent to identify the entity behind an account. First item is the
     *  registration, second is the account's primary username.
     * 
     *  TWOX-NOTE: OK ― `AccountId` is a secure hash.
     */
    peoplePolkadotV1005001: new StorageType('Identity.IdentityOf', 'Optional', [peoplePolkadotV1005001.AccountId32], peoplePolkadotV1005001.Registration) as IdentityOfPeoplePolkadotV1005001,
}

/**
 *  Information that is pertinent to identify the entity behind an account. First item is the
 *  registration, second is the account's primary username.
 * 
 *  TWOX-NOTE: OK ― `AccountId` is a secure hash.
 */
export interface IdentityOfPeoplePolkadotV1003003  {
    is(block: RuntimeCtx): boolean
    get(block: Block, key: peoplePolkadotV1003003.AccountId32): Promise<([peoplePolkadotV1003003.Registration, (Bytes | undefined)] | undefined)>
    getMany(block: Block, keys: peoplePolkadotV1003003.AccountId32[]): Promise<([peoplePolkadotV1003003.Registration, (Bytes | undefined)] | undefined)[]>
    getKeys(block: Block): Promise<peoplePolkadotV1003003.AccountId32[]>
    getKeys(block: Block, key: peoplePolkadotV1003003.AccountId32): Promise<peoplePolkadotV1003003.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<peoplePolkadotV1003003.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block, key: peoplePolkadotV1003003.AccountId32): AsyncIterable<peoplePolkadotV1003003.AccountId32[]>
    getPairs(block: Block): Promise<[k: peoplePolkadotV1003003.AccountId32, v: ([peoplePolkadotV1003003.Registration, (Bytes | undefined)] | undefined)][]>
    getPairs(block: Block, key: peoplePolkadotV1003003.AccountId32): Promise<[k: peoplePolkadotV1003003.AccountId32, v: ([peoplePolkadotV1003003.Registration, (Bytes | undefined)] | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: peoplePolkadotV1003003.AccountId32, v: ([peoplePolkadotV1003003.Registration, (Bytes | undefined)] | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key: peoplePolkadotV1003003.AccountId32): AsyncIterable<[k: peoplePolkadotV1003003.AccountId32, v: ([peoplePolkadotV1003003.Registration, (Bytes | undefined)] | undefined)][]>
}

/**
 *  Information that is pertinent to identify the entity behind an account. First item is the
 *  registration, second is the account's primary username.
 * 
 *  TWOX-NOTE: OK ― `AccountId` is a secure hash.
 */
export interface IdentityOfPeoplePolkadotV1005001  {
    is(block: RuntimeCtx): boolean
    get(block: Block, key: peoplePolkadotV1005001.AccountId32): Promise<(peoplePolkadotV1005001.Registration | undefined)>
    getMany(block: Block, keys: peoplePolkadotV1005001.AccountId32[]): Promise<(peoplePolkadotV1005001.Registration | undefined)[]>
    getKeys(block: Block): Promise<peoplePolkadotV1005001.AccountId32[]>
    getKeys(block: Block, key: peoplePolkadotV1005001.AccountId32): Promise<peoplePolkadotV1005001.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<peoplePolkadotV1005001.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block, key: peoplePolkadotV1005001.AccountId32): AsyncIterable<peoplePolkadotV1005001.AccountId32[]>
    getPairs(block: Block): Promise<[k: peoplePolkadotV1005001.AccountId32, v: (peoplePolkadotV1005001.Registration | undefined)][]>
    getPairs(block: Block, key: peoplePolkadotV1005001.AccountId32): Promise<[k: peoplePolkadotV1005001.AccountId32, v: (peoplePolkadotV1005001.Registration | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: peoplePolkadotV1005001.AccountId32, v: (peoplePolkadotV1005001.Registration | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key: peoplePolkadotV1005001.AccountId32): AsyncIterable<[k: peoplePolkadotV1005001.AccountId32, v: (peoplePolkadotV1005001.Registration | undefined)][]>
}

export const superOf =  {
    /**
     *  The super-identity of an alternative "sub" identity together with its name, within that
     *  context. If the account is not some other account's sub-identity, then just `None`.
     */
    peoplePolkadotV1003003: new StorageType('Identity.SuperOf', 'Optional', [peoplePolkadotV1003003.AccountId32], sts.tuple(() => [peoplePolkadotV1003003.AccountId32, peoplePolkadotV1003003.Data])) as SuperOfPeoplePolkadotV1003003,
}

/**
 *  The super-identity of an alternative "sub" identity together with its name, within that
 *  context. If the account is not some other account's sub-identity, then just `None`.
 */
export interface SuperOfPeoplePolkadotV1003003  {
    is(block: RuntimeCtx): boolean
    get(block: Block, key: peoplePolkadotV1003003.AccountId32): Promise<([peoplePolkadotV1003003.AccountId32, peoplePolkadotV1003003.Data] | undefined)>
    getMany(block: Block, keys: peoplePolkadotV1003003.AccountId32[]): Promise<([peoplePolkadotV1003003.AccountId32, peoplePolkadotV1003003.Data] | undefined)[]>
    getKeys(block: Block): Promise<peoplePolkadotV1003003.AccountId32[]>
    getKeys(block: Block, key: peoplePolkadotV1003003.AccountId32): Promise<peoplePolkadotV1003003.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<peoplePolkadotV1003003.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block, key: peoplePolkadotV1003003.AccountId32): AsyncIterable<peoplePolkadotV1003003.AccountId32[]>
    getPairs(block: Block): Promise<[k: peoplePolkadotV1003003.AccountId32, v: ([peoplePolkadotV1003003.AccountId32, peoplePolkadotV1003003.Data] | undefined)][]>
    getPairs(block: Block, key: peoplePolkadotV1003003.AccountId32): Promise<[k: peoplePolkadotV1003003.AccountId32, v: ([peoplePolkadotV1003003.AccountId32, peoplePolkadotV1003003.Data] | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: peoplePolkadotV1003003.AccountId32, v: ([peoplePolkadotV1003003.AccountId32, peoplePolkadotV1003003.Data] | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key: peoplePolkadotV1003003.AccountId32): AsyncIterable<[k: peoplePolkadotV1003003.AccountId32, v: ([peoplePolkadotV1003003.AccountId32, peoplePolkadotV1003003.Data] | undefined)][]>
}

export const subsOf =  {
    /**
     *  Alternative "sub" identities of this account.
     * 
     *  The first item is the deposit, the second is a vector of the accounts.
     * 
     *  TWOX-NOTE: OK ― `AccountId` is a secure hash.
     */
    peoplePolkadotV1003003: new StorageType('Identity.SubsOf', 'Default', [peoplePolkadotV1003003.AccountId32], sts.tuple(() => [sts.bigint(), sts.array(() => peoplePolkadotV1003003.AccountId32)])) as SubsOfPeoplePolkadotV1003003,
}

/**
 *  Alternative "sub" identities of this account.
 * 
 *  The first item is the deposit, the second is a vector of the accounts.
 * 
 *  TWOX-NOTE: OK ― `AccountId` is a secure hash.
 */
export interface SubsOfPeoplePolkadotV1003003  {
    is(block: RuntimeCtx): boolean
    getDefault(block: Block): [bigint, peoplePolkadotV1003003.AccountId32[]]
    get(block: Block, key: peoplePolkadotV1003003.AccountId32): Promise<([bigint, peoplePolkadotV1003003.AccountId32[]] | undefined)>
    getMany(block: Block, keys: peoplePolkadotV1003003.AccountId32[]): Promise<([bigint, peoplePolkadotV1003003.AccountId32[]] | undefined)[]>
    getKeys(block: Block): Promise<peoplePolkadotV1003003.AccountId32[]>
    getKeys(block: Block, key: peoplePolkadotV1003003.AccountId32): Promise<peoplePolkadotV1003003.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<peoplePolkadotV1003003.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block, key: peoplePolkadotV1003003.AccountId32): AsyncIterable<peoplePolkadotV1003003.AccountId32[]>
    getPairs(block: Block): Promise<[k: peoplePolkadotV1003003.AccountId32, v: ([bigint, peoplePolkadotV1003003.AccountId32[]] | undefined)][]>
    getPairs(block: Block, key: peoplePolkadotV1003003.AccountId32): Promise<[k: peoplePolkadotV1003003.AccountId32, v: ([bigint, peoplePolkadotV1003003.AccountId32[]] | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: peoplePolkadotV1003003.AccountId32, v: ([bigint, peoplePolkadotV1003003.AccountId32[]] | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key: peoplePolkadotV1003003.AccountId32): AsyncIterable<[k: peoplePolkadotV1003003.AccountId32, v: ([bigint, peoplePolkadotV1003003.AccountId32[]] | undefined)][]>
}
