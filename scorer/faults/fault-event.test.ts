import {describe, expect, it} from 'vitest'
import {countFaults, eraAt, faultEvents, type FaultFacts, type FaultOptions} from './fault-event'

const V = '0x' + 'aa'.repeat(32)
const W = '0x' + 'bb'.repeat(32)
const OUTSIDER = '0x' + 'ee'.repeat(32)
const PROGRAMME = '0x' + '01'.repeat(32)
const OTHER_NOMINATOR = '0x' + '02'.repeat(32)
const HOUR = 3_600_000

const none: FaultFacts = {offlineReports: [], offences: [], slashes: [], chills: [], kicks: [], eraRewards: []}
const options: FaultOptions = {
    candidateStashes: new Set([V, W]),
    programmeNominators: new Set([PROGRAMME]),
    currentEra: 20,
    missedPayoutAfterEras: 4,
    eras: [
        {era: 9, chain: 'relay', startMs: 0, endMs: 6 * HOUR},
        {era: 10, chain: 'relay', startMs: 6 * HOUR, endMs: null},
    ],
}

describe('fault events from source facts', () => {
    it('one event per fact, with reason, era/session, time and evidence', () => {
        const events = faultEvents(
            {
                ...none,
                offlineReports: [
                    {
                        id: '0000100-000a1-000003-0',
                        session: 41,
                        era: 9,
                        validator: V,
                        exposureTotalPlanck: 5_000n,
                        blockNumber: 100,
                        timestampMs: HOUR,
                    },
                ],
                offences: [
                    {
                        id: '0000200-000b2-000001',
                        chain: 'assetHub',
                        kind: null,
                        timeSlot: null,
                        era: 10,
                        validator: V,
                        reportId: null,
                        slashFractionPerbill: 1000,
                        blockNumber: 200,
                        timestampMs: 7 * HOUR,
                    },
                    // a relay offence whose reports could not be read names no offender: it cannot be anyone's fault
                    {
                        id: '0000150-000c3-000002',
                        chain: 'relay',
                        kind: '0x696d2d6f6e6c696e653a6f66666c696e',
                        timeSlot: '0x0100000000000000',
                        era: 9,
                        validator: null,
                        reportId: null,
                        slashFractionPerbill: null,
                        blockNumber: 150,
                        timestampMs: 2 * HOUR,
                    },
                ],
                slashes: [
                    {
                        id: '0000300-000d4-000004',
                        staker: W,
                        amountPlanck: 12_345n,
                        era: null,
                        chain: 'relay',
                        blockNumber: 300,
                        timestampMs: 8 * HOUR,
                    },
                ],
                chills: [{id: '0000310-000e5-000001', stash: W, era: 10, chain: 'assetHub', blockNumber: 310, timestampMs: 9 * HOUR}],
            },
            options,
        )
        expect(events).toEqual([
            {
                id: 'offlineReport:0000100-000a1-000003-0',
                source: 'offlineReport',
                sourceId: '0000100-000a1-000003-0',
                stash: V,
                era: 9,
                session: 41,
                blockNumber: 100,
                timestampMs: HOUR,
                reason: 'reported offline in session 41 (ImOnline.SomeOffline)',
                evidence: {source: 'offlineReport', session: 41, exposureTotalPlanck: '5000'},
            },
            {
                id: 'offence:0000200-000b2-000001',
                source: 'offence',
                sourceId: '0000200-000b2-000001',
                stash: V,
                era: 10,
                session: null,
                blockNumber: 200,
                timestampMs: 7 * HOUR,
                reason: 'offence of unnamed kind reported (Staking.OffenceReported, slash fraction 1000 perbill)',
                evidence: {
                    source: 'offence',
                    chain: 'assetHub',
                    event: 'Staking.OffenceReported',
                    kind: null,
                    kindText: null,
                    timeSlot: null,
                    reportId: null,
                    slashFractionPerbill: 1000,
                },
            },
            {
                // no era on the row: placed by its time, 8 h, in era 10
                id: 'slash:0000300-000d4-000004',
                source: 'slash',
                sourceId: '0000300-000d4-000004',
                stash: W,
                era: 10,
                session: null,
                blockNumber: 300,
                timestampMs: 8 * HOUR,
                reason: 'slashed 12345 planck',
                evidence: {source: 'slash', chain: 'relay', amountPlanck: '12345'},
            },
            {
                id: 'chill:0000310-000e5-000001',
                source: 'chill',
                sourceId: '0000310-000e5-000001',
                stash: W,
                era: 10,
                session: null,
                blockNumber: 310,
                timestampMs: 9 * HOUR,
                reason: 'chilled (Staking.Chilled)',
                evidence: {source: 'chill', chain: 'assetHub'},
            },
        ])
    })

    it('a relay offence names each offender its reports name, with the report and the kind as text when printable', () => {
        const relayOffence = (id: string, validator: string, reportId: string) => ({
            id,
            chain: 'relay' as const,
            kind: '0x696d2d6f6e6c696e653a6f66666c696e',
            timeSlot: '0x01',
            era: 9,
            validator,
            reportId,
            slashFractionPerbill: null,
            blockNumber: 1,
            timestampMs: null,
        })
        const events = faultEvents({...none, offences: [relayOffence('x-0', V, '0xaa'), relayOffence('x-1', W, '0xbb')]}, options)
        expect(events.map(e => [e.id, e.stash, e.reason])).toEqual([
            ['offence:x-0', V, 'offence im-online:offlin reported (Offences.Offence, report 0xaa)'],
            ['offence:x-1', W, 'offence im-online:offlin reported (Offences.Offence, report 0xbb)'],
        ])
        expect(events[0].evidence).toEqual({
            source: 'offence',
            chain: 'relay',
            event: 'Offences.Offence',
            kind: '0x696d2d6f6e6c696e653a6f66666c696e',
            kindText: 'im-online:offlin',
            timeSlot: '0x01',
            reportId: '0xaa',
            slashFractionPerbill: null,
        })
    })

    it("in an era Asset Hub's staking ran, the relay's report of an offence is not a second fault beside Staking.OffenceReported", () => {
        const eras = [
            {era: 9, chain: 'relay' as const, startMs: 0, endMs: 6 * HOUR},
            {era: 10, chain: 'assetHub' as const, startMs: 6 * HOUR, endMs: null},
        ]
        const offence = (id: string, chain: 'relay' | 'assetHub', era: number | null, timestampMs: number) => ({
            id,
            chain,
            kind: chain === 'relay' ? '0x01' : null,
            timeSlot: chain === 'relay' ? '0x02' : null,
            era,
            validator: V,
            reportId: chain === 'relay' ? '0xcc' : null,
            slashFractionPerbill: chain === 'relay' ? null : 0,
            blockNumber: 1,
            timestampMs,
        })
        const events = faultEvents(
            {
                ...none,
                offences: [
                    offence('legacy-0', 'relay', 9, HOUR),
                    // the relay's row has no era there (no Staking on the relay): placed by its time in era 10
                    offence('current-0', 'relay', null, 7 * HOUR),
                    offence('ah-1', 'assetHub', 10, 7 * HOUR),
                ],
            },
            {...options, eras},
        )
        expect(events.map(e => e.id)).toEqual(['offence:legacy-0', 'offence:ah-1'])
    })

    it("a kick is a fault only when it removes the programme's nominator", () => {
        const events = faultEvents(
            {
                ...none,
                kicks: [
                    {id: 'k1', nominator: PROGRAMME, validator: V, era: 10, chain: 'assetHub', blockNumber: 5, timestampMs: null},
                    {id: 'k2', nominator: OTHER_NOMINATOR, validator: V, era: 10, chain: 'assetHub', blockNumber: 6, timestampMs: null},
                ],
            },
            options,
        )
        expect(events.map(e => [e.id, e.reason])).toEqual([['kick:k1', `kicked the programme's nominator ${PROGRAMME} (Staking.Kicked)`]])
    })

    it('missed payouts: unpaid, or paid, more than the threshold after the era', () => {
        const events = faultEvents(
            {
                ...none,
                eraRewards: [
                    {era: 10, validator: V, points: 80, firstPaidInEra: 12}, // paid in time
                    {era: 11, validator: V, points: 80, firstPaidInEra: 16}, // paid 5 eras later: late
                    {era: 16, validator: V, points: 80, firstPaidInEra: null}, // unpaid, but 20 is only 4 after: not yet
                    {era: 15, validator: W, points: 80, firstPaidInEra: null}, // unpaid 5 eras after: missed
                    {era: 12, validator: W, points: 0, firstPaidInEra: null}, // no points, nothing to pay
                ],
            },
            options,
        )
        expect(events.map(e => [e.id, e.era, e.reason])).toEqual([
            ['missedPayout:11-' + V, 11, 'rewards of era 11 paid in era 16, more than 4 eras late'],
            ['missedPayout:15-' + W, 15, 'rewards of era 15 still unpaid in era 20, more than 4 eras after'],
        ])
        expect(events[1].evidence).toEqual({source: 'missedPayout', points: 80, firstPaidInEra: null, afterEras: 4, judgedInEra: 20})
    })

    it('facts about stashes that are not candidates make no events', () => {
        expect(
            faultEvents(
                {...none, chills: [{id: 'c', stash: OUTSIDER, era: 10, chain: 'relay', blockNumber: 1, timestampMs: null}]},
                options,
            ),
        ).toEqual([])
    })
})

