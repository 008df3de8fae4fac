/**
 * A change of rank and why, so a candidate can see their rank's history era by era instead of one
 * number: under either rule (config `score.rankRule`) a rank is the sum of its events.
 */

export type RankRule = 'activeEras' | 'goodPeriods'

/** Rule activeEras: the identity group had a stash in the active set in this era, +1. */
export interface ActiveEraRankEvent {
    rule: 'activeEras'
    /** The identity group: the root account (Identity.root) of its stashes, 0x hex; a stash without identity is its own group. */
    identityGroup: string
    era: number
    /** The group's stashes in the era's active set, sorted. */
    activeStashes: string[]
    change: 1
    /** The group's rank after this era. */
    rank: number
}

/** Rule goodPeriods: a nomination period ended; +1 when the candidate was valid and active, −⌊rank/6⌋ when invalid. */
export interface PeriodRankEvent {
    rule: 'goodPeriods'
    stash: string
    /** The period's eras, [startEra, endEra]; the event belongs to endEra. */
    startEra: number
    era: number
    verdict: 'good' | 'bad'
    change: number
    rank: number
    /** What made the period bad (validity's reasons); empty for a good one. */
    invalidReasons: string[]
}

export type RankEvent = ActiveEraRankEvent | PeriodRankEvent
