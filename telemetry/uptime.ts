/**
 * Uptime of a node over a time window from its intervals: online is its online time while the feed was
 * up; unknown is when the feed was down or the node had not been seen yet; offline is the rest.
 */

/** Half-open span [startMs, endMs). */
export interface Span {
    startMs: number
    endMs: number
}

export interface Uptime {
    onlineMs: number
    offlineMs: number
    unknownMs: number
}

export interface UptimeFacts {
    /** The node's online intervals (open ones end at the time of reading). */
    online: Span[]
    /** The feed connection's intervals for the node's chain. */
    feedUp: Span[]
    /** First time the node was seen; null = never. */
    firstSeenMs: number | null
}

export function uptime(window: Span, facts: UptimeFacts): Uptime {
    const windowMs = Math.max(0, window.endMs - window.startMs)
    if (facts.firstSeenMs === null) return {onlineMs: 0, offlineMs: 0, unknownMs: windowMs}
    const seenWindow = {startMs: Math.max(window.startMs, facts.firstSeenMs), endMs: window.endMs}
    const known = intersect(union(facts.feedUp), [seenWindow])
    const onlineMs = length(intersect(union(facts.online), known))
    const knownMs = length(known)
    return {onlineMs, offlineMs: knownMs - onlineMs, unknownMs: windowMs - knownMs}
}

/** Sorted, non-overlapping, non-empty spans covering the same time. */
export function union(spans: Span[]): Span[] {
    const sorted = spans.filter(s => s.endMs > s.startMs).sort((a, b) => a.startMs - b.startMs)
    const out: Span[] = []
    for (const s of sorted) {
        const last = out[out.length - 1]
        if (last && s.startMs <= last.endMs) last.endMs = Math.max(last.endMs, s.endMs)
        else out.push({...s})
    }
    return out
}

/** Intersection of two unions (each sorted and non-overlapping). */
export function intersect(a: Span[], b: Span[]): Span[] {
    const out: Span[] = []
    let i = 0
    let j = 0
    while (i < a.length && j < b.length) {
        const startMs = Math.max(a[i].startMs, b[j].startMs)
        const endMs = Math.min(a[i].endMs, b[j].endMs)
        if (endMs > startMs) out.push({startMs, endMs})
        if (a[i].endMs < b[j].endMs) i++
        else j++
    }
    return out
}

export function length(spans: Span[]): number {
    return spans.reduce((sum, s) => sum + (s.endMs - s.startMs), 0)
}
