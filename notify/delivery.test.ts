import {describe, expect, it} from 'vitest'
import {classifyAnswer, parseRetryAfter, rateLimitWaitMs, retryDelayMs} from './delivery'

const S = {attempts: 5, minRetryDelayMs: 1000, maxRetryDelayMs: 10_000, maxPerMinute: 3}

describe('delivery decisions', () => {
    it('retries what may pass later (429, 408, 5xx) and gives up on the rest', () => {
        expect(classifyAnswer(200)).toEqual({kind: 'sent'})
        expect(classifyAnswer(429, 500, 'M_LIMIT_EXCEEDED')).toEqual({
            kind: 'retry',
            reason: 'HTTP 429 M_LIMIT_EXCEEDED',
            retryAfterMs: 500,
        })
        expect(classifyAnswer(502).kind).toBe('retry')
        expect(classifyAnswer(408).kind).toBe('retry')
        expect(classifyAnswer(401, undefined, 'M_UNKNOWN_TOKEN')).toEqual({kind: 'failed', reason: 'HTTP 401 M_UNKNOWN_TOKEN'})
        expect(classifyAnswer(400).kind).toBe('failed')
    })

    it('reads Retry-After as seconds or as a date', () => {
        const now = Date.parse('2026-01-01T00:00:00Z')
        expect(parseRetryAfter('7', now)).toBe(7000)
        expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000)
        expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0)
        expect(parseRetryAfter('soon', now)).toBeUndefined()
        expect(parseRetryAfter(null, now)).toBeUndefined()
    })

    it('doubles the wait from the minimum, lets a longer Retry-After win, caps both, and stops after the attempts', () => {
        expect([1, 2, 3, 4].map(n => retryDelayMs(n, undefined, S))).toEqual([1000, 2000, 4000, 8000])
        expect(retryDelayMs(5, undefined, S)).toBeUndefined()
        expect(retryDelayMs(1, 3000, S)).toBe(3000)
        expect(retryDelayMs(3, 100, S)).toBe(4000)
        expect(retryDelayMs(1, 3_600_000, S)).toBe(10_000)
        expect(retryDelayMs(1, undefined, {...S, attempts: 1})).toBeUndefined()
    })

    it('holds a send until the oldest of the last maxPerMinute sends is a minute old', () => {
        expect(rateLimitWaitMs([], 0, 3)).toBe(0)
        expect(rateLimitWaitMs([0, 10], 20, 3)).toBe(0)
        expect(rateLimitWaitMs([0, 10, 20], 30, 3)).toBe(59_970)
        expect(rateLimitWaitMs([0, 10, 20, 30], 40, 3)).toBe(59_970)
        expect(rateLimitWaitMs([0, 10, 20], 60_000, 3)).toBe(0)
    })
})
