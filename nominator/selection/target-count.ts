/**
 * How many targets one account nominates: enough to lift the lowest-backed elected validators with its bond
 * (the old backend's `autoNumNominations`), in planck, with no floating point.
 */

const PERBILL = 1_000_000_000n
/** The lowest exposures are skipped: those validators sit at the edge of the set and say little about its floor. */
const SKIPPED_LOWEST = 5
/** The count is raised by 5 %, rounded up. */
const RAISE_NUM = 105n
const RAISE_DEN = 100n

export interface BalanceBuffer {
    /** Share of the bond kept back. */
    perbill: number
    /** Kept back at least this much. */
    minPlanck: bigint
}

export interface TargetCountLimits {
    balanceBuffer: BalanceBuffer
    /** The chain's `MaxNominations`. */
    maxNominations: number
    /** The config's `nominator.maxTargets`. */
    maxTargets: number
}

/** The count and every quantity it came from, so a round record can show its working. */
export interface TargetCount {
    count: number
    bondedPlanck: bigint
    bufferedPlanck: bigint
    /** How many of the elected (after the 5 lowest) the buffered bond could cover on its own. */
    liftable: number
    /** liftable × 1.05, rounded up, before the caps. */
    raised: number
    /** Which limit set the count: 'lift' (none did), 'chain', 'config' or 'floor' (the minimum of 1). */
    limitedBy: 'lift' | 'chain' | 'config' | 'floor'
}

/**
 * `bondedPlanck` is the account's bonded (active) balance; `electedExposuresPlanck` the exposure totals of the
 * elected set, in any order.
 */
export function targetCount(bondedPlanck: bigint, electedExposuresPlanck: readonly bigint[], limits: TargetCountLimits): TargetCount {
    const buffer = max((bondedPlanck * BigInt(limits.balanceBuffer.perbill)) / PERBILL, limits.balanceBuffer.minPlanck)
    const bufferedPlanck = max(bondedPlanck - buffer, 0n)
    const sorted = electedExposuresPlanck.filter(e => e > 0n).sort(compareBigint)
    let liftable = 0
    let sumPlanck = 0n
    for (let i = SKIPPED_LOWEST; i < sorted.length && sumPlanck + sorted[i] < bufferedPlanck; i++) {
        sumPlanck += sorted[i]
        liftable++
    }
    const raised = Number((BigInt(liftable) * RAISE_NUM + RAISE_DEN - 1n) / RAISE_DEN)
    let count = raised
    let limitedBy: TargetCount['limitedBy'] = 'lift'
    if (count > limits.maxNominations) {
        count = limits.maxNominations
        limitedBy = 'chain'
    }
    if (count > limits.maxTargets) {
        count = limits.maxTargets
        limitedBy = 'config'
    }
    if (count < 1) {
        count = 1
        limitedBy = 'floor'
    }
    return {count, bondedPlanck, bufferedPlanck, liftable, raised, limitedBy}
}

export function compareBigint(a: bigint, b: bigint): number {
    return a < b ? -1 : a > b ? 1 : 0
}

function max(a: bigint, b: bigint): bigint {
    return a > b ? a : b
}
