/**
 * Relay-chain events (legacy `Staking`, `Session`, `ImOnline`, `Offences`, and `StakingAhClient` of the
 * current layout) decoded into plain staking facts, by whichever typegen'd version matches the event's runtime; no match is an error.
 */
import {StakingFact, UnknownRuntimeShapeError} from '../facts'
import {events} from '../types/relay'
import {rewardDestination, runtimeName, SourceEvent} from './event-source'

/** Event names the relay processor subscribes to for staking. */
export const RELAY_STAKING_EVENTS = [
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
    events.session.newSession.name,
    events.imOnline.someOffline.name,
    events.offences.offence.name,
    events.stakingAhClient.validatorSetReceived.name,
] as const

export function decodeRelayStakingEvent(e: SourceEvent): StakingFact {
    const s = events.staking
    const unknown = () => new UnknownRuntimeShapeError(e.name, e.block.height, runtimeName(e))
    switch (e.name) {
        case s.eraPaid.name: {
            if (!s.eraPaid.v9420.is(e)) throw unknown()
            const d = s.eraPaid.v9420.decode(e)
            return {kind: 'EraPaid', era: d.eraIndex, validatorPayoutPlanck: d.validatorPayout, remainderPlanck: d.remainder}
        }
        case s.payoutStarted.name: {
            // Newest shape first: a struct type also matches a runtime struct with more fields.
            if (s.payoutStarted.kusamaV1009002.is(e)) {
                const d = s.payoutStarted.kusamaV1009002.decode(e)
                return {kind: 'PayoutStarted', era: d.eraIndex, validator: d.validatorStash, page: d.page}
            }
            if (s.payoutStarted.v9420.is(e)) {
                const d = s.payoutStarted.v9420.decode(e)
                return {kind: 'PayoutStarted', era: d.eraIndex, validator: d.validatorStash}
            }
            throw unknown()
        }
        case s.rewarded.name: {
            if (s.rewarded.v1002005.is(e)) {
                const d = s.rewarded.v1002005.decode(e)
                return {kind: 'Rewarded', stash: d.stash, amountPlanck: d.amount, ...rewardDestination(d.dest)}
            }
            if (s.rewarded.v9420.is(e)) {
                const d = s.rewarded.v9420.decode(e)
                return {kind: 'Rewarded', stash: d.stash, amountPlanck: d.amount}
            }
            throw unknown()
        }
        case s.slashed.name: {
            if (!s.slashed.v9420.is(e)) throw unknown()
            const d = s.slashed.v9420.decode(e)
            return {kind: 'Slashed', staker: d.staker, amountPlanck: d.amount}
        }
        case s.chilled.name: {
            if (!s.chilled.v9420.is(e)) throw unknown()
            return {kind: 'Chilled', stash: s.chilled.v9420.decode(e).stash}
        }
        case s.kicked.name: {
            if (!s.kicked.v9420.is(e)) throw unknown()
            const d = s.kicked.v9420.decode(e)
            return {kind: 'Kicked', nominator: d.nominator, validator: d.stash}
        }
        case s.bonded.name: {
            if (!s.bonded.v9420.is(e)) throw unknown()
            const d = s.bonded.v9420.decode(e)
            return {kind: 'Bond', stash: d.stash, amountPlanck: d.amount}
        }
        case s.unbonded.name: {
            if (!s.unbonded.v9420.is(e)) throw unknown()
            const d = s.unbonded.v9420.decode(e)
            return {kind: 'Unbond', stash: d.stash, amountPlanck: d.amount}
        }
        case s.withdrawn.name: {
            if (!s.withdrawn.v9420.is(e)) throw unknown()
            const d = s.withdrawn.v9420.decode(e)
            return {kind: 'Withdraw', stash: d.stash, amountPlanck: d.amount}
        }
        case s.validatorPrefsSet.name: {
            if (!s.validatorPrefsSet.v9420.is(e)) throw unknown()
            const d = s.validatorPrefsSet.v9420.decode(e)
            return {kind: 'ValidatorPrefsSet', validator: d.stash, commissionPerbill: d.prefs.commission, blocked: d.prefs.blocked}
        }
        case events.session.newSession.name: {
            if (!events.session.newSession.v9420.is(e)) throw unknown()
            return {kind: 'NewSession', session: events.session.newSession.v9420.decode(e).sessionIndex}
        }
        case events.imOnline.someOffline.name: {
            if (!events.imOnline.someOffline.v9420.is(e)) throw unknown()
            const d = events.imOnline.someOffline.v9420.decode(e)
            return {
                kind: 'SomeOffline',
                offline: d.offline.map(([validator, exposure]) => ({validator, exposureTotalPlanck: exposure.total})),
            }
        }
        case events.offences.offence.name: {
            if (!events.offences.offence.v9420.is(e)) throw unknown()
            const d = events.offences.offence.v9420.decode(e)
            return {kind: 'Offence', offenceKind: d.kind, timeSlot: d.timeslot}
        }
        case events.stakingAhClient.validatorSetReceived.name: {
            const received = events.stakingAhClient.validatorSetReceived
            if (!received.kusamaV1009002.is(e)) throw unknown()
            const d = received.kusamaV1009002.decode(e)
            return {kind: 'ValidatorSetReceived', era: d.id, validatorCount: d.newValidatorSetCount}
        }
        default:
            throw new Error(`relay staking decoder: unexpected event ${e.name} at block ${e.block.height}`)
    }
}
