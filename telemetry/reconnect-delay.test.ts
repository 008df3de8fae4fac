import {describe, expect, it} from 'vitest'
import {reconnectDelayMs} from './reconnect-delay'

describe('reconnectDelayMs', () => {
    it.each([
        [0, 0, 500],
        [0, 1, 1000],
        [1, 0, 1000],
        [3, 0.5, 6000],
        [6, 1, 60_000],
        [100, 0, 30_000],
        [100, 1, 60_000],
    ])('attempt %i, random %f -> %i ms (min 1 s, max 60 s)', (attempt, random, expected) => {
        expect(reconnectDelayMs(attempt, 1000, 60_000, random)).toBe(expected)
    })

    it('never gives up: any attempt number yields a finite delay within the bounds', () => {
        for (const attempt of [0, 10, 1000, 1e9]) {
            const d = reconnectDelayMs(attempt, 1000, 60_000, Math.random())
            expect(d).toBeGreaterThanOrEqual(500)
            expect(d).toBeLessThanOrEqual(60_000)
        }
    })
})
