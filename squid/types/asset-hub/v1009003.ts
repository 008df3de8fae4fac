import {sts, Result, Option, Bytes, BitSequence} from './support'

export interface EraRewardPoints {
    total: number
    individual: [AccountId32, number][]
}

export const EraRewardPoints: sts.Type<EraRewardPoints> = sts.struct(() => {
    return  {
        total: sts.number(),
        individual: sts.array(() => sts.tuple(() => [AccountId32, sts.number()])),
    }
})

export interface BoundedExposurePage {
    pageTotal: bigint
    others: IndividualExposure[]
}

export interface IndividualExposure {
    who: AccountId32
    value: bigint
}

export const BoundedExposurePage: sts.Type<BoundedExposurePage> = sts.struct(() => {
    return  {
        pageTotal: sts.bigint(),
        others: sts.array(() => IndividualExposure),
    }
})

export const IndividualExposure: sts.Type<IndividualExposure> = sts.struct(() => {
    return  {
        who: AccountId32,
        value: sts.bigint(),
    }
})

export interface PagedExposureMetadata {
    total: bigint
    own: bigint
    nominatorCount: number
    pageCount: number
}

export const PagedExposureMetadata: sts.Type<PagedExposureMetadata> = sts.struct(() => {
    return  {
        total: sts.bigint(),
        own: sts.bigint(),
        nominatorCount: sts.number(),
        pageCount: sts.number(),
    }
})

export interface ActiveEraInfo {
    index: number
    start?: (bigint | undefined)
}

export const ActiveEraInfo: sts.Type<ActiveEraInfo> = sts.struct(() => {
    return  {
        index: sts.number(),
        start: sts.option(() => sts.bigint()),
    }
})

export interface Nominations {
    targets: AccountId32[]
    submittedIn: number
    suppressed: boolean
}

export const Nominations: sts.Type<Nominations> = sts.struct(() => {
    return  {
        targets: sts.array(() => AccountId32),
        submittedIn: sts.number(),
        suppressed: sts.boolean(),
    }
})

export interface ValidatorPrefs {
    commission: number
    blocked: boolean
}

export interface StakingLedger {
    stash: AccountId32
    total: bigint
    active: bigint
    unlocking: UnlockChunk[]
}

export interface UnlockChunk {
    value: bigint
    era: number
}

export const StakingLedger: sts.Type<StakingLedger> = sts.struct(() => {
    return  {
        stash: AccountId32,
        total: sts.bigint(),
        active: sts.bigint(),
        unlocking: sts.array(() => UnlockChunk),
    }
})

export const UnlockChunk: sts.Type<UnlockChunk> = sts.struct(() => {
    return  {
        value: sts.bigint(),
        era: sts.number(),
    }
})

export type AccountId32 = Bytes

export const Perbill = sts.number()

export const ValidatorPrefs: sts.Type<ValidatorPrefs> = sts.struct(() => {
    return  {
        commission: sts.number(),
        blocked: sts.boolean(),
    }
})

export const RewardDestination: sts.Type<RewardDestination> = sts.closedEnum(() => {
    return  {
        Account: AccountId32,
        Controller: sts.unit(),
        None: sts.unit(),
        Staked: sts.unit(),
        Stash: sts.unit(),
    }
})

export type RewardDestination = RewardDestination_Account | RewardDestination_Controller | RewardDestination_None | RewardDestination_Staked | RewardDestination_Stash

export interface RewardDestination_Account {
    __kind: 'Account'
    value: AccountId32
}

export interface RewardDestination_Controller {
    __kind: 'Controller'
}

export interface RewardDestination_None {
    __kind: 'None'
}

export interface RewardDestination_Staked {
    __kind: 'Staked'
}

export interface RewardDestination_Stash {
    __kind: 'Stash'
}

export const AccountId32 = sts.bytes()
