import {describe, expect, it} from 'vitest'
import {perbillToPercent, planckToTokens} from './display-units'

describe('the old display units', () => {
    it('converts planck to tokens without division error, also beyond 2^53 planck', () => {
        expect(planckToTokens(12_345_000_000_000n, 10)).toBe(1234.5)
        expect(planckToTokens(1n, 10)).toBe(1e-10)
        expect(planckToTokens(123_456_789_012_345_678_901n, 12)).toBe(Number('123456789.012345678901'))
        expect(planckToTokens(-25n, 1)).toBe(-2.5)
        expect(planckToTokens(7n, 0)).toBe(7)
    })

    it('gives commission as the old percent float', () => {
        expect(perbillToPercent(50_000_000)).toBe(5)
        expect(perbillToPercent(1)).toBe(1e-7)
        expect(perbillToPercent(1_000_000_000)).toBe(100)
    })
})
