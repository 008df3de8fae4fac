/**
 * How numbers read in a result's sentence: grouped integers, perbill as a percentage, planck as tokens,
 * durations and UTC times. Only sentences use these; evidence keeps the raw units.
 */

export function formatInt(n: number | bigint): string {
    return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** 150_000_000 → "15 %", 25_000_000 → "2.5 %", 50_000_001 → "5.0000001 %": exact, never rounded. */
export function formatPerbill(perbill: number): string {
    const whole = Math.floor(perbill / 10_000_000)
    const fraction = String(perbill % 10_000_000).padStart(7, '0')
    return `${trimDecimals(`${whole}.${fraction}`)} %`
}

export interface Token {
    symbol: string
    decimals: number
}

/** 10_000_000_000_000n planck of a 12-decimal token → "10 KSM"; never rounded. */
export function formatPlanck(planck: bigint, token: Token): string {
    const unit = 10n ** BigInt(token.decimals)
    const whole = planck / unit
    const fraction = (planck % unit).toString().padStart(token.decimals, '0')
    return `${formatInt(whole)}${token.decimals > 0 ? trimDecimals('.' + fraction) : ''} ${token.symbol}`
}

/** 57_600_000 → "16 h", 12_096_000 → "3 h 21 min 36 s", 604_800_000 → "7 days". */
export function formatDuration(ms: number): string {
    if (ms < 1000) return `${ms} ms`
    const parts: string[] = []
    let s = Math.floor(ms / 1000)
    const days = Math.floor(s / 86_400)
    s -= days * 86_400
    const hours = Math.floor(s / 3600)
    s -= hours * 3600
    const minutes = Math.floor(s / 60)
    s -= minutes * 60
    if (days) parts.push(days === 1 ? '1 day' : `${days} days`)
    if (hours) parts.push(`${hours} h`)
    if (minutes) parts.push(`${minutes} min`)
    if (s) parts.push(`${s} s`)
    return parts.join(' ')
}

/** "2024-11-15 10:00 UTC" (seconds only when not zero). */
export function formatTime(ms: number): string {
    const iso = new Date(ms).toISOString()
    const seconds = iso.slice(17, 19)
    return `${iso.slice(0, 10)} ${iso.slice(11, 16)}${seconds === '00' ? '' : ':' + seconds} UTC`
}

function trimDecimals(s: string): string {
    return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s
}
