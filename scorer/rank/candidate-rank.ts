/**
 * The rank a candidate is scored with under the configured rule (`score.rankRule`): its identity
 * group's active eras, or its own good-period count.
 */
import {activeErasRankOf, type ActiveEraRankState, type IdentityGroups} from './active-eras'

export type RankStanding =
    | {rule: 'activeEras'; groups: IdentityGroups; state: ActiveEraRankState}
    | {rule: 'goodPeriods'; ranks: ReadonlyMap<string, number>}

export function candidateRank(stash: string, standing: RankStanding): number {
    return standing.rule === 'activeEras' ? activeErasRankOf(stash, standing.groups, standing.state) : (standing.ranks.get(stash) ?? 0)
}
