/**
 * The follower's counters and gauges, and their Prometheus text form: whether the feed is connected,
 * messages processed (total and per second), nodes online, and what was skipped or rejected.
 */

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
        chain, connected: false, frames: 0, messages: 0, messagesPerSecond: 0, malformedFrames: 0, rejectedMessages: 0,
        unknownActions: 0, unknownNodeIds: 0, reconnects: 0, nodesKnown: 0, nodesOnline: 0, flushErrors: 0, locationLookups: 0,
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

export function renderPrometheus(all: FeedMetrics[]): string {
    const lines: string[] = []
    for (const [key, type, help] of SERIES) {
        const name = `telemetry_${key.replace(/[A-Z]/g, c => '_' + c.toLowerCase())}${type === 'counter' ? '_total' : ''}`
        lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`)
        for (const m of all) lines.push(`${name}{chain="${m.chain}"} ${Number(m[key])}`)
    }
    return lines.join('\n') + '\n'
}
