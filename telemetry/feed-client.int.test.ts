import {afterEach, describe, expect, it} from 'vitest'
import {syntheticNodes} from '../devnet/telemetry/feed-encoding'
import {startTelemetryFeed, type TelemetryFeed} from '../devnet/telemetry/feed-server'
import {waitFor} from '../test/vitest/wait-for'
import {FeedClient} from './feed-client'

const open: {stop(): Promise<void>}[] = []
afterEach(async () => {
    for (const o of open.splice(0).reverse()) await o.stop()
})

/** Long enough that a loaded machine's late pong is not taken for silence, short enough to wait for twice. */
const SILENCE_MS = 1000

function recordingClient(url: string, chain: string) {
    const events: string[] = []
    const client = new FeedClient(
        {url, reconnectMinDelayMs: 10, reconnectMaxDelayMs: 80, silenceTimeoutMs: SILENCE_MS},
        {
            frame: text => events.push(text.startsWith('[13,') ? 'subscribed' : text.startsWith('[15,') ? 'pong' : 'frame'),
            opened: () => events.push('opened'),
            closed: reason => events.push(`closed: ${reason}`),
        },
    )
    client.subscribe(chain)
    open.push(client)
    return {client, events}
}

describe('FeedClient', () => {
    it('keeps redialling a feed that is gone (the old client gave up after 5 tries) and resubscribes when it is back', async () => {
        let feed: TelemetryFeed = await startTelemetryFeed({port: 0, nodes: syntheticNodes(2)})
        const port = Number(new URL(feed.url).port)
        const {client, events} = recordingClient(feed.url, feed.chain.genesisHash)
        client.start()
        await waitFor('subscribed', () => events.includes('subscribed'))
        await feed.stop()
        await waitFor('8 failed redials', () => client.reconnects >= 8)
        expect(client.connected).toBe(false)
        feed = await startTelemetryFeed({port, nodes: syntheticNodes(2)})
        open.unshift(feed)
        expect(Number(new URL(feed.url).port)).toBe(port)
        await waitFor('subscribed again', () => events.filter(e => e === 'subscribed').length === 2)
        expect(client.connected).toBe(true)
        expect(feed.stats()).toMatchObject({subscribers: 1, subscribeRequests: 1})
    })

    it('pings a quiet feed (pongs keep it alive) and drops a silent one', async () => {
        const feed = await startTelemetryFeed({port: 0, nodes: []})
        open.push(feed)
        const {client, events} = recordingClient(feed.url, feed.chain.genesisHash)
        client.start()
        await waitFor('three pongs', () => events.filter(e => e === 'pong').length >= 3)
        expect(events.some(e => e.startsWith('closed'))).toBe(false)
        feed.stall()
        await waitFor('dropped for silence', () =>
            events.some(e => new RegExp(`^closed: silent for \\d+ ms \\(limit ${SILENCE_MS} ms\\)$`).test(e)),
        )
        feed.resume()
        const seen = events.length
        // Whether the redial's subscription got through is the follower's watchdog's concern; the link is back.
        await waitFor('answering again', () => client.connected && events.slice(seen).includes('pong'))
    })
})
