import {describe, expect, it} from 'vitest'
import {nominationDigest, nominatorTargetChanges, sessionKeysRows, snapshotRows} from './era-snapshot'

const V1 = '0x' + '01'.repeat(32)
const V2 = '0x' + '02'.repeat(32)
const V3 = '0x' + '03'.repeat(32)
const V4 = '0x' + '04'.repeat(32)
const N1 = '0x' + 'a1'.repeat(32)

describe('snapshotRows', () => {
    const rows = snapshotRows(
        {
            era: 10,
            blockNumber: 600,
            totalPoints: 300,
            points: new Map([
                [V1, 200],
                [V3, 100],
            ]),
            exposures: [
                {
                    validator: V1,
                    totalPlanck: 1000n,
                    ownPlanck: 400n,
                    nominatorCount: 1,
                    others: [
                        {nominator: N1, amountPlanck: 350n},
                        {nominator: N1, amountPlanck: 250n},
                    ],
                },
                {validator: V2, totalPlanck: 500n, ownPlanck: 500n, nominatorCount: 0, others: []},
            ],
            prefs: new Map([
                [V1, {commissionPerbill: 50_000_000, blocked: false}],
                [V3, {commissionPerbill: 1_000_000_000, blocked: true}],
            ]),
            // V4 waits: in Validators, neither exposed nor rewarded.
            intentions: new Map([
                [V4, {commissionPerbill: 30_000_000, blocked: false}],
                [V1, {commissionPerbill: 70_000_000, blocked: false}],
            ]),
            selfStake: new Map([
                [V1, 450n],
                [V4, 20n],
            ]),
            sessionKeys: [{validator: V1, keys: {grandpa: '0x11', beefy: '0x62656566'}}],
            nominators: [{nominator: N1, targets: [V1, V2], submittedIn: 9, bondedPlanck: 600n}],
        },
        'relay',
    )

    it('has one row per validator with points, prefs, stake and exposure; a validator with points but no exposure is inactive', () => {
        expect(
            rows.eraValidators.map(v => [
                v.validator,
                v.points,
                v.commissionPerbill,
                v.blocked,
                v.selfStakePlanck,
                v.ownExposurePlanck,
                v.totalExposurePlanck,
                v.nominatorCount,
                v.active,
            ]),
        ).toEqual([
            [V1, 200, 50_000_000, false, 450n, 400n, 1000n, 1, true],
            [V2, 0, undefined, undefined, undefined, 500n, 500n, 0, true],
            [V3, 100, 1_000_000_000, true, undefined, undefined, undefined, 0, false],
        ])
        expect(rows.eraValidators[0].id).toBe(`10-${V1}`)
        expect(rows.validatorCount).toBe(2)
        expect(rows.totalPoints).toBe(300)
    })

    it('has one intention row per Validators entry, waiting ones included, with its prefs and bond at the era end', () => {
        expect(rows.validatorIntentions).toEqual(
            [
                {
                    id: `10-${V1}`,
                    era: 10,
                    validator: V1,
                    commissionPerbill: 70_000_000,
                    blocked: false,
                    selfStakePlanck: 450n,
                    blockNumber: 600,
                },
                {
                    id: `10-${V4}`,
                    era: 10,
                    validator: V4,
                    commissionPerbill: 30_000_000,
                    blocked: false,
                    selfStakePlanck: 20n,
                    blockNumber: 600,
                },
            ].sort((a, b) => (a.validator < b.validator ? -1 : 1)),
        )
        // The exposed validator's era row keeps the prefs it was paid with, not its later ones.
        expect(rows.eraValidators[0].commissionPerbill).toBe(50_000_000)
    })

    it("sums a nominator's pages into one exposure edge", () => {
        expect(rows.exposures).toEqual([{id: `10-${N1}-${V1}`, era: 10, nominator: N1, validator: V1, amountPlanck: 600n}])
    })

    it('keys session keys, nominations and bonds by the era that starts, keeping the BEEFY key apart', () => {
        expect(rows.sessionKeys).toEqual([
            {id: `11-${V1}`, era: 11, validator: V1, keys: {grandpa: '0x11', beefy: '0x62656566'}, beefy: '0x62656566', blockNumber: 600},
        ])
        expect(rows.nominations).toEqual([{nominator: N1, targets: [V1, V2], submittedIn: 9}])
        expect(rows.nominatorBonds).toEqual([{id: `11-${N1}`, era: 11, nominator: N1, bondedPlanck: 600n}])
        expect([rows.nextEra, rows.blockNumber]).toEqual([11, 600])
    })
})

describe('nominatorTargetChanges', () => {
    const N2 = '0x' + 'a2'.repeat(32)
    const N3 = '0x' + 'a3'.repeat(32)
    const N4 = '0x' + 'a4'.repeat(32)
    const before = [
        {nominator: N1, targets: [V1, V2], submittedIn: 9},
        {nominator: N2, targets: [V1], submittedIn: 9},
        {nominator: N3, targets: [V3], submittedIn: 8},
        {nominator: N4, targets: [], submittedIn: undefined},
    ]
    const inForce = new Map(before.map(n => [n.nominator, nominationDigest(n)]))

    it('adds rows only for new, changed (targets or submission era) and stopped nominations', () => {
        const now = [
            {nominator: N1, targets: [V1, V2], submittedIn: 9},
            {nominator: N2, targets: [V2], submittedIn: 9},
            {nominator: N4, targets: [V3], submittedIn: 11},
        ]
        expect(nominatorTargetChanges(inForce, now, 12, 700)).toEqual([
            {id: `12-${N2}`, era: 12, blockNumber: 700, nominator: N2, targets: [V2], submittedIn: 9},
            {id: `12-${N4}`, era: 12, blockNumber: 700, nominator: N4, targets: [V3], submittedIn: 11},
            {id: `12-${N3}`, era: 12, blockNumber: 700, nominator: N3, targets: [], submittedIn: undefined},
        ])
    })

    it('stores every nomination when nothing is in force yet, and nothing when nothing changed', () => {
        const now = before.filter(n => n.targets.length)
        expect(nominatorTargetChanges(new Map(), now, 12, 700).map(r => r.nominator)).toEqual([N1, N2, N3])
        expect(nominatorTargetChanges(inForce, now, 12, 700)).toEqual([])
    })
})

describe('sessionKeysRows', () => {
    it("keys rows by the era given (the received validator set's era), with the BEEFY key apart where the runtime has one", () => {
        expect(
            sessionKeysRows(42, 700, [
                {validator: V1, keys: {grandpa: '0x11', beefy: '0x02aa'}},
                {validator: V2, keys: {grandpa: '0x22'}},
            ]),
        ).toEqual([
            {id: `42-${V1}`, era: 42, validator: V1, keys: {grandpa: '0x11', beefy: '0x02aa'}, beefy: '0x02aa', blockNumber: 700},
            {id: `42-${V2}`, era: 42, validator: V2, keys: {grandpa: '0x22'}, beefy: undefined, blockNumber: 700},
        ])
    })
})
