/**
 * Rank as the programme counted it from 2020 to 2024 (1KV §5.2), for programmes that want it: at the end of
 * each nomination period a valid candidate that was active in it gains 1, an invalid one loses ⌊rank/6⌋.
 */
import type {ActiveSetFact} from './active-eras'
import type {PeriodRankEvent} from './rank-event'

export interface NominationPeriod {
    /** The eras the period covered, inclusive: from the programme's last nomination to the era the period ended in. */
    startEra: number
    endEra: number
    /** Every candidate judged at the period's end, with validity's verdict. */
    candidates: readonly PeriodCandidate[]
}

export interface PeriodCandidate {
    stash: string
    valid: boolean
    /** Validity's reasons when invalid. */
    invalidReasons: readonly string[]
}

/** The rank a bad period leaves: rank − ⌊rank/6⌋. */
export function dockedRank(rank: number): number {
    return rank - Math.floor(rank / 6)
}

/**
 * The events of one period, given each stash's rank before it. Valid and active at any era of the period:
 * +1. Invalid: −⌊rank/6⌋ (an event even when that is 0, so the bad period shows). Valid but never active:
 * no change.
 */
export function applyPeriod(
    ranks: ReadonlyMap<string, number>,
    period: NominationPeriod,
    activeSet: readonly ActiveSetFact[],
): PeriodRankEvent[] {
    const {startEra, endEra} = period
    if (!Number.isSafeInteger(startEra) || !Number.isSafeInteger(endEra) || startEra < 0 || endEra < startEra) {
        throw new RangeError(`nomination period [${startEra}, ${endEra}]: expected whole eras with startEra ≤ endEra`)
    }
    const active = new Set(activeSet.filter(f => f.era >= startEra && f.era <= endEra).map(f => f.stash))
    const seen = new Set<string>()
    const events: PeriodRankEvent[] = []
    for (const c of [...period.candidates].sort((a, b) => (a.stash < b.stash ? -1 : a.stash > b.stash ? 1 : 0))) {
        if (seen.has(c.stash)) throw new RangeError(`nomination period [${startEra}, ${endEra}]: candidate ${c.stash} is listed twice`)
        seen.add(c.stash)
        const before = ranks.get(c.stash) ?? 0
        if (!c.valid) {
            const rank = dockedRank(before)
            events.push({
                rule: 'goodPeriods',
                stash: c.stash,
                startEra,
                era: endEra,
                verdict: 'bad',
                change: rank - before,
                rank,
                invalidReasons: [...c.invalidReasons],
            })
        } else if (active.has(c.stash)) {
            events.push({
                rule: 'goodPeriods',
                stash: c.stash,
                startEra,
                era: endEra,
                verdict: 'good',
                change: 1,
                rank: before + 1,
                invalidReasons: [],
            })
        }
    }
    return events
}

/** All periods' events in order of their end, from each stash's rank `before` them (default 0). */
export function countGoodPeriodRanks(
    periods: readonly NominationPeriod[],
    activeSet: readonly ActiveSetFact[],
    before: ReadonlyMap<string, number> = new Map(),
): PeriodRankEvent[] {
    const ranks = new Map(before)
    const events: PeriodRankEvent[] = []
    const ordered = [...periods].sort((a, b) => a.endEra - b.endEra)
    ordered.forEach((p, i) => {
        if (i > 0 && p.endEra === ordered[i - 1].endEra) throw new RangeError(`two nomination periods end in era ${p.endEra}`)
        for (const e of applyPeriod(ranks, p, activeSet)) {
            ranks.set(e.stash, e.rank)
            events.push(e)
        }
    })
    return events
}

/** Each stash's rank after the events (the last event's rank). */
export function periodRanks(events: readonly PeriodRankEvent[]): Map<string, number> {
    const ranks = new Map<string, number>()
    for (const e of [...events].sort((a, b) => a.era - b.era)) ranks.set(e.stash, e.rank)
    return ranks
}
