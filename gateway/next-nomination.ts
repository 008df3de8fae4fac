/**
 * The old `/lastnomination` `nextNomination` (ms): when the programme's next round is due. The old backend
 * added a fixed day to the last round; a round here is due once the last one is `nominator.roundEveryEras` eras
 * old, so it is the start of that era: as indexed once it has begun, else projected from the newest era's start
 * with the mean length of the recent complete eras.
 */

export interface EraTimes {
    index: number
    startMs: number | null
    endMs: number | null
}

/** 0 when nothing can be said: no round yet, or no era start and complete era to project from. */
export function nextNominationMs(lastRoundEra: number | null, roundEveryEras: number, eras: readonly EraTimes[]): number {
    if (lastRoundEra === null) return 0
    const due = lastRoundEra + roundEveryEras
    const dueEra = eras.find(e => e.index === due && e.startMs !== null)
    if (dueEra) return dueEra.startMs as number
    const lengths = eras.flatMap(e => (e.startMs !== null && e.endMs !== null ? [e.endMs - e.startMs] : []))
    const newest = eras
        .filter(e => e.startMs !== null && e.index < due)
        .reduce<EraTimes | null>((a, e) => (a === null || e.index > a.index ? e : a), null)
    if (newest === null || lengths.length === 0) return 0
    const meanLengthMs = lengths.reduce((a, b) => a + b, 0) / lengths.length
    return Math.round((newest.startMs as number) + (due - newest.index) * meanLengthMs)
}
