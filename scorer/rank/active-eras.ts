/**
 * Rank as the programme counts it since 2024 (1KV §5.1): the number of eras in which any stash of the
 * candidate's identity group was in the active set, as one event per (group, era) so the history shows.
 */
import type {ActiveEraRankEvent} from './rank-event'

/** A stash in an era's active (elected) set: EraValidator.active. */
export interface ActiveSetFact {
    era: number
    stash: string
}

/** stash → identity group (Identity.root); a stash missing from the map is its own group. */
export type IdentityGroups = ReadonlyMap<string, string>

export function identityGroupOf(stash: string, groups: IdentityGroups): string {
    return groups.get(stash) ?? stash
}

/** Every group's rank events from the whole history: the backfill. Ordered by group, then era. */
export function countActiveEraRanks(facts: readonly ActiveSetFact[], groups: IdentityGroups): ActiveEraRankEvent[] {
    return extendActiveEraRanks({throughEra: null, ranks: new Map()}, facts, groups)
}

/** Where a count stands: the last era counted, and every group's rank then. */
export interface ActiveEraRankState {
    throughEra: number | null
    ranks: ReadonlyMap<string, number>
}

export function rankState(events: readonly ActiveEraRankEvent[], throughEra: number | null): ActiveEraRankState {
    const ranks = new Map<string, number>()
    for (const e of events) {
        if (throughEra === null || e.era > throughEra)
            throw new RangeError(`rank event of ${e.identityGroup} in era ${e.era} is after the era counted through (${throughEra})`)
        ranks.set(e.identityGroup, Math.max(ranks.get(e.identityGroup) ?? 0, e.rank))
    }
    return {throughEra, ranks}
}

/**
 * The events of eras after `previous.throughEra`. With the same identity groups, counting the history in
 * two steps gives the same events as counting it at once. A stash that later leaves its group keeps the
 * eras already counted for the group (events are history); a full recount would move them with it.
 */
export function extendActiveEraRanks(
    previous: ActiveEraRankState,
    facts: readonly ActiveSetFact[],
    groups: IdentityGroups,
): ActiveEraRankEvent[] {
    const byGroup = new Map<string, Map<number, Set<string>>>()
    for (const f of facts) {
        if (!Number.isSafeInteger(f.era) || f.era < 0)
            throw new RangeError(`active-set fact of ${f.stash}: era must be a whole number ≥ 0, got ${f.era}`)
        if (previous.throughEra !== null && f.era <= previous.throughEra) {
            throw new RangeError(`active-set fact of ${f.stash} in era ${f.era}: eras up to ${previous.throughEra} are already counted`)
        }
        const group = identityGroupOf(f.stash, groups)
        const eras = byGroup.get(group) ?? new Map<number, Set<string>>()
        byGroup.set(group, eras)
        const stashes = eras.get(f.era) ?? new Set<string>()
        eras.set(f.era, stashes)
        stashes.add(f.stash)
    }
    const events: ActiveEraRankEvent[] = []
    for (const group of [...byGroup.keys()].sort()) {
        const eras = byGroup.get(group) as Map<number, Set<string>>
        let rank = previous.ranks.get(group) ?? 0
        for (const era of [...eras.keys()].sort((a, b) => a - b)) {
            rank += 1
            events.push({
                rule: 'activeEras',
                identityGroup: group,
                era,
                activeStashes: [...(eras.get(era) as Set<string>)].sort(),
                change: 1,
                rank,
            })
        }
    }
    return events
}

/** A candidate's rank: its identity group's. */
export function activeErasRankOf(stash: string, groups: IdentityGroups, state: ActiveEraRankState): number {
    return state.ranks.get(identityGroupOf(stash, groups)) ?? 0
}
