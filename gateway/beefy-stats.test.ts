import {describe, expect, it} from 'vitest'
import {beefyStats, isDummyBeefyKey} from './beefy-stats'

describe('beefyStats', () => {
    it('counts real keys (not the "beef" placeholder, not a missing key) among all, active and candidate validators', () => {
        const keys = [
            {validator: 'a', beefyHex: '0x03' + '11'.repeat(32)},
            {validator: 'b', beefyHex: '0x62656566' + '00'.repeat(29)},
            {validator: 'c', beefyHex: null},
            {validator: 'd', beefyHex: '0x02' + '22'.repeat(32)},
        ]
        expect(beefyStats(keys, new Set(['a', 'b']), new Set(['a', 'b', 'd', 'e']))).toEqual({
            beefy1KVCount: 2,
            activeBeefy1KVCount: 1,
            activeBeefy1KVPercentage: 50,
            total1KVValidatorCount: 4,
            beefyTotalValidatorCount: 2,
            activeBeefyValidatorCount: 1,
            activeBeefyPercentage: 50,
            activeValidatorCount: 2,
            totalValidators: 4,
            totalBeefyValidators: 50,
        })
        expect(beefyStats([], new Set(), new Set())).toMatchObject({activeBeefyPercentage: 0, totalBeefyValidators: 0})
        expect(isDummyBeefyKey('0x62656566AB')).toBe(true)
        expect(isDummyBeefyKey(null)).toBe(false)
    })
})