describe('deduplication by source event, never by reason', () => {
    const report = (id: string, session: number) => ({
        id,
        session,
        era: 9,
        validator: V,
        exposureTotalPlanck: null,
        blockNumber: 100,
        timestampMs: null,
    })

    it('two reports with the same reason text but different events are two faults', () => {
        // 1KV keyed faults by "<name> had an offline event in session <n>": these two would have been one.
        const events = faultEvents({...none, offlineReports: [report('e1-0', 41), report('e2-0', 41)]}, options)
        expect(events.map(e => e.id)).toEqual(['offlineReport:e1-0', 'offlineReport:e2-0'])
        expect(events[0].reason).toBe(events[1].reason)
    })

    it('the same source event read twice is one fault', () => {
        expect(faultEvents({...none, offlineReports: [report('e1-0', 41), report('e1-0', 41)]}, options)).toHaveLength(1)
    })

    it('one source id with different contents is an error naming it', () => {
        expect(() => faultEvents({...none, offlineReports: [report('e1-0', 41), report('e1-0', 42)]}, options)).toThrow(
            'fault facts: offlineReport:e1-0 appears twice with different contents',
        )
    })

    it('the same id in two sources is two faults', () => {
        const events = faultEvents(
            {
                ...none,
                slashes: [{id: 'same', staker: V, amountPlanck: 1n, era: 9, chain: 'relay', blockNumber: 1, timestampMs: null}],
                chills: [{id: 'same', stash: V, era: 9, chain: 'relay', blockNumber: 1, timestampMs: null}],
            },
            options,
        )
        expect(events.map(e => e.id)).toEqual(['chill:same', 'slash:same'])
    })
})

describe('counting faults over the window', () => {
    const chill = (id: string, stash: string, era: number | null) => ({
        id,
        stash,
        era,
        chain: 'relay' as const,
        blockNumber: 1,
        timestampMs: null,
    })
    const events = faultEvents(
        {
            ...none,
            chills: [chill('a', V, 5), chill('b', V, 6), chill('c', V, 10), chill('d', W, 10), chill('e', W, 11), chill('f', W, null)],
        },
        options,
    )

    it('counts eras in (era − window, era]', () => {
        // window of 5 ending in era 10: eras 6..10
        expect(countFaults(events, 10, 5)).toEqual(
            new Map([
                [V, 2],
                [W, 1],
            ]),
        )
        // an event without an era is listed but never counted
        expect(events.filter(e => e.era === null).map(e => e.id)).toEqual(['chill:f'])
    })

    it('eraAt: start inclusive, end exclusive, open last era', () => {
        expect([0, 6 * HOUR - 1, 6 * HOUR, 100 * HOUR, -1].map(t => eraAt(t, options.eras))).toEqual([9, 9, 10, 10, null])
        expect(eraAt(null, options.eras)).toBeNull()
    })
})
