/**
 * The nomination periods the goodPeriods rank rule counts, from the nominator's records: a period runs from a
 * round whose nomination of a target landed (finalized) to the programme's next round, and the target is judged
 * by validity's check readings as they stood when that next round was made (1KV ended a period in the next round).
 */
import type {NominationPeriod, PeriodCandidate} from './good-periods'

/** A round that nominates for real (not a dry run): its era and when it was made. */
export interface RoundFact {
    era: number
    atMs: number
}

/** A target (stash hex) of a nomination that landed in a finalized block, by its round's era. */
export interface LandedTarget {
    era: number
    stash: string
}

/** A period before its targets are judged: the end is the next round, `endAtMs` when it was made. */
export interface PeriodSpan {
    startEra: number
    endEra: number
    endAtMs: number
    /** The targets nominated at the start, sorted, each once (several accounts may nominate one stash). */
    targets: string[]
}

/** One check's stored status at a moment (the latest ValidityChange of the check until then). */
export interface CheckReading {
    check: string
    status: 'valid' | 'invalid' | 'unknown'
    sentence: string
}

/** The periods that have ended: each round with a landed target and a later round, in order of era. */
export function periodSpans(rounds: readonly RoundFact[], landed: readonly LandedTarget[]): PeriodSpan[] {
    const ordered = [...rounds].sort((a, b) => a.era - b.era)
    const targets = new Map<number, Set<string>>()
    for (const t of landed) {
        const set = targets.get(t.era) ?? new Set<string>()
        targets.set(t.era, set)
        set.add(t.stash)
    }
    const spans: PeriodSpan[] = []
    for (let i = 0; i + 1 < ordered.length; i++) {
        const [start, end] = [ordered[i], ordered[i + 1]]
        if (start.era === end.era) throw new RangeError(`two nominating rounds in era ${start.era}`)
        const nominated = targets.get(start.era)
        if (nominated?.size) spans.push({startEra: start.era, endEra: end.era, endAtMs: end.atMs, targets: [...nominated].sort()})
    }
    return spans
}

/**
 * A candidate's verdict from its checks' readings: invalid when one is invalid (the reasons are their sentences,
 * in check order), valid when all are valid, and null (not judged) otherwise, as when it has no reading at all.
 */
export function periodVerdict(stash: string, readings: readonly CheckReading[]): PeriodCandidate | null {
    if (readings.length === 0) return null
    const invalid = [...readings].filter(r => r.status === 'invalid').sort((a, b) => (a.check < b.check ? -1 : a.check > b.check ? 1 : 0))
    if (invalid.length > 0) return {stash, valid: false, invalidReasons: invalid.map(r => r.sentence)}
    return readings.every(r => r.status === 'valid') ? {stash, valid: true, invalidReasons: []} : null
}

/** The spans as periods, each target judged by its readings at the span's end (`readings(endEra, stash)`). */
export function judgedPeriods(
    spans: readonly PeriodSpan[],
    readings: (endEra: number, stash: string) => readonly CheckReading[],
): NominationPeriod[] {
    return spans.map(s => ({
        startEra: s.startEra,
        endEra: s.endEra,
        candidates: s.targets.map(t => periodVerdict(t, readings(s.endEra, t))).filter((c): c is PeriodCandidate => c !== null),
    }))
}
