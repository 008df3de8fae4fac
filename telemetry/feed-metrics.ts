/**
 * The follower's counters and gauges, and their Prometheus series: whether the feed is connected,
 * messages processed (total and per second), nodes online, and what was skipped or rejected.
 */
import {Counter, Gauge, type Registry} from 'prom-client'

export interface FeedMetrics {
    chain: string
    connected: boolean
    frames: number
    messages: number
    messagesPerSecond: number
    malformedFrames: number
    rejectedMessages: number
    unknownActions: number
    unknownNodeIds: number
    reconnects: number
    nodesKnown: number
    nodesOnline: number
    flushErrors: number
    locationLookups: number
}

export function emptyMetrics(chain: string): FeedMetrics {
    return {
        chain,
        connected: false,
        frames: 0,
        messages: 0,
        messagesPerSecond: 0,
        malformedFrames: 0,
        rejectedMessages: 0,
        unknownActions: 0,
        unknownNodeIds: 0,
        reconnects: 0,
        nodesKnown: 0,
        nodesOnline: 0,
        flushErrors: 0,
        locationLookups: 0,
    }
}

const SERIES: [keyof FeedMetrics, 'gauge' | 'counter', string][] = [
    ['connected', 'gauge', 'Feed connection up (1) or down (0)'],
    ['frames', 'counter', 'Frames received'],
    ['messages', 'counter', 'Feed messages decoded and processed'],
    ['messagesPerSecond', 'gauge', 'Messages processed per second over the last flush period'],
    ['malformedFrames', 'counter', 'Frames rejected whole (not JSON or not action/payload pairs)'],
    ['rejectedMessages', 'counter', 'Messages of a known action with a bad payload, skipped'],
    ['unknownActions', 'counter', 'Messages of an action this decoder does not know, skipped'],
    ['unknownNodeIds', 'counter', 'Messages about a feed node id never added'],
    ['reconnects', 'counter', 'Reconnects to the feed'],
    ['nodesKnown', 'gauge', 'Telemetry names known for the chain'],
    ['nodesOnline', 'gauge', 'Telemetry names online'],
    ['flushErrors', 'counter', 'Failed writes to Postgres (retried)'],
    ['locationLookups', 'counter', 'IP location lookups done'],
]

/**
 * Registers every series on a prom-client registry, read from the followers' metrics when scraped
 * (the follower keeps plain counters; prom-client only renders them).
 */
export function registerFeedMetrics(registry: Registry, current: () => FeedMetrics[]): void {
    for (const [key, type, help] of SERIES) {
        const name = `telemetry_${key.replace(/[A-Z]/g, c => '_' + c.toLowerCase())}${type === 'counter' ? '_total' : ''}`
        if (type === 'gauge') {
            new Gauge({
                name,
                help,
                labelNames: ['chain'],
                registers: [registry],
                collect() {
                    for (const m of current()) this.set({chain: m.chain}, Number(m[key]))
                },
            })
        } else {
            new Counter({
                name,
                help,
                labelNames: ['chain'],
                registers: [registry],
                collect() {
                    this.reset()
                    for (const m of current()) this.inc({chain: m.chain}, Number(m[key]))
                },
            })
        }
    }
}
