import {describe, expect, it} from 'vitest'
import type {ContextualFact, StakingFact} from '../facts'
import {mapStakingFacts, offenderRows, type OffenceRow} from './history'

const V1 = '0x' + '01'.repeat(32)
const V2 = '0x' + '02'.repeat(32)
const N1 = '0x' + 'a1'.repeat(32)

let seq = 0
function at(blockNumber: number, extrinsicIndex: number | undefined, fact: StakingFact): ContextualFact<StakingFact> {
    return {ctx: {id: `${blockNumber}-${++seq}`, blockNumber, extrinsicIndex, timestamp: new Date(blockNumber * 6000)}, fact}
}

describe('mapStakingFacts', () => {
    it('links each Rewarded to the PayoutStarted before it in the same extrinsic, and to none elsewhere', () => {
        const facts = [
            at(10, 2, {kind: 'PayoutStarted', era: 7, validator: V1}),
            at(10, 2, {kind: 'Rewarded', stash: V1, amountPlanck: 100n}),
            at(10, 2, {kind: 'Rewarded', stash: N1, amountPlanck: 40n, destination: 'Staked'}),
            at(10, 3, {kind: 'PayoutStarted', era: 8, validator: V2, page: 1}),
            at(10, 3, {kind: 'Rewarded', stash: V2, amountPlanck: 5n}),
            at(11, 2, {kind: 'Rewarded', stash: N1, amountPlanck: 1n}),
        ]
        const rows = mapStakingFacts(facts, 'relay', {activeEra: 9})
        expect(rows.payouts.map(p => [p.era, p.validator, p.page, p.extrinsicIndex])).toEqual([
            [7, V1, undefined, 2],
            [8, V2, 1, 3],
        ])
        expect(rows.rewards.map(r => [r.stash, r.amountPlanck, r.era, r.validator, r.payoutId])).toEqual([
            [V1, 100n, 7, V1, rows.payouts[0].id],
            [N1, 40n, 7, V1, rows.payouts[0].id],
            [V2, 5n, 8, V2, rows.payouts[1].id],
            [N1, 1n, undefined, undefined, undefined],
        ])
        expect([...rows.accounts].sort()).toEqual([V1, V2, N1].sort())
    })

    it('closes era N and opens N+1 at EraPaid, and tags later events with the new era', () => {
        const rows = mapStakingFacts(
            [
                at(20, 1, {kind: 'Chilled', stash: V1}),
                at(21, undefined, {kind: 'EraPaid', era: 4, validatorPayoutPlanck: 1000n, remainderPlanck: 50n}),
                at(22, 1, {kind: 'Slashed', staker: V2, amountPlanck: 3n}),
            ],
            'relay',
            {activeEra: 4, session: 40},
        )
        expect(rows.eraBoundaries).toEqual([
            {blockNumber: 21, timestamp: new Date(21 * 6000), endedEra: 4, validatorPayoutPlanck: 1000n, remainderPlanck: 50n},
        ])
        expect(rows.chills[0].era).toBe(4)
        expect(rows.slashes[0]).toMatchObject({staker: V2, amountPlanck: 3n, era: 5})
        expect(rows.cursor).toEqual({activeEra: 5, session: 40})
    })

    it('notes each validator set the relay received, for the era it is elected for, without moving the era', () => {
        const rows = mapStakingFacts(
            [at(40, undefined, {kind: 'ValidatorSetReceived', era: 8, validatorCount: 24}), at(41, 1, {kind: 'Chilled', stash: V1})],
            'relay',
            {activeEra: 7, session: 70},
        )
        expect(rows.receivedValidatorSets).toEqual([{blockNumber: 40, timestamp: new Date(40 * 6000), era: 8, validatorCount: 24}])
        expect(rows.chills[0].era).toBe(7)
        expect(rows.cursor).toEqual({activeEra: 7, session: 70})
    })

    it('reports offline validators for the session that is ending, before NewSession moves on', () => {
        const rows = mapStakingFacts(
            [
                at(30, undefined, {
                    kind: 'SomeOffline',
                    offline: [
                        {validator: V1, exposureTotalPlanck: 9n},
                        {validator: V2, exposureTotalPlanck: 8n},
                    ],
                }),
                at(30, undefined, {kind: 'NewSession', session: 61}),
            ],
            'relay',
            {activeEra: 6, session: 60},
        )
        expect(rows.offlineReports.map(o => [o.session, o.validator, o.exposureTotalPlanck, o.era])).toEqual([
            [60, V1, 9n, 6],
            [60, V2, 8n, 6],
        ])
        expect(rows.sessions).toEqual([{blockNumber: 30, timestamp: new Date(30 * 6000), index: 61, era: 6}])
    })

    it('uses the session ending in the block even when NewSession comes first', () => {
        const rows = mapStakingFacts(
            [
                at(35, undefined, {kind: 'NewSession', session: 62}),
                at(35, undefined, {kind: 'SomeOffline', offline: [{validator: V1, exposureTotalPlanck: 9n}]}),
            ],
            'relay',
            {activeEra: 6, session: 9999},
        )
        expect(rows.offlineReports.map(o => o.session)).toEqual([61])
    })

    it('takes the active era from Asset Hub SessionRotated', () => {
        const rows = mapStakingFacts([at(5, undefined, {kind: 'NewSession', session: 12, activeEra: 3})], 'assetHub', {})
        expect(rows.sessions[0]).toMatchObject({index: 12, era: 3})
        expect(rows.cursor.activeEra).toBe(3)
    })

    it('refuses an offline report whose session is unknown instead of inventing one', () => {
        expect(() => mapStakingFacts([at(30, undefined, {kind: 'SomeOffline', offline: []})], 'relay', {})).toThrow(
            /block 30: the current session is unknown/,
        )
    })
})

describe('offenderRows', () => {
    const event: OffenceRow = {id: '0000050-000a1-000002', blockNumber: 50, kind: '0x01', timeSlot: '0x02', era: 3}
    const reports = [
        {reportId: '0xr1', offender: V1},
        {reportId: '0xr2', offender: V2},
        {reportId: '0xr3', offender: N1},
    ]

    it("names the offenders of the reports the event added (not those listed before its block), each a row of the event's id", () => {
        expect(offenderRows(event, reports, new Set(['0xr1']))).toEqual([
            {...event, id: '0000050-000a1-000002-0', validator: V2, reportId: '0xr2'},
            {...event, id: '0000050-000a1-000002-1', validator: N1, reportId: '0xr3'},
        ])
    })

    it('keeps the event, without offender, when it added no report that could be read', () => {
        expect(offenderRows(event, [], new Set())).toEqual([event])
        expect(offenderRows(event, reports, new Set(['0xr1', '0xr2', '0xr3']))).toEqual([event])
    })
})
