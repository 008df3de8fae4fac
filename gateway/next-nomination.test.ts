import {describe, expect, it} from 'vitest'
import {nextNominationMs} from './next-nomination'

const HOUR = 3_600_000
/** Eras 10..12 of 6 hours each (one 7 hours long), era 13 started and running. */
const eras = [
    {index: 10, startMs: 0, endMs: 6 * HOUR},
    {index: 11, startMs: 6 * HOUR, endMs: 13 * HOUR},
    {index: 12, startMs: 13 * HOUR, endMs: 19 * HOUR},
    {index: 13, startMs: 19 * HOUR, endMs: null},
]

describe('nextNominationMs', () => {
    it('is the start of the era the next round is due in, once that era has begun', () => {
        expect(nextNominationMs(12, 1, eras)).toBe(19 * HOUR)
        // Overdue (the round of era 11 + 1 never ran): the due era's start, in the past.
        expect(nextNominationMs(11, 1, eras)).toBe(13 * HOUR)
    })

    it('projects a later era from the newest start and the mean complete era (19 h / 3)', () => {
        expect(nextNominationMs(12, 4, eras)).toBe(Math.round(19 * HOUR + 3 * ((19 * HOUR) / 3)))
    })

    it('is 0 before any round, or with nothing to project from', () => {
        expect(nextNominationMs(null, 4, eras)).toBe(0)
        expect(nextNominationMs(12, 4, [{index: 13, startMs: 19 * HOUR, endMs: null}])).toBe(0)
        expect(nextNominationMs(12, 4, [])).toBe(0)
    })
})
