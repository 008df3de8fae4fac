import {describe, expect, it} from 'vitest'
import {loadRuntime} from '../runtime/metadata-sources'
import {encodeRewardPoints} from './state-writer'
import {encodeExposure, encodeExposureOverview, encodeExposurePage, encodeNominations} from './exposure-codec'
import type {EraState} from './world'

describe('encodeRewardPoints', () => {
    it('matches the runtime type EraRewardPoints as @polkadot/types encodes it', () => {
        const rt = loadRuntime('polkadot-9420')
        const a = '0x' + '11'.repeat(32)
        const b = '0x' + '02'.repeat(32)
        const era = {
            points: new Map([
                [a, 40],
                [b, 20],
            ]),
            totalPoints: 60,
        } as unknown as EraState
        const expected = rt.storageValue('Staking', 'ErasRewardPoints', {
            total: 60,
            individual: new Map([
                [a, 40],
                [b, 20],
            ]),
        })
        expect(encodeRewardPoints(era)).toBe(expected)
    })
})

describe('hand-written exposure and nomination encoders', () => {
    const a = '0x' + '11'.repeat(32)
    const b = '0x' + '22'.repeat(32)
    const others = [
        {who: a, valuePlanck: 5n * 10n ** 18n},
        {who: b, valuePlanck: 7n},
    ]
    it.each(['polkadot-9420', 'polkadot-1002005', 'statemint-2003000'] as const)('match @polkadot/types for runtime %s', id => {
        const rt = loadRuntime(id)
        const asJson = others.map(o => ({who: o.who, value: o.valuePlanck}))
        expect(encodeNominations([a, b], 3, false)).toBe(
            rt.storageValue('Staking', 'Nominators', {targets: [a, b], submittedIn: 3, suppressed: false}),
        )
        if (rt.hasStorage('Staking', 'ErasStakers')) {
            expect(encodeExposure(10n ** 20n, 9n, others)).toBe(
                rt.storageValue('Staking', 'ErasStakers', {total: 10n ** 20n, own: 9n, others: asJson}),
            )
        }
        if (rt.hasStorage('Staking', 'ErasStakersPaged')) {
            expect(encodeExposureOverview(10n ** 20n, 9n, 2, 1)).toBe(
                rt.storageValue('Staking', 'ErasStakersOverview', {total: 10n ** 20n, own: 9n, nominatorCount: 2, pageCount: 1}),
            )
            expect(encodeExposurePage(12n, others)).toBe(rt.storageValue('Staking', 'ErasStakersPaged', {pageTotal: 12n, others: asJson}))
        }
    })
})
