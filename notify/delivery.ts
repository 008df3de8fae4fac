/**
 * Decisions about delivering one message (pure, no clock): what an HTTP answer means (sent, retry
 * later, give up), how long to wait before the next attempt, and how long the rate limit holds a send.
 */

export interface DeliverySettings {
    /** Attempts per message, the first included. */
    attempts: number
    /** Wait after the first failed attempt; doubled after each further one. */
    minRetryDelayMs: number
    /** Longest wait between attempts, a server's Retry-After included. */
    maxRetryDelayMs: number
    /** Messages one target sends in any minute, at most. */
    maxPerMinute: number
}

export type Outcome =
    | {kind: 'sent'}
    /** The target may take it later: 429, 5xx, no answer. */
    | {kind: 'retry'; reason: string; retryAfterMs?: number}
    /** The target will not take it as it is (bad token, unknown room, …): retrying cannot help. */
    | {kind: 'failed'; reason: string}

/**
 * @param status the HTTP status
 * @param retryAfterMs from the Retry-After header or a Matrix `retry_after_ms`
 * @param detail what the server said (Matrix `errcode`), never the request
 */
export function classifyAnswer(status: number, retryAfterMs?: number, detail?: string): Outcome {
    if (status >= 200 && status < 300) return {kind: 'sent'}
    const reason = `HTTP ${status}${detail ? ` ${detail}` : ''}`
    if (status === 429 || status === 408 || status >= 500) return {kind: 'retry', reason, retryAfterMs}
    return {kind: 'failed', reason}
}

/** A Retry-After header (seconds, or an HTTP date) in milliseconds from now; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, nowMs: number): number | undefined {
    if (!header) return undefined
    const trimmed = header.trim()
    if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
    const at = Date.parse(trimmed)
    return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs)
}

/**
 * The wait before attempt `failedAttempts + 1`, or undefined when the attempts are used up. Exponential
 * from `minRetryDelayMs`; a longer Retry-After from the server wins; both capped at `maxRetryDelayMs`.
 */
export function retryDelayMs(failedAttempts: number, retryAfterMs: number | undefined, s: DeliverySettings): number | undefined {
    if (failedAttempts >= s.attempts) return undefined
    const backoff = s.minRetryDelayMs * 2 ** (failedAttempts - 1)
    return Math.min(s.maxRetryDelayMs, Math.max(backoff, retryAfterMs ?? 0))
}

const MINUTE_MS = 60_000

/**
 * How long the next send must wait so that no minute holds more than `maxPerMinute` sends.
 * @param sentAtMs the times of the latest sends, oldest first (only the last `maxPerMinute` matter)
 */
export function rateLimitWaitMs(sentAtMs: readonly number[], nowMs: number, maxPerMinute: number): number {
    if (sentAtMs.length < maxPerMinute) return 0
    const oldestInWindow = sentAtMs[sentAtMs.length - maxPerMinute]
    return Math.max(0, oldestInWindow + MINUTE_MS - nowMs)
}
