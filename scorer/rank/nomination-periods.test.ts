import {describe, expect, it} from 'vitest'
import {judgedPeriods, periodSpans, periodVerdict, type CheckReading} from './nomination-periods'

const reading = (check: string, status: CheckReading['status'], sentence = `${check} ${status}`): CheckReading => ({
    check,
    status,
    sentence,
})

describe('nomination periods from the nominator records', () => {
    const rounds = [
        {era: 10, atMs: 1_000},
        {era: 14, atMs: 2_000},
        {era: 18, atMs: 3_000},
        {era: 22, atMs: 4_000},
    ]

    it('a period runs from a round with a landed target to the next round; a round without one starts none, the last none yet', () => {
        const spans = periodSpans([...rounds].reverse(), [
            {era: 10, stash: 'b'},
            {era: 10, stash: 'a'},
            {era: 10, stash: 'a'}, // a second account nominating it: one period
            {era: 18, stash: 'c'},
            {era: 22, stash: 'd'}, // no later round: the period has not ended
        ])
        expect(spans).toEqual([
            {startEra: 10, endEra: 14, endAtMs: 2_000, targets: ['a', 'b']},
            {startEra: 18, endEra: 22, endAtMs: 4_000, targets: ['c']},
        ])
    })

    it('refuses two rounds in one era', () => {
        expect(() => periodSpans([rounds[0], {era: 10, atMs: 5}], [])).toThrow('two nominating rounds in era 10')
    })

    it('invalid when a check is invalid (its sentences as reasons), valid when all are, else not judged', () => {
        expect(periodVerdict('a', [reading('commission', 'invalid', 'commission 20 %'), reading('online', 'valid')])).toEqual({
            stash: 'a',
            valid: false,
            invalidReasons: ['commission 20 %'],
        })
        expect(
            periodVerdict('a', [reading('online', 'invalid', 'offline'), reading('commission', 'invalid', 'commission 20 %')])
                ?.invalidReasons,
        ).toEqual(['commission 20 %', 'offline'])
        expect(periodVerdict('a', [reading('online', 'valid'), reading('commission', 'valid')])).toEqual({
            stash: 'a',
            valid: true,
            invalidReasons: [],
        })
        expect(periodVerdict('a', [reading('online', 'valid'), reading('commission', 'unknown')])).toBeNull()
        expect(periodVerdict('a', [])).toBeNull()
    })

    it('judges each target by its readings at its own period end, leaving out the unjudged', () => {
        const spans = periodSpans(rounds, [
            {era: 10, stash: 'a'},
            {era: 10, stash: 'b'},
            {era: 14, stash: 'a'},
        ])
        const at = new Map([
            ['14:a', [reading('commission', 'valid')]],
            ['18:a', [reading('commission', 'invalid', 'commission 20 %')]],
        ])
        expect(judgedPeriods(spans, (era, stash) => at.get(`${era}:${stash}`) ?? [])).toEqual([
            {startEra: 10, endEra: 14, candidates: [{stash: 'a', valid: true, invalidReasons: []}]},
            {startEra: 14, endEra: 18, candidates: [{stash: 'a', valid: false, invalidReasons: ['commission 20 %']}]},
        ])
    })
})
