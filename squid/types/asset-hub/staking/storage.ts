import {sts, Block, Bytes, Option, Result, StorageType, RuntimeCtx} from '../support'
import * as v1009003 from '../v1009003'

export const bonded =  {
    /**
     *  Map from all locked "stash" accounts to the controller account.
     * 
     *  TWOX-NOTE: SAFE since `AccountId` is a secure hash.
     */
    v1009003: new StorageType('Staking.Bonded', 'Optional', [v1009003.AccountId32], v1009003.AccountId32) as BondedV1009003,
}

/**
 *  Map from all locked "stash" accounts to the controller account.
 * 
 *  TWOX-NOTE: SAFE since `AccountId` is a secure hash.
 */
export interface BondedV1009003  {
    is(block: RuntimeCtx): boolean
    get(block: Block, key: v1009003.AccountId32): Promise<(v1009003.AccountId32 | undefined)>
    getMany(block: Block, keys: v1009003.AccountId32[]): Promise<(v1009003.AccountId32 | undefined)[]>
    getKeys(block: Block): Promise<v1009003.AccountId32[]>
    getKeys(block: Block, key: v1009003.AccountId32): Promise<v1009003.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<v1009003.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block, key: v1009003.AccountId32): AsyncIterable<v1009003.AccountId32[]>
    getPairs(block: Block): Promise<[k: v1009003.AccountId32, v: (v1009003.AccountId32 | undefined)][]>
    getPairs(block: Block, key: v1009003.AccountId32): Promise<[k: v1009003.AccountId32, v: (v1009003.AccountId32 | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: v1009003.AccountId32, v: (v1009003.AccountId32 | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key: v1009003.AccountId32): AsyncIterable<[k: v1009003.AccountId32, v: (v1009003.AccountId32 | undefined)][]>
}

export const ledger =  {
    /**
     *  Map from all (unlocked) "controller" accounts to the info regarding the staking.
     * 
     *  Note: All the reads and mutations to this storage *MUST* be done through the methods exposed
     *  by [`StakingLedger`] to ensure data and lock consistency.
     */
    v1009003: new StorageType('Staking.Ledger', 'Optional', [v1009003.AccountId32], v1009003.StakingLedger) as LedgerV1009003,
}

/**
 *  Map from all (unlocked) "controller" accounts to the info regarding the staking.
 * 
 *  Note: All the reads and mutations to this storage *MUST* be done through the methods exposed
 *  by [`StakingLedger`] to ensure data and lock consistency.
 */
export interface LedgerV1009003  {
    is(block: RuntimeCtx): boolean
    get(block: Block, key: v1009003.AccountId32): Promise<(v1009003.StakingLedger | undefined)>
    getMany(block: Block, keys: v1009003.AccountId32[]): Promise<(v1009003.StakingLedger | undefined)[]>
    getKeys(block: Block): Promise<v1009003.AccountId32[]>
    getKeys(block: Block, key: v1009003.AccountId32): Promise<v1009003.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<v1009003.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block, key: v1009003.AccountId32): AsyncIterable<v1009003.AccountId32[]>
    getPairs(block: Block): Promise<[k: v1009003.AccountId32, v: (v1009003.StakingLedger | undefined)][]>
    getPairs(block: Block, key: v1009003.AccountId32): Promise<[k: v1009003.AccountId32, v: (v1009003.StakingLedger | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: v1009003.AccountId32, v: (v1009003.StakingLedger | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key: v1009003.AccountId32): AsyncIterable<[k: v1009003.AccountId32, v: (v1009003.StakingLedger | undefined)][]>
}

export const validators =  {
    /**
     *  The map from (wannabe) validator stash key to the preferences of that validator.
     * 
     *  TWOX-NOTE: SAFE since `AccountId` is a secure hash.
     */
    v1009003: new StorageType('Staking.Validators', 'Default', [v1009003.AccountId32], v1009003.ValidatorPrefs) as ValidatorsV1009003,
}

/**
 *  The map from (wannabe) validator stash key to the preferences of that validator.
 * 
 *  TWOX-NOTE: SAFE since `AccountId` is a secure hash.
 */
export interface ValidatorsV1009003  {
    is(block: RuntimeCtx): boolean
    getDefault(block: Block): v1009003.ValidatorPrefs
    get(block: Block, key: v1009003.AccountId32): Promise<(v1009003.ValidatorPrefs | undefined)>
    getMany(block: Block, keys: v1009003.AccountId32[]): Promise<(v1009003.ValidatorPrefs | undefined)[]>
    getKeys(block: Block): Promise<v1009003.AccountId32[]>
    getKeys(block: Block, key: v1009003.AccountId32): Promise<v1009003.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<v1009003.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block, key: v1009003.AccountId32): AsyncIterable<v1009003.AccountId32[]>
    getPairs(block: Block): Promise<[k: v1009003.AccountId32, v: (v1009003.ValidatorPrefs | undefined)][]>
    getPairs(block: Block, key: v1009003.AccountId32): Promise<[k: v1009003.AccountId32, v: (v1009003.ValidatorPrefs | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: v1009003.AccountId32, v: (v1009003.ValidatorPrefs | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key: v1009003.AccountId32): AsyncIterable<[k: v1009003.AccountId32, v: (v1009003.ValidatorPrefs | undefined)][]>
}

export const nominators =  {
    /**
     *  The map from nominator stash key to their nomination preferences, namely the validators that
     *  they wish to support.
     * 
     *  Note that the keys of this storage map might become non-decodable in case the
     *  account's [`NominationsQuota::MaxNominations`] configuration is decreased.
     *  In this rare case, these nominators
     *  are still existent in storage, their key is correct and retrievable (i.e. `contains_key`
     *  indicates that they exist), but their value cannot be decoded. Therefore, the non-decodable
     *  nominators will effectively not-exist, until they re-submit their preferences such that it
     *  is within the bounds of the newly set `Config::MaxNominations`.
     * 
     *  This implies that `::iter_keys().count()` and `::iter().count()` might return different
     *  values for this map. Moreover, the main `::count()` is aligned with the former, namely the
     *  number of keys that exist.
     * 
     *  Lastly, if any of the nominators become non-decodable, they can be chilled immediately via
     *  [`Call::chill_other`] dispatchable by anyone.
     * 
     *  TWOX-NOTE: SAFE since `AccountId` is a secure hash.
     */
    v1009003: new StorageType('Staking.Nominators', 'Optional', [v1009003.AccountId32], v1009003.Nominations) as NominatorsV1009003,
}

/**
 *  The map from nominator stash key to their nomination preferences, namely the validators that
 *  they wish to support.
 * 
 *  Note that the keys of this storage map might become non-decodable in case the
 *  account's [`NominationsQuota::MaxNominations`] configuration is decreased.
 *  In this rare case, these nominators
 *  are still existent in storage, their key is correct and retrievable (i.e. `contains_key`
 *  indicates that they exist), but their value cannot be decoded. Therefore, the non-decodable
 *  nominators will effectively not-exist, until they re-submit their preferences such that it
 *  is within the bounds of the newly set `Config::MaxNominations`.
 * 
 *  This implies that `::iter_keys().count()` and `::iter().count()` might return different
 *  values for this map. Moreover, the main `::count()` is aligned with the former, namely the
 *  number of keys that exist.
 * 
 *  Lastly, if any of the nominators become non-decodable, they can be chilled immediately via
 *  [`Call::chill_other`] dispatchable by anyone.
 * 
 *  TWOX-NOTE: SAFE since `AccountId` is a secure hash.
 */
export interface NominatorsV1009003  {
    is(block: RuntimeCtx): boolean
    get(block: Block, key: v1009003.AccountId32): Promise<(v1009003.Nominations | undefined)>
    getMany(block: Block, keys: v1009003.AccountId32[]): Promise<(v1009003.Nominations | undefined)[]>
    getKeys(block: Block): Promise<v1009003.AccountId32[]>
    getKeys(block: Block, key: v1009003.AccountId32): Promise<v1009003.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<v1009003.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block, key: v1009003.AccountId32): AsyncIterable<v1009003.AccountId32[]>
    getPairs(block: Block): Promise<[k: v1009003.AccountId32, v: (v1009003.Nominations | undefined)][]>
    getPairs(block: Block, key: v1009003.AccountId32): Promise<[k: v1009003.AccountId32, v: (v1009003.Nominations | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: v1009003.AccountId32, v: (v1009003.Nominations | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key: v1009003.AccountId32): AsyncIterable<[k: v1009003.AccountId32, v: (v1009003.Nominations | undefined)][]>
}

export const currentEra =  {
    /**
     *  The current planned era index.
     * 
     *  This is the latest planned era, depending on how the Session pallet queues the validator
     *  set, it might be active or not.
     */
    v1009003: new StorageType('Staking.CurrentEra', 'Optional', [], sts.number()) as CurrentEraV1009003,
}

/**
 *  The current planned era index.
 * 
 *  This is the latest planned era, depending on how the Session pallet queues the validator
 *  set, it might be active or not.
 */
export interface CurrentEraV1009003  {
    is(block: RuntimeCtx): boolean
    get(block: Block): Promise<(number | undefined)>
}

export const activeEra =  {
    /**
     *  The active era information, it holds index and start.
     * 
     *  The active era is the era being currently rewarded. Validator set of this era must be
     *  equal to what is RC's session pallet.
     */
    v1009003: new StorageType('Staking.ActiveEra', 'Optional', [], v1009003.ActiveEraInfo) as ActiveEraV1009003,
}

/**
 *  The active era information, it holds index and start.
 * 
 *  The active era is the era being currently rewarded. Validator set of this era must be
 *  equal to what is RC's session pallet.
 */
export interface ActiveEraV1009003  {
    is(block: RuntimeCtx): boolean
    get(block: Block): Promise<(v1009003.ActiveEraInfo | undefined)>
}

export const erasStakersOverview =  {
    /**
     *  Summary of validator exposure at a given era.
     * 
     *  This contains the total stake in support of the validator and their own stake. In addition,
     *  it can also be used to get the number of nominators backing this validator and the number of
     *  exposure pages they are divided into. The page count is useful to determine the number of
     *  pages of rewards that needs to be claimed.
     * 
     *  This is keyed first by the era index to allow bulk deletion and then the stash account.
     *  Should only be accessed through `Eras`.
     * 
     *  Is it removed after [`Config::HistoryDepth`] eras.
     *  If stakers hasn't been set or has been removed then empty overview is returned.
     */
    v1009003: new StorageType('Staking.ErasStakersOverview', 'Optional', [sts.number(), v1009003.AccountId32], v1009003.PagedExposureMetadata) as ErasStakersOverviewV1009003,
}

/**
 *  Summary of validator exposure at a given era.
 * 
 *  This contains the total stake in support of the validator and their own stake. In addition,
 *  it can also be used to get the number of nominators backing this validator and the number of
 *  exposure pages they are divided into. The page count is useful to determine the number of
 *  pages of rewards that needs to be claimed.
 * 
 *  This is keyed first by the era index to allow bulk deletion and then the stash account.
 *  Should only be accessed through `Eras`.
 * 
 *  Is it removed after [`Config::HistoryDepth`] eras.
 *  If stakers hasn't been set or has been removed then empty overview is returned.
 */
export interface ErasStakersOverviewV1009003  {
    is(block: RuntimeCtx): boolean
    get(block: Block, key1: number, key2: v1009003.AccountId32): Promise<(v1009003.PagedExposureMetadata | undefined)>
    getMany(block: Block, keys: [number, v1009003.AccountId32][]): Promise<(v1009003.PagedExposureMetadata | undefined)[]>
    getKeys(block: Block): Promise<[number, v1009003.AccountId32][]>
    getKeys(block: Block, key1: number): Promise<[number, v1009003.AccountId32][]>
    getKeys(block: Block, key1: number, key2: v1009003.AccountId32): Promise<[number, v1009003.AccountId32][]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<[number, v1009003.AccountId32][]>
    getKeysPaged(pageSize: number, block: Block, key1: number): AsyncIterable<[number, v1009003.AccountId32][]>
    getKeysPaged(pageSize: number, block: Block, key1: number, key2: v1009003.AccountId32): AsyncIterable<[number, v1009003.AccountId32][]>
    getPairs(block: Block): Promise<[k: [number, v1009003.AccountId32], v: (v1009003.PagedExposureMetadata | undefined)][]>
    getPairs(block: Block, key1: number): Promise<[k: [number, v1009003.AccountId32], v: (v1009003.PagedExposureMetadata | undefined)][]>
    getPairs(block: Block, key1: number, key2: v1009003.AccountId32): Promise<[k: [number, v1009003.AccountId32], v: (v1009003.PagedExposureMetadata | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: [number, v1009003.AccountId32], v: (v1009003.PagedExposureMetadata | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key1: number): AsyncIterable<[k: [number, v1009003.AccountId32], v: (v1009003.PagedExposureMetadata | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key1: number, key2: v1009003.AccountId32): AsyncIterable<[k: [number, v1009003.AccountId32], v: (v1009003.PagedExposureMetadata | undefined)][]>
}

export const erasStakersPaged =  {
    /**
     *  Paginated exposure of a validator at given era.
     * 
     *  This is keyed first by the era index to allow bulk deletion, then stash account and finally
     *  the page. Should only be accessed through `Eras`.
     * 
     *  This is cleared after [`Config::HistoryDepth`] eras.
     */
    v1009003: new StorageType('Staking.ErasStakersPaged', 'Optional', [sts.number(), v1009003.AccountId32, sts.number()], v1009003.BoundedExposurePage) as ErasStakersPagedV1009003,
}

/**
 *  Paginated exposure of a validator at given era.
 * 
 *  This is keyed first by the era index to allow bulk deletion, then stash account and finally
 *  the page. Should only be accessed through `Eras`.
 * 
 *  This is cleared after [`Config::HistoryDepth`] eras.
 */
export interface ErasStakersPagedV1009003  {
    is(block: RuntimeCtx): boolean
    get(block: Block, key1: number, key2: v1009003.AccountId32, key3: number): Promise<(v1009003.BoundedExposurePage | undefined)>
    getMany(block: Block, keys: [number, v1009003.AccountId32, number][]): Promise<(v1009003.BoundedExposurePage | undefined)[]>
    getKeys(block: Block): Promise<[number, v1009003.AccountId32, number][]>
    getKeys(block: Block, key1: number): Promise<[number, v1009003.AccountId32, number][]>
    getKeys(block: Block, key1: number, key2: v1009003.AccountId32): Promise<[number, v1009003.AccountId32, number][]>
    getKeys(block: Block, key1: number, key2: v1009003.AccountId32, key3: number): Promise<[number, v1009003.AccountId32, number][]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<[number, v1009003.AccountId32, number][]>
    getKeysPaged(pageSize: number, block: Block, key1: number): AsyncIterable<[number, v1009003.AccountId32, number][]>
    getKeysPaged(pageSize: number, block: Block, key1: number, key2: v1009003.AccountId32): AsyncIterable<[number, v1009003.AccountId32, number][]>
    getKeysPaged(pageSize: number, block: Block, key1: number, key2: v1009003.AccountId32, key3: number): AsyncIterable<[number, v1009003.AccountId32, number][]>
    getPairs(block: Block): Promise<[k: [number, v1009003.AccountId32, number], v: (v1009003.BoundedExposurePage | undefined)][]>
    getPairs(block: Block, key1: number): Promise<[k: [number, v1009003.AccountId32, number], v: (v1009003.BoundedExposurePage | undefined)][]>
    getPairs(block: Block, key1: number, key2: v1009003.AccountId32): Promise<[k: [number, v1009003.AccountId32, number], v: (v1009003.BoundedExposurePage | undefined)][]>
    getPairs(block: Block, key1: number, key2: v1009003.AccountId32, key3: number): Promise<[k: [number, v1009003.AccountId32, number], v: (v1009003.BoundedExposurePage | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: [number, v1009003.AccountId32, number], v: (v1009003.BoundedExposurePage | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key1: number): AsyncIterable<[k: [number, v1009003.AccountId32, number], v: (v1009003.BoundedExposurePage | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key1: number, key2: v1009003.AccountId32): AsyncIterable<[k: [number, v1009003.AccountId32, number], v: (v1009003.BoundedExposurePage | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key1: number, key2: v1009003.AccountId32, key3: number): AsyncIterable<[k: [number, v1009003.AccountId32, number], v: (v1009003.BoundedExposurePage | undefined)][]>
}

export const erasValidatorPrefs =  {
    /**
     *  Exposure of validator at era with the preferences of validators.
     * 
     *  This is keyed first by the era index to allow bulk deletion and then the stash account.
     * 
     *  Is it removed after [`Config::HistoryDepth`] eras.
     */
    v1009003: new StorageType('Staking.ErasValidatorPrefs', 'Default', [sts.number(), v1009003.AccountId32], v1009003.ValidatorPrefs) as ErasValidatorPrefsV1009003,
}

/**
 *  Exposure of validator at era with the preferences of validators.
 * 
 *  This is keyed first by the era index to allow bulk deletion and then the stash account.
 * 
 *  Is it removed after [`Config::HistoryDepth`] eras.
 */
export interface ErasValidatorPrefsV1009003  {
    is(block: RuntimeCtx): boolean
    getDefault(block: Block): v1009003.ValidatorPrefs
    get(block: Block, key1: number, key2: v1009003.AccountId32): Promise<(v1009003.ValidatorPrefs | undefined)>
    getMany(block: Block, keys: [number, v1009003.AccountId32][]): Promise<(v1009003.ValidatorPrefs | undefined)[]>
    getKeys(block: Block): Promise<[number, v1009003.AccountId32][]>
    getKeys(block: Block, key1: number): Promise<[number, v1009003.AccountId32][]>
    getKeys(block: Block, key1: number, key2: v1009003.AccountId32): Promise<[number, v1009003.AccountId32][]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<[number, v1009003.AccountId32][]>
    getKeysPaged(pageSize: number, block: Block, key1: number): AsyncIterable<[number, v1009003.AccountId32][]>
    getKeysPaged(pageSize: number, block: Block, key1: number, key2: v1009003.AccountId32): AsyncIterable<[number, v1009003.AccountId32][]>
    getPairs(block: Block): Promise<[k: [number, v1009003.AccountId32], v: (v1009003.ValidatorPrefs | undefined)][]>
    getPairs(block: Block, key1: number): Promise<[k: [number, v1009003.AccountId32], v: (v1009003.ValidatorPrefs | undefined)][]>
    getPairs(block: Block, key1: number, key2: v1009003.AccountId32): Promise<[k: [number, v1009003.AccountId32], v: (v1009003.ValidatorPrefs | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: [number, v1009003.AccountId32], v: (v1009003.ValidatorPrefs | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key1: number): AsyncIterable<[k: [number, v1009003.AccountId32], v: (v1009003.ValidatorPrefs | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key1: number, key2: v1009003.AccountId32): AsyncIterable<[k: [number, v1009003.AccountId32], v: (v1009003.ValidatorPrefs | undefined)][]>
}

export const erasRewardPoints =  {
    /**
     *  Rewards for the last [`Config::HistoryDepth`] eras.
     *  If reward hasn't been set or has been removed then 0 reward is returned.
     */
    v1009003: new StorageType('Staking.ErasRewardPoints', 'Default', [sts.number()], v1009003.EraRewardPoints) as ErasRewardPointsV1009003,
}

/**
 *  Rewards for the last [`Config::HistoryDepth`] eras.
 *  If reward hasn't been set or has been removed then 0 reward is returned.
 */
export interface ErasRewardPointsV1009003  {
    is(block: RuntimeCtx): boolean
    getDefault(block: Block): v1009003.EraRewardPoints
    get(block: Block, key: number): Promise<(v1009003.EraRewardPoints | undefined)>
    getMany(block: Block, keys: number[]): Promise<(v1009003.EraRewardPoints | undefined)[]>
    getKeys(block: Block): Promise<number[]>
    getKeys(block: Block, key: number): Promise<number[]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<number[]>
    getKeysPaged(pageSize: number, block: Block, key: number): AsyncIterable<number[]>
    getPairs(block: Block): Promise<[k: number, v: (v1009003.EraRewardPoints | undefined)][]>
    getPairs(block: Block, key: number): Promise<[k: number, v: (v1009003.EraRewardPoints | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: number, v: (v1009003.EraRewardPoints | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key: number): AsyncIterable<[k: number, v: (v1009003.EraRewardPoints | undefined)][]>
}
