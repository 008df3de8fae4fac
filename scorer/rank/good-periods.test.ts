import {describe, expect, it} from 'vitest'
import type {ActiveSetFact} from './active-eras'
import {candidateRank} from './candidate-rank'
import {applyPeriod, countGoodPeriodRanks, dockedRank, periodRanks} from './good-periods'

const facts = (stash: string, eras: number[]): ActiveSetFact[] => eras.map(era => ({era, stash}))

describe('rank by good nomination periods (1KV §5.2)', () => {
    const active = [...facts('good', [1, 2, 5]), ...facts('bad', [1, 2]), ...facts('idle', [])]

    it('+1 for valid and active, −⌊rank/6⌋ for invalid, nothing for valid but never active', () => {
        const periods = [
            {
                startEra: 1,
                endEra: 2,
                candidates: [
                    {stash: 'good', valid: true, invalidReasons: []},
                    {stash: 'bad', valid: true, invalidReasons: []},
                    {stash: 'idle', valid: true, invalidReasons: []},
                ],
            },
            {startEra: 3, endEra: 4, candidates: [{stash: 'good', valid: true, invalidReasons: []}]}, // not active in 3..4
            {
                startEra: 5,
                endEra: 6,
                candidates: [
                    {stash: 'good', valid: true, invalidReasons: []},
                    {stash: 'bad', valid: false, invalidReasons: ['commission 20 % above 15 %']},
                ],
            },
        ]
        expect(countGoodPeriodRanks(periods, active)).toEqual([
            {rule: 'goodPeriods', stash: 'bad', startEra: 1, era: 2, verdict: 'good', change: 1, rank: 1, invalidReasons: []},
            {rule: 'goodPeriods', stash: 'good', startEra: 1, era: 2, verdict: 'good', change: 1, rank: 1, invalidReasons: []},
            // bad: rank 1 − ⌊1/6⌋ = 1, shown although nothing changed
            {
                rule: 'goodPeriods',
                stash: 'bad',
                startEra: 5,
                era: 6,
                verdict: 'bad',
                change: 0,
                rank: 1,
                invalidReasons: ['commission 20 % above 15 %'],
            },
            {rule: 'goodPeriods', stash: 'good', startEra: 5, era: 6, verdict: 'good', change: 1, rank: 2, invalidReasons: []},
        ])
    })

    it('docking: rank − ⌊rank/6⌋', () => {
        expect([0, 5, 6, 12, 100].map(dockedRank)).toEqual([0, 5, 5, 10, 84])
        const events = applyPeriod(
            new Map([['v', 100]]),
            {startEra: 9, endEra: 9, candidates: [{stash: 'v', valid: false, invalidReasons: ['offline']}]},
            [],
        )
        expect(events).toMatchObject([{change: -16, rank: 84}])
        expect(candidateRank('v', {rule: 'goodPeriods', ranks: periodRanks(events)})).toBe(84)
    })

    it('refuses a candidate listed twice in a period, and two periods ending in one era', () => {
        const p = {
            startEra: 1,
            endEra: 2,
            candidates: [
                {stash: 'v', valid: true, invalidReasons: []},
                {stash: 'v', valid: true, invalidReasons: []},
            ],
        }
        expect(() => applyPeriod(new Map(), p, [])).toThrow('nomination period [1, 2]: candidate v is listed twice')
        expect(() =>
            countGoodPeriodRanks(
                [
                    {startEra: 1, endEra: 2, candidates: []},
                    {startEra: 2, endEra: 2, candidates: []},
                ],
                [],
            ),
        ).toThrow('two nomination periods end in era 2')
    })

    it('counting the periods in two steps, the second from the ranks the first left, gives the events of one count', () => {
        const period = (endEra: number, valid: boolean) => ({
            startEra: endEra - 1,
            endEra,
            candidates: [{stash: 'v', valid, invalidReasons: valid ? [] : ['offline']}],
        })
        const periods = [...Array.from({length: 8}, (_, i) => period(2 * i + 2, true)), period(18, false), period(20, true)]
        const active = facts(
            'v',
            Array.from({length: 20}, (_, i) => i + 1),
        )
        const once = countGoodPeriodRanks(periods, active)
        const first = countGoodPeriodRanks(periods.slice(0, 7), active)
        const second = countGoodPeriodRanks(periods.slice(7), active, periodRanks(first))
        expect([...first, ...second]).toEqual(once)
        expect(once.map(e => e.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 7, 8])
    })
})
