import {sts, Block, Bytes, Option, Result, StorageType, RuntimeCtx} from '../support'
import * as v9420 from '../v9420'
import * as v1002005 from '../v1002005'

export const bonded =  {
    /**
     *  Map from all locked "stash" accounts to the controller account.
     * 
     *  TWOX-NOTE: SAFE since `AccountId` is a secure hash.
     */
    v9420: new StorageType('Staking.Bonded', 'Optional', [v9420.AccountId32], v9420.AccountId32) as BondedV9420,
}

/**
 *  Map from all locked "stash" accounts to the controller account.
 * 
 *  TWOX-NOTE: SAFE since `AccountId` is a secure hash.
 */
export interface BondedV9420  {
    is(block: RuntimeCtx): boolean
    get(block: Block, key: v9420.AccountId32): Promise<(v9420.AccountId32 | undefined)>
    getMany(block: Block, keys: v9420.AccountId32[]): Promise<(v9420.AccountId32 | undefined)[]>
    getKeys(block: Block): Promise<v9420.AccountId32[]>
    getKeys(block: Block, key: v9420.AccountId32): Promise<v9420.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<v9420.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block, key: v9420.AccountId32): AsyncIterable<v9420.AccountId32[]>
    getPairs(block: Block): Promise<[k: v9420.AccountId32, v: (v9420.AccountId32 | undefined)][]>
    getPairs(block: Block, key: v9420.AccountId32): Promise<[k: v9420.AccountId32, v: (v9420.AccountId32 | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: v9420.AccountId32, v: (v9420.AccountId32 | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key: v9420.AccountId32): AsyncIterable<[k: v9420.AccountId32, v: (v9420.AccountId32 | undefined)][]>
}

export const ledger =  {
    /**
     *  Map from all (unlocked) "controller" accounts to the info regarding the staking.
     */
    v9420: new StorageType('Staking.Ledger', 'Optional', [v9420.AccountId32], v9420.StakingLedger) as LedgerV9420,
    /**
     *  Map from all (unlocked) "controller" accounts to the info regarding the staking.
     * 
     *  Note: All the reads and mutations to this storage *MUST* be done through the methods exposed
     *  by [`StakingLedger`] to ensure data and lock consistency.
     */
    v1002005: new StorageType('Staking.Ledger', 'Optional', [v1002005.AccountId32], v1002005.StakingLedger) as LedgerV1002005,
}

/**
 *  Map from all (unlocked) "controller" accounts to the info regarding the staking.
 */
export interface LedgerV9420  {
    is(block: RuntimeCtx): boolean
    get(block: Block, key: v9420.AccountId32): Promise<(v9420.StakingLedger | undefined)>
    getMany(block: Block, keys: v9420.AccountId32[]): Promise<(v9420.StakingLedger | undefined)[]>
    getKeys(block: Block): Promise<v9420.AccountId32[]>
    getKeys(block: Block, key: v9420.AccountId32): Promise<v9420.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<v9420.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block, key: v9420.AccountId32): AsyncIterable<v9420.AccountId32[]>
    getPairs(block: Block): Promise<[k: v9420.AccountId32, v: (v9420.StakingLedger | undefined)][]>
    getPairs(block: Block, key: v9420.AccountId32): Promise<[k: v9420.AccountId32, v: (v9420.StakingLedger | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: v9420.AccountId32, v: (v9420.StakingLedger | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key: v9420.AccountId32): AsyncIterable<[k: v9420.AccountId32, v: (v9420.StakingLedger | undefined)][]>
}

/**
 *  Map from all (unlocked) "controller" accounts to the info regarding the staking.
 * 
 *  Note: All the reads and mutations to this storage *MUST* be done through the methods exposed
 *  by [`StakingLedger`] to ensure data and lock consistency.
 */
export interface LedgerV1002005  {
    is(block: RuntimeCtx): boolean
    get(block: Block, key: v1002005.AccountId32): Promise<(v1002005.StakingLedger | undefined)>
    getMany(block: Block, keys: v1002005.AccountId32[]): Promise<(v1002005.StakingLedger | undefined)[]>
    getKeys(block: Block): Promise<v1002005.AccountId32[]>
    getKeys(block: Block, key: v1002005.AccountId32): Promise<v1002005.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<v1002005.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block, key: v1002005.AccountId32): AsyncIterable<v1002005.AccountId32[]>
    getPairs(block: Block): Promise<[k: v1002005.AccountId32, v: (v1002005.StakingLedger | undefined)][]>
    getPairs(block: Block, key: v1002005.AccountId32): Promise<[k: v1002005.AccountId32, v: (v1002005.StakingLedger | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: v1002005.AccountId32, v: (v1002005.StakingLedger | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key: v1002005.AccountId32): AsyncIterable<[k: v1002005.AccountId32, v: (v1002005.StakingLedger | undefined)][]>
}

export const validators =  {
    /**
     *  The map from (wannabe) validator stash key to the preferences of that validator.
     * 
     *  TWOX-NOTE: SAFE since `AccountId` is a secure hash.
     */
    v9420: new StorageType('Staking.Validators', 'Default', [v9420.AccountId32], v9420.ValidatorPrefs) as ValidatorsV9420,
}

/**
 *  The map from (wannabe) validator stash key to the preferences of that validator.
 * 
 *  TWOX-NOTE: SAFE since `AccountId` is a secure hash.
 */
export interface ValidatorsV9420  {
    is(block: RuntimeCtx): boolean
    getDefault(block: Block): v9420.ValidatorPrefs
    get(block: Block, key: v9420.AccountId32): Promise<(v9420.ValidatorPrefs | undefined)>
    getMany(block: Block, keys: v9420.AccountId32[]): Promise<(v9420.ValidatorPrefs | undefined)[]>
    getKeys(block: Block): Promise<v9420.AccountId32[]>
    getKeys(block: Block, key: v9420.AccountId32): Promise<v9420.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<v9420.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block, key: v9420.AccountId32): AsyncIterable<v9420.AccountId32[]>
    getPairs(block: Block): Promise<[k: v9420.AccountId32, v: (v9420.ValidatorPrefs | undefined)][]>
    getPairs(block: Block, key: v9420.AccountId32): Promise<[k: v9420.AccountId32, v: (v9420.ValidatorPrefs | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: v9420.AccountId32, v: (v9420.ValidatorPrefs | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key: v9420.AccountId32): AsyncIterable<[k: v9420.AccountId32, v: (v9420.ValidatorPrefs | undefined)][]>
}

export const nominators =  {
    /**
     *  The map from nominator stash key to their nomination preferences, namely the validators that
     *  they wish to support.
     * 
     *  Note that the keys of this storage map might become non-decodable in case the
     *  [`Config::MaxNominations`] configuration is decreased. In this rare case, these nominators
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
    v9420: new StorageType('Staking.Nominators', 'Optional', [v9420.AccountId32], v9420.Nominations) as NominatorsV9420,
}

/**
 *  The map from nominator stash key to their nomination preferences, namely the validators that
 *  they wish to support.
 * 
 *  Note that the keys of this storage map might become non-decodable in case the
 *  [`Config::MaxNominations`] configuration is decreased. In this rare case, these nominators
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
export interface NominatorsV9420  {
    is(block: RuntimeCtx): boolean
    get(block: Block, key: v9420.AccountId32): Promise<(v9420.Nominations | undefined)>
    getMany(block: Block, keys: v9420.AccountId32[]): Promise<(v9420.Nominations | undefined)[]>
    getKeys(block: Block): Promise<v9420.AccountId32[]>
    getKeys(block: Block, key: v9420.AccountId32): Promise<v9420.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<v9420.AccountId32[]>
    getKeysPaged(pageSize: number, block: Block, key: v9420.AccountId32): AsyncIterable<v9420.AccountId32[]>
    getPairs(block: Block): Promise<[k: v9420.AccountId32, v: (v9420.Nominations | undefined)][]>
    getPairs(block: Block, key: v9420.AccountId32): Promise<[k: v9420.AccountId32, v: (v9420.Nominations | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: v9420.AccountId32, v: (v9420.Nominations | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key: v9420.AccountId32): AsyncIterable<[k: v9420.AccountId32, v: (v9420.Nominations | undefined)][]>
}

export const currentEra =  {
    /**
     *  The current era index.
     * 
     *  This is the latest planned era, depending on how the Session pallet queues the validator
     *  set, it might be active or not.
     */
    v9420: new StorageType('Staking.CurrentEra', 'Optional', [], sts.number()) as CurrentEraV9420,
}

/**
 *  The current era index.
 * 
 *  This is the latest planned era, depending on how the Session pallet queues the validator
 *  set, it might be active or not.
 */
export interface CurrentEraV9420  {
    is(block: RuntimeCtx): boolean
    get(block: Block): Promise<(number | undefined)>
}

export const activeEra =  {
    /**
     *  The active era information, it holds index and start.
     * 
     *  The active era is the era being currently rewarded. Validator set of this era must be
     *  equal to [`SessionInterface::validators`].
     */
    v9420: new StorageType('Staking.ActiveEra', 'Optional', [], v9420.ActiveEraInfo) as ActiveEraV9420,
}

/**
 *  The active era information, it holds index and start.
 * 
 *  The active era is the era being currently rewarded. Validator set of this era must be
 *  equal to [`SessionInterface::validators`].
 */
export interface ActiveEraV9420  {
    is(block: RuntimeCtx): boolean
    get(block: Block): Promise<(v9420.ActiveEraInfo | undefined)>
}

export const erasStakers =  {
    /**
     *  Exposure of validator at era.
     * 
     *  This is keyed first by the era index to allow bulk deletion and then the stash account.
     * 
     *  Is it removed after `HISTORY_DEPTH` eras.
     *  If stakers hasn't been set or has been removed then empty exposure is returned.
     */
    v9420: new StorageType('Staking.ErasStakers', 'Default', [sts.number(), v9420.AccountId32], v9420.Exposure) as ErasStakersV9420,
}

/**
 *  Exposure of validator at era.
 * 
 *  This is keyed first by the era index to allow bulk deletion and then the stash account.
 * 
 *  Is it removed after `HISTORY_DEPTH` eras.
 *  If stakers hasn't been set or has been removed then empty exposure is returned.
 */
export interface ErasStakersV9420  {
    is(block: RuntimeCtx): boolean
    getDefault(block: Block): v9420.Exposure
    get(block: Block, key1: number, key2: v9420.AccountId32): Promise<(v9420.Exposure | undefined)>
    getMany(block: Block, keys: [number, v9420.AccountId32][]): Promise<(v9420.Exposure | undefined)[]>
    getKeys(block: Block): Promise<[number, v9420.AccountId32][]>
    getKeys(block: Block, key1: number): Promise<[number, v9420.AccountId32][]>
    getKeys(block: Block, key1: number, key2: v9420.AccountId32): Promise<[number, v9420.AccountId32][]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<[number, v9420.AccountId32][]>
    getKeysPaged(pageSize: number, block: Block, key1: number): AsyncIterable<[number, v9420.AccountId32][]>
    getKeysPaged(pageSize: number, block: Block, key1: number, key2: v9420.AccountId32): AsyncIterable<[number, v9420.AccountId32][]>
    getPairs(block: Block): Promise<[k: [number, v9420.AccountId32], v: (v9420.Exposure | undefined)][]>
    getPairs(block: Block, key1: number): Promise<[k: [number, v9420.AccountId32], v: (v9420.Exposure | undefined)][]>
    getPairs(block: Block, key1: number, key2: v9420.AccountId32): Promise<[k: [number, v9420.AccountId32], v: (v9420.Exposure | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: [number, v9420.AccountId32], v: (v9420.Exposure | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key1: number): AsyncIterable<[k: [number, v9420.AccountId32], v: (v9420.Exposure | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key1: number, key2: v9420.AccountId32): AsyncIterable<[k: [number, v9420.AccountId32], v: (v9420.Exposure | undefined)][]>
}

export const erasValidatorPrefs =  {
    /**
     *  Similar to `ErasStakers`, this holds the preferences of validators.
     * 
     *  This is keyed first by the era index to allow bulk deletion and then the stash account.
     * 
     *  Is it removed after `HISTORY_DEPTH` eras.
     */
    v9420: new StorageType('Staking.ErasValidatorPrefs', 'Default', [sts.number(), v9420.AccountId32], v9420.ValidatorPrefs) as ErasValidatorPrefsV9420,
}

/**
 *  Similar to `ErasStakers`, this holds the preferences of validators.
 * 
 *  This is keyed first by the era index to allow bulk deletion and then the stash account.
 * 
 *  Is it removed after `HISTORY_DEPTH` eras.
 */
export interface ErasValidatorPrefsV9420  {
    is(block: RuntimeCtx): boolean
    getDefault(block: Block): v9420.ValidatorPrefs
    get(block: Block, key1: number, key2: v9420.AccountId32): Promise<(v9420.ValidatorPrefs | undefined)>
    getMany(block: Block, keys: [number, v9420.AccountId32][]): Promise<(v9420.ValidatorPrefs | undefined)[]>
    getKeys(block: Block): Promise<[number, v9420.AccountId32][]>
    getKeys(block: Block, key1: number): Promise<[number, v9420.AccountId32][]>
    getKeys(block: Block, key1: number, key2: v9420.AccountId32): Promise<[number, v9420.AccountId32][]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<[number, v9420.AccountId32][]>
    getKeysPaged(pageSize: number, block: Block, key1: number): AsyncIterable<[number, v9420.AccountId32][]>
    getKeysPaged(pageSize: number, block: Block, key1: number, key2: v9420.AccountId32): AsyncIterable<[number, v9420.AccountId32][]>
    getPairs(block: Block): Promise<[k: [number, v9420.AccountId32], v: (v9420.ValidatorPrefs | undefined)][]>
    getPairs(block: Block, key1: number): Promise<[k: [number, v9420.AccountId32], v: (v9420.ValidatorPrefs | undefined)][]>
    getPairs(block: Block, key1: number, key2: v9420.AccountId32): Promise<[k: [number, v9420.AccountId32], v: (v9420.ValidatorPrefs | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: [number, v9420.AccountId32], v: (v9420.ValidatorPrefs | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key1: number): AsyncIterable<[k: [number, v9420.AccountId32], v: (v9420.ValidatorPrefs | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key1: number, key2: v9420.AccountId32): AsyncIterable<[k: [number, v9420.AccountId32], v: (v9420.ValidatorPrefs | undefined)][]>
}

export const erasRewardPoints =  {
    /**
     *  Rewards for the last `HISTORY_DEPTH` eras.
     *  If reward hasn't been set or has been removed then 0 reward is returned.
     */
    v9420: new StorageType('Staking.ErasRewardPoints', 'Default', [sts.number()], v9420.EraRewardPoints) as ErasRewardPointsV9420,
}

/**
 *  Rewards for the last `HISTORY_DEPTH` eras.
 *  If reward hasn't been set or has been removed then 0 reward is returned.
 */
export interface ErasRewardPointsV9420  {
    is(block: RuntimeCtx): boolean
    getDefault(block: Block): v9420.EraRewardPoints
    get(block: Block, key: number): Promise<(v9420.EraRewardPoints | undefined)>
    getMany(block: Block, keys: number[]): Promise<(v9420.EraRewardPoints | undefined)[]>
    getKeys(block: Block): Promise<number[]>
    getKeys(block: Block, key: number): Promise<number[]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<number[]>
    getKeysPaged(pageSize: number, block: Block, key: number): AsyncIterable<number[]>
    getPairs(block: Block): Promise<[k: number, v: (v9420.EraRewardPoints | undefined)][]>
    getPairs(block: Block, key: number): Promise<[k: number, v: (v9420.EraRewardPoints | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: number, v: (v9420.EraRewardPoints | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key: number): AsyncIterable<[k: number, v: (v9420.EraRewardPoints | undefined)][]>
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
     *  Should only be accessed through `EraInfo`.
     * 
     *  Is it removed after [`Config::HistoryDepth`] eras.
     *  If stakers hasn't been set or has been removed then empty overview is returned.
     */
    v1002005: new StorageType('Staking.ErasStakersOverview', 'Optional', [sts.number(), v1002005.AccountId32], v1002005.PagedExposureMetadata) as ErasStakersOverviewV1002005,
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
 *  Should only be accessed through `EraInfo`.
 * 
 *  Is it removed after [`Config::HistoryDepth`] eras.
 *  If stakers hasn't been set or has been removed then empty overview is returned.
 */
export interface ErasStakersOverviewV1002005  {
    is(block: RuntimeCtx): boolean
    get(block: Block, key1: number, key2: v1002005.AccountId32): Promise<(v1002005.PagedExposureMetadata | undefined)>
    getMany(block: Block, keys: [number, v1002005.AccountId32][]): Promise<(v1002005.PagedExposureMetadata | undefined)[]>
    getKeys(block: Block): Promise<[number, v1002005.AccountId32][]>
    getKeys(block: Block, key1: number): Promise<[number, v1002005.AccountId32][]>
    getKeys(block: Block, key1: number, key2: v1002005.AccountId32): Promise<[number, v1002005.AccountId32][]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<[number, v1002005.AccountId32][]>
    getKeysPaged(pageSize: number, block: Block, key1: number): AsyncIterable<[number, v1002005.AccountId32][]>
    getKeysPaged(pageSize: number, block: Block, key1: number, key2: v1002005.AccountId32): AsyncIterable<[number, v1002005.AccountId32][]>
    getPairs(block: Block): Promise<[k: [number, v1002005.AccountId32], v: (v1002005.PagedExposureMetadata | undefined)][]>
    getPairs(block: Block, key1: number): Promise<[k: [number, v1002005.AccountId32], v: (v1002005.PagedExposureMetadata | undefined)][]>
    getPairs(block: Block, key1: number, key2: v1002005.AccountId32): Promise<[k: [number, v1002005.AccountId32], v: (v1002005.PagedExposureMetadata | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: [number, v1002005.AccountId32], v: (v1002005.PagedExposureMetadata | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key1: number): AsyncIterable<[k: [number, v1002005.AccountId32], v: (v1002005.PagedExposureMetadata | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key1: number, key2: v1002005.AccountId32): AsyncIterable<[k: [number, v1002005.AccountId32], v: (v1002005.PagedExposureMetadata | undefined)][]>
}

export const erasStakersPaged =  {
    /**
     *  Paginated exposure of a validator at given era.
     * 
     *  This is keyed first by the era index to allow bulk deletion, then stash account and finally
     *  the page. Should only be accessed through `EraInfo`.
     * 
     *  This is cleared after [`Config::HistoryDepth`] eras.
     */
    v1002005: new StorageType('Staking.ErasStakersPaged', 'Optional', [sts.number(), v1002005.AccountId32, sts.number()], v1002005.ExposurePage) as ErasStakersPagedV1002005,
}

/**
 *  Paginated exposure of a validator at given era.
 * 
 *  This is keyed first by the era index to allow bulk deletion, then stash account and finally
 *  the page. Should only be accessed through `EraInfo`.
 * 
 *  This is cleared after [`Config::HistoryDepth`] eras.
 */
export interface ErasStakersPagedV1002005  {
    is(block: RuntimeCtx): boolean
    get(block: Block, key1: number, key2: v1002005.AccountId32, key3: number): Promise<(v1002005.ExposurePage | undefined)>
    getMany(block: Block, keys: [number, v1002005.AccountId32, number][]): Promise<(v1002005.ExposurePage | undefined)[]>
    getKeys(block: Block): Promise<[number, v1002005.AccountId32, number][]>
    getKeys(block: Block, key1: number): Promise<[number, v1002005.AccountId32, number][]>
    getKeys(block: Block, key1: number, key2: v1002005.AccountId32): Promise<[number, v1002005.AccountId32, number][]>
    getKeys(block: Block, key1: number, key2: v1002005.AccountId32, key3: number): Promise<[number, v1002005.AccountId32, number][]>
    getKeysPaged(pageSize: number, block: Block): AsyncIterable<[number, v1002005.AccountId32, number][]>
    getKeysPaged(pageSize: number, block: Block, key1: number): AsyncIterable<[number, v1002005.AccountId32, number][]>
    getKeysPaged(pageSize: number, block: Block, key1: number, key2: v1002005.AccountId32): AsyncIterable<[number, v1002005.AccountId32, number][]>
    getKeysPaged(pageSize: number, block: Block, key1: number, key2: v1002005.AccountId32, key3: number): AsyncIterable<[number, v1002005.AccountId32, number][]>
    getPairs(block: Block): Promise<[k: [number, v1002005.AccountId32, number], v: (v1002005.ExposurePage | undefined)][]>
    getPairs(block: Block, key1: number): Promise<[k: [number, v1002005.AccountId32, number], v: (v1002005.ExposurePage | undefined)][]>
    getPairs(block: Block, key1: number, key2: v1002005.AccountId32): Promise<[k: [number, v1002005.AccountId32, number], v: (v1002005.ExposurePage | undefined)][]>
    getPairs(block: Block, key1: number, key2: v1002005.AccountId32, key3: number): Promise<[k: [number, v1002005.AccountId32, number], v: (v1002005.ExposurePage | undefined)][]>
    getPairsPaged(pageSize: number, block: Block): AsyncIterable<[k: [number, v1002005.AccountId32, number], v: (v1002005.ExposurePage | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key1: number): AsyncIterable<[k: [number, v1002005.AccountId32, number], v: (v1002005.ExposurePage | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key1: number, key2: v1002005.AccountId32): AsyncIterable<[k: [number, v1002005.AccountId32, number], v: (v1002005.ExposurePage | undefined)][]>
    getPairsPaged(pageSize: number, block: Block, key1: number, key2: v1002005.AccountId32, key3: number): AsyncIterable<[k: [number, v1002005.AccountId32, number], v: (v1002005.ExposurePage | undefined)][]>
}
