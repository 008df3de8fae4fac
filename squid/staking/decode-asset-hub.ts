/**
 * Asset Hub events (staking-async `Staking`, `StakingRcClient`) decoded into plain staking facts, by
 * whichever typegen'd version matches the event's runtime; no match is an error.
 */
import {StakingFact, UnknownRuntimeShapeError} from '../facts'
import {events} from '../types/asset-hub'
import {rewardDestination, runtimeName, SourceEvent} from './event-source'

export const ASSET_HUB_STAKING_EVENTS = [
    events.staking.eraPaid.name,
    events.staking.payoutStarted.name,
    events.staking.rewarded.name,
    events.staking.slashed.name,
    events.staking.chilled.name,
    events.staking.kicked.name,
    events.staking.bonded.name,
    events.staking.unbonded.name,
    events.staking.withdrawn.name,
    events.staking.validatorPrefsSet.name,
    events.staking.offenceReported.name,
    events.staking.sessionRotated.name,
] as const

export function decodeAssetHubStakingEvent(e: SourceEvent): StakingFact {
    const s = events.staking
    const unknown = () => new UnknownRuntimeShapeError(e.name, e.block.height, runtimeName(e))
    switch (e.name) {
        case s.eraPaid.name: {
            if (!s.eraPaid.v1009003.is(e)) throw unknown()
            const d = s.eraPaid.v1009003.decode(e)
            return {kind: 'EraPaid', era: d.eraIndex, validatorPayoutPlanck: d.validatorPayout, remainderPlanck: d.remainder}
        }
        case s.payoutStarted.name: {
            if (!s.payoutStarted.v1009003.is(e)) throw unknown()
            const d = s.payoutStarted.v1009003.decode(e)
            return {kind: 'PayoutStarted', era: d.eraIndex, validator: d.validatorStash, page: d.page}
        }
        case s.rewarded.name: {
            if (!s.rewarded.v1009003.is(e)) throw unknown()
            const d = s.rewarded.v1009003.decode(e)
            return {kind: 'Rewarded', stash: d.stash, amountPlanck: d.amount, ...rewardDestination(d.dest)}
        }
        case s.slashed.name: {
            if (!s.slashed.v1009003.is(e)) throw unknown()
            const d = s.slashed.v1009003.decode(e)
            return {kind: 'Slashed', staker: d.staker, amountPlanck: d.amount}
        }
        case s.chilled.name: {
            if (!s.chilled.v1009003.is(e)) throw unknown()
            return {kind: 'Chilled', stash: s.chilled.v1009003.decode(e).stash}
        }
        case s.kicked.name: {
            if (!s.kicked.v1009003.is(e)) throw unknown()
            const d = s.kicked.v1009003.decode(e)
            return {kind: 'Kicked', nominator: d.nominator, validator: d.stash}
        }
        case s.bonded.name: {
            if (!s.bonded.v1009003.is(e)) throw unknown()
            const d = s.bonded.v1009003.decode(e)
            return {kind: 'Bond', stash: d.stash, amountPlanck: d.amount}
        }
        case s.unbonded.name: {
            if (!s.unbonded.v1009003.is(e)) throw unknown()
            const d = s.unbonded.v1009003.decode(e)
            return {kind: 'Unbond', stash: d.stash, amountPlanck: d.amount}
        }
        case s.withdrawn.name: {
            if (!s.withdrawn.v1009003.is(e)) throw unknown()
            const d = s.withdrawn.v1009003.decode(e)
            return {kind: 'Withdraw', stash: d.stash, amountPlanck: d.amount}
        }
        case s.validatorPrefsSet.name: {
            if (!s.validatorPrefsSet.v1009003.is(e)) throw unknown()
            const d = s.validatorPrefsSet.v1009003.decode(e)
            return {kind: 'ValidatorPrefsSet', validator: d.stash, commissionPerbill: d.prefs.commission, blocked: d.prefs.blocked}
        }
        case s.offenceReported.name: {
            if (!s.offenceReported.v1009003.is(e)) throw unknown()
            const d = s.offenceReported.v1009003.decode(e)
            return {kind: 'OffenceReported', era: d.offenceEra, validator: d.validator, slashFractionPerbill: d.fraction}
        }
        case s.sessionRotated.name: {
            if (!s.sessionRotated.v1009003.is(e)) throw unknown()
            const d = s.sessionRotated.v1009003.decode(e)
            return {kind: 'NewSession', session: d.startingSession, activeEra: d.activeEra}
        }
        default:
            throw new Error(`Asset Hub staking decoder: unexpected event ${e.name} at block ${e.block.height}`)
    }
}
