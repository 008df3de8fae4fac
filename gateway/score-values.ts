/**
 * The old ScoreMetadata statistics' `values`, rebuilt from an era's stored scores: the scorer stores each
 * candidate's raw value per component (ScoreSnapshot), not the distribution's value list, and the list follows
 * from those exactly.
 */
import {COMPONENT_RULES, type ComponentName} from '../scorer/score/components'

/**
 * The values a component's distribution was described over, ascending: each scored candidate's raw value, or for
 * the location family one value per distinct city (region, country, provider), its candidate count. A candidate's
 * raw value there is the count of its own city, so a count k held by m candidates stands for m / k cities. Raw
 * values without one (no location known) are not in the distribution.
 */
export function distributionValues(name: ComponentName, raws: readonly (bigint | null)[]): bigint[] {
    const known = raws.filter((r): r is bigint => r !== null)
    const values =
        COMPONENT_RULES[name].distribution === 'candidates'
            ? known
            : [...countBy(known)].flatMap(([count, candidates]) => {
                  if (count <= 0n || candidates % count !== 0n)
                      throw new RangeError(`${name}: ${candidates} candidates with a count of ${count} is not a whole number of places`)
                  return Array.from({length: Number(candidates / count)}, () => count)
              })
    return values.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

function countBy(values: bigint[]): Map<bigint, bigint> {
    const counts = new Map<bigint, bigint>()
    for (const v of values) counts.set(v, (counts.get(v) ?? 0n) + 1n)
    return counts
}
