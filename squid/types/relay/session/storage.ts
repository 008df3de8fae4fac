import {sts, Block, Bytes, Option, Result, StorageType, RuntimeCtx} from '../support'
import * as v9420 from '../v9420'
import * as v1002005 from '../v1002005'

export const currentIndex =  {
    /**
     *  Current index of the session.
     */
    v9420: new StorageType('Session.CurrentIndex', 'Default', [], sts.number()) as CurrentIndexV9420,
}

/**
 *  Current index of the session.
 */
export interface CurrentIndexV9420  {
    is(block: RuntimeCtx): boolean
    getDefault(block: Block): number
    get(block: Block): Promise<(number | undefined)>
}

export const nextKeys =  {
    /**
     *  The next session keys for a validator.
     */
    v9420: new StorageType('Session.NextKeys', 'Optional', [v9420.AccountId32], v9420.SessionKeys) as NextKeysV9420,
    /**
     *  The next session keys for a validator.
     */
    v1002005: new StorageType('Session.NextKeys', 'Optional', [v1002005.AccountId32], v1002005.SessionKeys) as NextKeysV1002005,
}

/**
 *  The next session keys for a validator.
 */
export interface NextKeysV9420  {
    is(block: RuntimeCtx): boolean
    get(block: Block, key: v9420.AccountId32): Promise<(v9420.SessionKeys | undefined)>
    getMany(block: Block, keys: v9420.AccountId32[]): Promise<(v9420.SessionKeys | undefined)[]>
    getKeys(block: Block): Promise<v9420.AccountId32[]>
    getKeys(block: Block, key: v9420.AccountId32): Promise<v9420.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<v9420.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block, key: v9420.AccountId32): AsyncIterable<v9420.AccountId32[]>
    getPairs(block: Block): Promise<[k: v9420.AccountId32, v: (v9420.SessionKeys | undefined)][]>
    getPairs(block: Block, key: v9420.AccountId32): Promise<[k: v9420.AccountId32, v: (v9420.SessionKeys | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: v9420.AccountId32, v: (v9420.SessionKeys | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key: v9420.AccountId32): AsyncIterable<[k: v9420.AccountId32, v: (v9420.SessionKeys | undefined)][]>
}

/**
 *  The next session keys for a validator.
 */
export interface NextKeysV1002005  {
    is(block: RuntimeCtx): boolean
    get(block: Block, key: v1002005.AccountId32): Promise<(v1002005.SessionKeys | undefined)>
    getMany(block: Block, keys: v1002005.AccountId32[]): Promise<(v1002005.SessionKeys | undefined)[]>
    getKeys(block: Block): Promise<v1002005.AccountId32[]>
    getKeys(block: Block, key: v1002005.AccountId32): Promise<v1002005.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<v1002005.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block, key: v1002005.AccountId32): AsyncIterable<v1002005.AccountId32[]>
    getPairs(block: Block): Promise<[k: v1002005.AccountId32, v: (v1002005.SessionKeys | undefined)][]>
    getPairs(block: Block, key: v1002005.AccountId32): Promise<[k: v1002005.AccountId32, v: (v1002005.SessionKeys | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: v1002005.AccountId32, v: (v1002005.SessionKeys | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key: v1002005.AccountId32): AsyncIterable<[k: v1002005.AccountId32, v: (v1002005.SessionKeys | undefined)][]>
}
