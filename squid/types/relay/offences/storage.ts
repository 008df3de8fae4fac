import {sts, Block, Bytes, Option, Result, StorageType, RuntimeCtx} from '../support'
import * as v9420 from '../v9420'

export const reports =  {
    /**
     *  The primary structure that holds all offence records keyed by report identifiers.
     */
    v9420: new StorageType('Offences.Reports', 'Optional', [v9420.H256], v9420.OffenceDetails) as ReportsV9420,
}

/**
 *  The primary structure that holds all offence records keyed by report identifiers.
 */
export interface ReportsV9420  {
    is(block: RuntimeCtx): boolean
    get(block: Block, key: v9420.H256): Promise<(v9420.OffenceDetails | undefined)>
    getMany(block: Block, keys: v9420.H256[]): Promise<(v9420.OffenceDetails | undefined)[]>
    getKeys(block: Block): Promise<v9420.H256[]>
    getKeys(block: Block, key: v9420.H256): Promise<v9420.H256[]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<v9420.H256[]>
    getKeysPaged(pageSize: number, block: Block, key: v9420.H256): AsyncIterable<v9420.H256[]>
    getPairs(block: Block): Promise<[k: v9420.H256, v: (v9420.OffenceDetails | undefined)][]>
    getPairs(block: Block, key: v9420.H256): Promise<[k: v9420.H256, v: (v9420.OffenceDetails | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: v9420.H256, v: (v9420.OffenceDetails | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key: v9420.H256): AsyncIterable<[k: v9420.H256, v: (v9420.OffenceDetails | undefined)][]>
}

export const concurrentReportsIndex =  {
    /**
     *  A vector of reports of the same kind that happened at the same time slot.
     */
    v9420: new StorageType('Offences.ConcurrentReportsIndex', 'Default', [sts.bytes(), sts.bytes()], sts.array(() => v9420.H256)) as ConcurrentReportsIndexV9420,
}

/**
 *  A vector of reports of the same kind that happened at the same time slot.
 */
export interface ConcurrentReportsIndexV9420  {
    is(block: RuntimeCtx): boolean
    getDefault(block: Block): v9420.H256[]
    get(block: Block, key1: Bytes, key2: Bytes): Promise<(v9420.H256[] | undefined)>
    getMany(block: Block, keys: [Bytes, Bytes][]): Promise<(v9420.H256[] | undefined)[]>
    getKeys(block: Block): Promise<[Bytes, Bytes][]>
    getKeys(block: Block, key1: Bytes): Promise<[Bytes, Bytes][]>
    getKeys(block: Block, key1: Bytes, key2: Bytes): Promise<[Bytes, Bytes][]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<[Bytes, Bytes][]>
    getKeysPaged(pageSize: number, block: Block, key1: Bytes): AsyncIterable<[Bytes, Bytes][]>
    getKeysPaged(pageSize: number, block: Block, key1: Bytes, key2: Bytes): AsyncIterable<[Bytes, Bytes][]>
    getPairs(block: Block): Promise<[k: [Bytes, Bytes], v: (v9420.H256[] | undefined)][]>
    getPairs(block: Block, key1: Bytes): Promise<[k: [Bytes, Bytes], v: (v9420.H256[] | undefined)][]>
    getPairs(block: Block, key1: Bytes, key2: Bytes): Promise<[k: [Bytes, Bytes], v: (v9420.H256[] | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: [Bytes, Bytes], v: (v9420.H256[] | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key1: Bytes): AsyncIterable<[k: [Bytes, Bytes], v: (v9420.H256[] | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key1: Bytes, key2: Bytes): AsyncIterable<[k: [Bytes, Bytes], v: (v9420.H256[] | undefined)][]>
}
