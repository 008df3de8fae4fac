import {sts, Block, Bytes, Option, Result, StorageType, RuntimeCtx} from '../support'
import * as v9420 from '../v9420'
import * as v1002005 from '../v1002005'

export const identityOf =  {
    /**
     *  Information that is pertinent to identify the entity behind an account.
     * 
     *  TWOX-NOTE: OK ― `AccountId` is a secure hash.
     */
    v9420: new StorageType('Identity.IdentityOf', 'Optional', [v9420.AccountId32], v9420.Registration) as IdentityOfV9420,
    /**
     *  Information that is pertinent to identify the entity behind an account. First item is the
     *  registration, second is the account's primary username.
     * 
     *  TWOX-NOTE: OK ― `AccountId` is a secure hash.
     */
    v1002005: new StorageType('Identity.IdentityOf', 'Optional', [v1002005.AccountId32], sts.tuple(() => [v1002005.Registration, sts.option(() => v1002005.BoundedVec)])) as IdentityOfV1002005,
}

/**
 *  Information that is pertinent to identify the entity behind an account.
 * 
 *  TWOX-NOTE: OK ― `AccountId` is a secure hash.
 */
export interface IdentityOfV9420  {
    is(block: RuntimeCtx): boolean
    get(block: Block, key: v9420.AccountId32): Promise<(v9420.Registration | undefined)>
    getMany(block: Block, keys: v9420.AccountId32[]): Promise<(v9420.Registration | undefined)[]>
    getKeys(block: Block): Promise<v9420.AccountId32[]>
    getKeys(block: Block, key: v9420.AccountId32): Promise<v9420.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<v9420.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block, key: v9420.AccountId32): AsyncIterable<v9420.AccountId32[]>
    getPairs(block: Block): Promise<[k: v9420.AccountId32, v: (v9420.Registration | undefined)][]>
    getPairs(block: Block, key: v9420.AccountId32): Promise<[k: v9420.AccountId32, v: (v9420.Registration | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: v9420.AccountId32, v: (v9420.Registration | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key: v9420.AccountId32): AsyncIterable<[k: v9420.AccountId32, v: (v9420.Registration | undefined)][]>
}

/**
 *  Information that is pertinent to identify the entity behind an account. First item is the
 *  registration, second is the account's primary username.
 * 
 *  TWOX-NOTE: OK ― `AccountId` is a secure hash.
 */
export interface IdentityOfV1002005  {
    is(block: RuntimeCtx): boolean
    get(block: Block, key: v1002005.AccountId32): Promise<([v1002005.Registration, (v1002005.BoundedVec | undefined)] | undefined)>
    getMany(block: Block, keys: v1002005.AccountId32[]): Promise<([v1002005.Registration, (v1002005.BoundedVec | undefined)] | undefined)[]>
    getKeys(block: Block): Promise<v1002005.AccountId32[]>
    getKeys(block: Block, key: v1002005.AccountId32): Promise<v1002005.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<v1002005.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block, key: v1002005.AccountId32): AsyncIterable<v1002005.AccountId32[]>
    getPairs(block: Block): Promise<[k: v1002005.AccountId32, v: ([v1002005.Registration, (v1002005.BoundedVec | undefined)] | undefined)][]>
    getPairs(block: Block, key: v1002005.AccountId32): Promise<[k: v1002005.AccountId32, v: ([v1002005.Registration, (v1002005.BoundedVec | undefined)] | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: v1002005.AccountId32, v: ([v1002005.Registration, (v1002005.BoundedVec | undefined)] | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key: v1002005.AccountId32): AsyncIterable<[k: v1002005.AccountId32, v: ([v1002005.Registration, (v1002005.BoundedVec | undefined)] | undefined)][]>
}

export const superOf =  {
    /**
     *  The super-identity of an alternative "sub" identity together with its name, within that
     *  context. If the account is not some other account's sub-identity, then just `None`.
     */
    v9420: new StorageType('Identity.SuperOf', 'Optional', [v9420.AccountId32], sts.tuple(() => [v9420.AccountId32, v9420.Data])) as SuperOfV9420,
}

/**
 *  The super-identity of an alternative "sub" identity together with its name, within that
 *  context. If the account is not some other account's sub-identity, then just `None`.
 */
export interface SuperOfV9420  {
    is(block: RuntimeCtx): boolean
    get(block: Block, key: v9420.AccountId32): Promise<([v9420.AccountId32, v9420.Data] | undefined)>
    getMany(block: Block, keys: v9420.AccountId32[]): Promise<([v9420.AccountId32, v9420.Data] | undefined)[]>
    getKeys(block: Block): Promise<v9420.AccountId32[]>
    getKeys(block: Block, key: v9420.AccountId32): Promise<v9420.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<v9420.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block, key: v9420.AccountId32): AsyncIterable<v9420.AccountId32[]>
    getPairs(block: Block): Promise<[k: v9420.AccountId32, v: ([v9420.AccountId32, v9420.Data] | undefined)][]>
    getPairs(block: Block, key: v9420.AccountId32): Promise<[k: v9420.AccountId32, v: ([v9420.AccountId32, v9420.Data] | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: v9420.AccountId32, v: ([v9420.AccountId32, v9420.Data] | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key: v9420.AccountId32): AsyncIterable<[k: v9420.AccountId32, v: ([v9420.AccountId32, v9420.Data] | undefined)][]>
}

export const subsOf =  {
    /**
     *  Alternative "sub" identities of this account.
     * 
     *  The first item is the deposit, the second is a vector of the accounts.
     * 
     *  TWOX-NOTE: OK ― `AccountId` is a secure hash.
     */
    v9420: new StorageType('Identity.SubsOf', 'Default', [v9420.AccountId32], sts.tuple(() => [sts.bigint(), sts.array(() => v9420.AccountId32)])) as SubsOfV9420,
}

/**
 *  Alternative "sub" identities of this account.
 * 
 *  The first item is the deposit, the second is a vector of the accounts.
 * 
 *  TWOX-NOTE: OK ― `AccountId` is a secure hash.
 */
export interface SubsOfV9420  {
    is(block: RuntimeCtx): boolean
    getDefault(block: Block): [bigint, v9420.AccountId32[]]
    get(block: Block, key: v9420.AccountId32): Promise<([bigint, v9420.AccountId32[]] | undefined)>
    getMany(block: Block, keys: v9420.AccountId32[]): Promise<([bigint, v9420.AccountId32[]] | undefined)[]>
    getKeys(block: Block): Promise<v9420.AccountId32[]>
    getKeys(block: Block, key: v9420.AccountId32): Promise<v9420.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<v9420.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block, key: v9420.AccountId32): AsyncIterable<v9420.AccountId32[]>
    getPairs(block: Block): Promise<[k: v9420.AccountId32, v: ([bigint, v9420.AccountId32[]] | undefined)][]>
    getPairs(block: Block, key: v9420.AccountId32): Promise<[k: v9420.AccountId32, v: ([bigint, v9420.AccountId32[]] | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: v9420.AccountId32, v: ([bigint, v9420.AccountId32[]] | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key: v9420.AccountId32): AsyncIterable<[k: v9420.AccountId32, v: ([bigint, v9420.AccountId32[]] | undefined)][]>
}
