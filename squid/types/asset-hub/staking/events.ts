import {sts, Block, Bytes, Option, Result, EventType, RuntimeCtx} from '../support'
import * as v1009003 from '../v1009003'

export const eraPaid =  {
    name: 'Staking.EraPaid',
    /**
     * The era payout has been set; the first balance is the validator-payout; the second is
     * the remainder from the maximum amount of reward.
     */
    v1009003: new EventType(
        'Staking.EraPaid',
        sts.struct({
            eraIndex: sts.number(),
            validatorPayout: sts.bigint(),
            remainder: sts.bigint(),
        })
    ),
}

export const rewarded =  {
    name: 'Staking.Rewarded',
    /**
     * The nominator has been rewarded by this amount to this destination.
     */
    v1009003: new EventType(
        'Staking.Rewarded',
        sts.struct({
            stash: v1009003.AccountId32,
            dest: v1009003.RewardDestination,
            amount: sts.bigint(),
        })
    ),
}

export const slashed =  {
    name: 'Staking.Slashed',
    /**
     * A staker (validator or nominator) has been slashed by the given amount.
     */
    v1009003: new EventType(
        'Staking.Slashed',
        sts.struct({
            staker: v1009003.AccountId32,
            amount: sts.bigint(),
        })
    ),
}

export const bonded =  {
    name: 'Staking.Bonded',
    /**
     * An account has bonded this amount. \[stash, amount\]
     * 
     * NOTE: This event is only emitted when funds are bonded via a dispatchable. Notably,
     * it will not be emitted for staking rewards when they are added to stake.
     */
    v1009003: new EventType(
        'Staking.Bonded',
        sts.struct({
            stash: v1009003.AccountId32,
            amount: sts.bigint(),
        })
    ),
}

export const unbonded =  {
    name: 'Staking.Unbonded',
    /**
     * An account has unbonded this amount.
     */
    v1009003: new EventType(
        'Staking.Unbonded',
        sts.struct({
            stash: v1009003.AccountId32,
            amount: sts.bigint(),
        })
    ),
}

export const withdrawn =  {
    name: 'Staking.Withdrawn',
    /**
     * An account has called `withdraw_unbonded` and removed unbonding chunks worth `Balance`
     * from the unlocking queue.
     */
    v1009003: new EventType(
        'Staking.Withdrawn',
        sts.struct({
            stash: v1009003.AccountId32,
            amount: sts.bigint(),
        })
    ),
}

export const kicked =  {
    name: 'Staking.Kicked',
    /**
     * A nominator has been kicked from a validator.
     */
    v1009003: new EventType(
        'Staking.Kicked',
        sts.struct({
            nominator: v1009003.AccountId32,
            stash: v1009003.AccountId32,
        })
    ),
}

export const chilled =  {
    name: 'Staking.Chilled',
    /**
     * An account has stopped participating as either a validator or nominator.
     */
    v1009003: new EventType(
        'Staking.Chilled',
        sts.struct({
            stash: v1009003.AccountId32,
        })
    ),
}

export const payoutStarted =  {
    name: 'Staking.PayoutStarted',
    /**
     * A Page of stakers rewards are getting paid. `next` is `None` if all pages are claimed.
     */
    v1009003: new EventType(
        'Staking.PayoutStarted',
        sts.struct({
            eraIndex: sts.number(),
            validatorStash: v1009003.AccountId32,
            page: sts.number(),
            next: sts.option(() => sts.number()),
        })
    ),
}

export const validatorPrefsSet =  {
    name: 'Staking.ValidatorPrefsSet',
    /**
     * A validator has set their preferences.
     */
    v1009003: new EventType(
        'Staking.ValidatorPrefsSet',
        sts.struct({
            stash: v1009003.AccountId32,
            prefs: v1009003.ValidatorPrefs,
        })
    ),
}

export const offenceReported =  {
    name: 'Staking.OffenceReported',
    /**
     * An offence for the given validator, for the given percentage of their stake, at the
     * given era as been reported.
     */
    v1009003: new EventType(
        'Staking.OffenceReported',
        sts.struct({
            offenceEra: sts.number(),
            validator: v1009003.AccountId32,
            fraction: v1009003.Perbill,
        })
    ),
}

export const sessionRotated =  {
    name: 'Staking.SessionRotated',
    /**
     * Session change has been triggered.
     * 
     * If planned_era is one era ahead of active_era, it implies new era is being planned and
     * election is ongoing.
     */
    v1009003: new EventType(
        'Staking.SessionRotated',
        sts.struct({
            startingSession: sts.number(),
            activeEra: sts.number(),
            plannedEra: sts.number(),
        })
    ),
}
