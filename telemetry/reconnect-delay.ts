/**
 * How long to wait before the next reconnect: exponential from the minimum, capped at the maximum,
 * with "equal jitter" (half fixed, half random) so that many clients do not reconnect in step.
 */
export function reconnectDelayMs(attempt: number, minDelayMs: number, maxDelayMs: number, random01: number): number {
    const ceilingMs = Math.min(maxDelayMs, minDelayMs * 2 ** Math.min(attempt, 30))
    return Math.round(ceilingMs / 2 + (ceilingMs / 2) * random01)
}
