/**
 * A raw substrate-telemetry feed client for tests: it records every frame and its decoded messages.
 */
import WebSocket from 'ws'
import {decodeFeedFrame, type FeedMessage} from '../telemetry/feed-frame'

export interface FeedTestClient {
    ws: WebSocket
    messages: FeedMessage[]
    raw: string[]
    /** Resolves once at least n messages arrived. */
    next(n: number): Promise<void>
}

export async function connectFeed(url: string): Promise<FeedTestClient> {
    const ws = new WebSocket(url)
    const messages: FeedMessage[] = []
    const raw: string[] = []
    ws.on('message', d => {
        raw.push(d.toString())
        try {
            messages.push(...decodeFeedFrame(d.toString()).messages)
        } catch {}
    })
    await new Promise((resolve, reject) => {
        ws.once('open', resolve)
        ws.once('error', reject)
    })
    const next = async (n: number) => {
        while (messages.length < n) await new Promise(r => setTimeout(r, 5))
    }
    return {ws, messages, raw, next}
}
