/**
 * The old API's display units, converted at the edge only: balances in tokens (planck / 10^decimals, a JSON
 * float), commissions in percent (perbill / 10^7), times in ms. New fields keep planck as decimal strings.
 */

/** Planck as tokens, exact to the float nearest the decimal value (no division error on large balances). */
export function planckToTokens(planck: bigint, decimals: number): number {
    if (decimals === 0) return Number(planck)
    const negative = planck < 0n
    const abs = negative ? -planck : planck
    const unit = 10n ** BigInt(decimals)
    const text = `${abs / unit}.${(abs % unit).toString().padStart(decimals, '0')}`
    return (negative ? -1 : 1) * Number(text)
}

/** Perbill as the old percent float: 50_000_000 → 5, 1 → 1e-7. */
export function perbillToPercent(perbill: number): number {
    return perbill / 10_000_000
}

/** A timestamp column as ms since 1970, 0 when absent (the old API's "never"). */
export function msOrZero(date: Date | null | undefined): number {
    return date ? date.getTime() : 0
}
