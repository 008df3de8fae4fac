/**
 * The nominator-stake component's raw value: Σ√(bonded tokens) over a candidate's nominators, leaving out
 * the programme's own nominator accounts (their stake follows the score, it must not feed it).
 */
import {squareRoot} from './distribution'
import {ScoreInputError, type NominatorBondInput} from './score-inputs'

/**
 * In millionths of a √token, each term rounded down: √(planck / 10^decimals) · 10⁶ = √(planck · 10¹² / 10^decimals),
 * an integer square root of an integer (for up to 12 decimals the division is exact).
 */
export function nominatorStakeMicros(
    stash: string,
    nominators: readonly NominatorBondInput[],
    programmeNominators: ReadonlySet<string>,
    tokenDecimals: number,
): bigint {
    if (!Number.isInteger(tokenDecimals) || tokenDecimals < 0)
        throw new RangeError(`tokenDecimals must be a whole number ≥ 0, got ${tokenDecimals}`)
    const scale = 10n ** 12n
    const planckPerToken = 10n ** BigInt(tokenDecimals)
    const seen = new Set<string>()
    let sum = 0n
    for (const {nominator, bondedPlanck} of nominators) {
        if (seen.has(nominator)) throw new ScoreInputError(stash, `nominator ${nominator} is listed twice`)
        seen.add(nominator)
        if (bondedPlanck < 0n) throw new ScoreInputError(stash, `nominator ${nominator} has a negative bond ${bondedPlanck}`)
        if (programmeNominators.has(nominator)) continue
        sum += squareRoot((bondedPlanck * scale) / planckPerToken)
    }
    return sum
}
