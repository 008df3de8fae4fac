import {describe, expect, it} from 'vitest'
import {UnknownRuntimeShapeError} from '../facts'
import {ChainLayer} from '../chain-layer'
import {runtimeOf} from '../test-runtimes'
import {decodeAssetHubStakingEvent} from './decode-asset-hub'
import {decodeRelayStakingEvent} from './decode-relay'
import type {SourceEvent} from './event-source'

const ALICE = '0x' + 'aa'.repeat(32)
const BOB = '0x' + 'bb'.repeat(32)

function event(layer: ChainLayer, specName: string, specVersion: number, name: string, args: unknown): SourceEvent {
    return {
        id: '0000000100-abcde-000001',
        name,
        args,
        extrinsicIndex: 1,
        block: {_runtime: runtimeOf(layer, specName, specVersion), height: 100, specName, specVersion, timestamp: 1_700_000_000_000},
    }
}

describe('relay staking decoder', () => {
    it('reads Rewarded before (9420: stash, amount) and after (1002005: stash, dest, amount) the upgrade', () => {
        expect(
            decodeRelayStakingEvent(event(ChainLayer.relay, 'polkadot', 9420, 'Staking.Rewarded', {stash: ALICE, amount: '1234567890123'})),
        ).toEqual({kind: 'Rewarded', stash: ALICE, amountPlanck: 1234567890123n})
        expect(
            decodeRelayStakingEvent(
                event(ChainLayer.relay, 'polkadot', 1002005, 'Staking.Rewarded', {
                    stash: ALICE,
                    dest: {__kind: 'Account', value: BOB},
                    amount: '7',
                }),
            ),
        ).toEqual({kind: 'Rewarded', stash: ALICE, amountPlanck: 7n, destination: 'Account', destinationAccount: BOB})
    })

    it('reads PayoutStarted with and without a page', () => {
        expect(
            decodeRelayStakingEvent(
                event(ChainLayer.relay, 'polkadot', 1002005, 'Staking.PayoutStarted', {eraIndex: 12, validatorStash: ALICE}),
            ),
        ).toEqual({kind: 'PayoutStarted', era: 12, validator: ALICE})
        expect(
            decodeRelayStakingEvent(
                event(ChainLayer.relay, 'kusama', 1009002, 'Staking.PayoutStarted', {
                    eraIndex: 12,
                    validatorStash: ALICE,
                    page: 2,
                    next: 3,
                }),
            ),
        ).toEqual({kind: 'PayoutStarted', era: 12, validator: ALICE, page: 2})
    })

    it('reads EraPaid, SomeOffline, NewSession, ValidatorPrefsSet and Offence', () => {
        expect(
            decodeRelayStakingEvent(
                event(ChainLayer.relay, 'polkadot', 9420, 'Staking.EraPaid', {eraIndex: 5, validatorPayout: '100', remainder: '20'}),
            ),
        ).toEqual({kind: 'EraPaid', era: 5, validatorPayoutPlanck: 100n, remainderPlanck: 20n})
        expect(
            decodeRelayStakingEvent(
                event(ChainLayer.relay, 'polkadot', 9420, 'ImOnline.SomeOffline', {
                    offline: [[ALICE, {total: '50', own: '10', others: []}]],
                }),
            ),
        ).toEqual({kind: 'SomeOffline', offline: [{validator: ALICE, exposureTotalPlanck: 50n}]})
        expect(decodeRelayStakingEvent(event(ChainLayer.relay, 'polkadot', 1002005, 'Session.NewSession', {sessionIndex: 77}))).toEqual({
            kind: 'NewSession',
            session: 77,
        })
        expect(
            decodeRelayStakingEvent(
                event(ChainLayer.relay, 'polkadot', 1002005, 'Staking.ValidatorPrefsSet', {
                    stash: ALICE,
                    prefs: {commission: 50_000_000, blocked: true},
                }),
            ),
        ).toEqual({kind: 'ValidatorPrefsSet', validator: ALICE, commissionPerbill: 50_000_000, blocked: true})
        expect(
            decodeRelayStakingEvent(
                event(ChainLayer.relay, 'polkadot', 9420, 'Offences.Offence', {
                    kind: '0x696d2d6f6e6c696e653a6f66666c696e',
                    timeslot: '0x0100000000000000',
                }),
            ),
        ).toEqual({kind: 'Offence', offenceKind: '0x696d2d6f6e6c696e653a6f66666c696e', timeSlot: '0x0100000000000000'})
    })

    it('reads StakingAhClient.ValidatorSetReceived (Polkadot 2000000, Kusama 1009002): the era whose set the relay queued', () => {
        for (const [specName, specVersion] of [
            ['polkadot', 2000000],
            ['kusama', 1009002],
        ] as const) {
            const args = {id: 41, newValidatorSetCount: 297, pruneUpTo: 1200, leftover: false}
            expect(
                decodeRelayStakingEvent(event(ChainLayer.relay, specName, specVersion, 'StakingAhClient.ValidatorSetReceived', args)),
            ).toEqual({kind: 'ValidatorSetReceived', era: 41, validatorCount: 297})
        }
    })

    it('fails loudly on a runtime whose shape no generated version matches, naming item, block and runtime', () => {
        // Kusama 1003000 has no ImOnline pallet: no typegen'd version of SomeOffline matches it.
        const e = event(ChainLayer.relay, 'kusama', 1003000, 'ImOnline.SomeOffline', {offline: []})
        expect(() => decodeRelayStakingEvent(e)).toThrow(UnknownRuntimeShapeError)
        expect(() => decodeRelayStakingEvent(e)).toThrow(/ImOnline.SomeOffline at block 100: runtime kusama@1003000/)
    })
})

describe('Asset Hub staking decoder', () => {
    for (const [specName, specVersion] of [
        ['statemint', 2000000],
        ['statemint', 2003000],
        ['statemine', 2003000],
    ] as const) {
        it(`reads staking-async events on ${specName} ${specVersion}`, () => {
            expect(
                decodeAssetHubStakingEvent(
                    event(ChainLayer.assetHub, specName, specVersion, 'Staking.PayoutStarted', {
                        eraIndex: 3,
                        validatorStash: ALICE,
                        page: 1,
                        next: undefined,
                    }),
                ),
            ).toEqual({kind: 'PayoutStarted', era: 3, validator: ALICE, page: 1})
            expect(
                decodeAssetHubStakingEvent(
                    event(ChainLayer.assetHub, specName, specVersion, 'Staking.SessionRotated', {
                        startingSession: 9,
                        activeEra: 3,
                        plannedEra: 4,
                    }),
                ),
            ).toEqual({kind: 'NewSession', session: 9, activeEra: 3})
            expect(
                decodeAssetHubStakingEvent(
                    event(ChainLayer.assetHub, specName, specVersion, 'Staking.OffenceReported', {
                        offenceEra: 2,
                        validator: BOB,
                        fraction: 1000,
                    }),
                ),
            ).toEqual({kind: 'OffenceReported', era: 2, validator: BOB, slashFractionPerbill: 1000})
        })
    }
})
