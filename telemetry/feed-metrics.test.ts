import {Registry} from 'prom-client'
import {describe, expect, it} from 'vitest'
import {emptyMetrics, registerFeedMetrics} from './feed-metrics'

describe('registerFeedMetrics', () => {
    it('serves connected, messages/s and nodes online per chain, counters with _total, as scraped', async () => {
        const a = {...emptyMetrics('0xaa'), connected: true, messages: 1200, messagesPerSecond: 40, nodesOnline: 17, malformedFrames: 2}
        const b = emptyMetrics('0xbb')
        const registry = new Registry()
        registerFeedMetrics(registry, () => [a, b])
        const text = await registry.metrics()
        expect(text).toContain(
            '# TYPE telemetry_connected gauge\ntelemetry_connected{chain="0xaa"} 1\ntelemetry_connected{chain="0xbb"} 0\n',
        )
        expect(text).toContain('telemetry_messages_total{chain="0xaa"} 1200\n')
        expect(text).toContain('# TYPE telemetry_messages_per_second gauge\ntelemetry_messages_per_second{chain="0xaa"} 40\n')
        expect(text).toContain('telemetry_nodes_online{chain="0xaa"} 17\n')
        expect(text).toContain('telemetry_malformed_frames_total{chain="0xaa"} 2\n')
        expect(text.split('\n').filter(l => l.startsWith('# TYPE')).length).toBe(13)
        // A later scrape shows the counters as they are then, not added up.
        a.messages = 1500
        expect(await registry.metrics()).toContain('telemetry_messages_total{chain="0xaa"} 1500\n')
    })
})
