/**
 * What the squid reads from staking storage, as plain facts: one implementation per chain layer
 * (`relay/staking-storage.ts`, `asset-hub/staking-storage.ts`), each picking the typegen'd version of
 * every item that matches the block's runtime, newest first, as the event decoders do.
 */
import type {Runtime} from '@subsquid/substrate-runtime'

/** A block whose storage is read: its runtime decodes the values. */
export interface StorageBlock {
    _runtime: Runtime
    hash: string
    height: number
    specName: string
    specVersion: number
}

export interface EraPoints {
    total: number
    individual: [validator: string, points: number][]
}

/** One validator's exposure in an era, its nominators' stakes summed over the pages they are on. */
export interface ExposureFact {
    validator: string
    totalPlanck: bigint
    ownPlanck: bigint
    /** Nominator count as the chain states it (paged overview), else the edge count. */
    nominatorCount: number
    /** Pages the era's rewards for it are paid in, one payout each (1 for an unpaged `ErasStakers` exposure). */
    pageCount: number
    others: {nominator: string; amountPlanck: bigint}[]
}

export interface PrefsFact {
    commissionPerbill: number
    blocked: boolean
}

export interface NominationFact {
    nominator: string
    targets: string[]
    submittedIn: number
}

export interface LedgerFact {
    stash: string
    activePlanck: bigint
}

/** A validator's session keys (`Session.NextKeys`): key name → hex public key. */
export interface ValidatorSessionKeys {
    validator: string
    keys: Record<string, string>
}

export interface StakingStorage {
    /** `Staking.ActiveEra`'s index; undefined before the first era or where the runtime has no such item. */
    activeEra(block: StorageBlock): Promise<number | undefined>
    /** `Session.CurrentIndex`; undefined where the layer has no Session pallet. */
    currentSession(block: StorageBlock): Promise<number | undefined>
    /** `ErasRewardPoints(era)`: no points (an absent `Default` item) is a zero total. */
    eraRewardPoints(block: StorageBlock, era: number): Promise<EraPoints>
    /** The era's exposures: `ErasStakersOverview` + `ErasStakersPaged` where the runtime pages them, else `ErasStakers`. */
    exposures(block: StorageBlock, era: number): Promise<ExposureFact[]>
    /** Every `Validators` entry: each stash that intends to validate, elected or waiting, with its prefs. */
    validatorIntentions(block: StorageBlock): Promise<[validator: string, prefs: PrefsFact][]>
    /** `ErasValidatorPrefs(era, validator)`: the prefs fixed at the era's election, which its rewards are paid with. */
    erasValidatorPrefs(block: StorageBlock, era: number, validators: string[]): Promise<PrefsFact[]>
    /** Every `Nominators` entry. */
    nominations(block: StorageBlock): Promise<NominationFact[]>
    /** `Ledger(controller)` of each account. */
    ledgers(block: StorageBlock, controllers: string[]): Promise<(LedgerFact | undefined)[]>
    /** `Bonded(stash)`: each stash's controller. */
    controllers(block: StorageBlock, stashes: string[]): Promise<(string | undefined)[]>
    /**
     * Every `NextKeys` entry: the keys of each account that registered some, in the set or waiting (the scorer
     * judges waiting candidates' keys too); empty where the layer has no Session pallet.
     */
    sessionKeys(block: StorageBlock): Promise<ValidatorSessionKeys[]>
    /** `StakingAhClient.ValidatorSet`: the set the relay queued and the era it is for; undefined when none is queued. */
    queuedValidatorSet(block: StorageBlock): Promise<{era: number; validators: string[]} | undefined>
}

/** A Session.NextKeys value (a struct of hex keys) as key name → hex. */
export function sessionKeysRecord(keys: object): Record<string, string> {
    const out: Record<string, string> = {}
    for (const [name, value] of Object.entries(keys)) if (typeof value === 'string') out[name] = value
    return out
}

interface PageMeta {
    total: bigint
    own: bigint
    nominatorCount: number
    pageCount: number
}
interface PageOthers {
    others: {who: string; value: bigint}[]
}

/** Paged exposures (`ErasStakersOverview` + `ErasStakersPaged` listings of one era) as one fact per validator. */
export function pagedExposures(
    metas: [[number, string], PageMeta | undefined][],
    pages: [[number, string, number], PageOthers | undefined][],
): ExposureFact[] {
    const others = new Map<string, {nominator: string; amountPlanck: bigint}[]>()
    for (const [[, validator], page] of pages) {
        const list = others.get(validator) ?? []
        for (const o of page?.others ?? []) list.push({nominator: o.who, amountPlanck: o.value})
        others.set(validator, list)
    }
    return metas.flatMap(([[, validator], m]) =>
        m === undefined
            ? []
            : [
                  {
                      validator,
                      totalPlanck: m.total,
                      ownPlanck: m.own,
                      nominatorCount: m.nominatorCount,
                      // As the pallet's `EraInfo::get_page_count`: a validator with own stake and no nominators is paid in one page.
                      pageCount: m.pageCount === 0 && m.own > 0n ? 1 : m.pageCount,
                      others: others.get(validator) ?? [],
                  },
              ],
    )
}
