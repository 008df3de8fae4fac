import {afterEach, describe, expect, it} from 'vitest'
import {Secret} from '../config/secret'
import type {NotifyEvent} from './events'
import {Notifier, type NotifierSettings} from './notifier'
import {matrixSendPath, matrixTarget, webhookTarget, type WebhookBody} from './targets'
import {MatrixLikeServer, RecordingLog, ScriptedServer, stopServers} from '../test/vitest/notify-servers'

const TOKEN = 'syt_c2VjcmV0LXRva2Vu_SECRETxTOKENx42'
const ROOM = '!programme:matrix.example'
const FAST: NotifierSettings = {
    maxPerMinute: 100,
    maxQueued: 50,
    attempts: 4,
    minRetryDelayMs: 10,
    maxRetryDelayMs: 200,
    requestTimeoutMs: 5000,
}

const stalled: NotifyEvent = {
    kind: 'squidStalled',
    chain: 'relay',
    indexedHeight: 17,
    finalizedHeight: 40,
    waitedMs: 300_000,
    blockingQuery: 'INSERT INTO "account" … ON CONFLICT DO NOTHING',
}
const era = (n: number): NotifyEvent => ({kind: 'roundDecided', era: n, inputHash: '0x' + '12'.repeat(32), dryRun: false, accounts: []})

const notifiers: Notifier[] = []

afterEach(async () => {
    for (const n of notifiers.splice(0)) n.close()
    await stopServers()
})

function notifier(
    targets: ConstructorParameters<typeof Notifier>[1],
    settings: Partial<NotifierSettings> = {},
    log = new RecordingLog(),
): Notifier {
    const n = new Notifier('kusama', targets, {...FAST, ...settings}, log)
    notifiers.push(n)
    return n
}

const matrix = (server: ScriptedServer, token = TOKEN) =>
    matrixTarget({homeserverUrl: server.url + '/', roomId: ROOM, accessToken: new Secret(token, 'env MATRIX_TOKEN')}, FAST.requestTimeoutMs)

describe('webhook target', () => {
    it('POSTs each event as JSON: its data, the rendered sentence, and an id that is also the idempotency key', async () => {
        const hook = await new ScriptedServer().start()
        const n = notifier([webhookTarget(new Secret(hook.url + '/hooks/notify', 'config'), FAST.requestTimeoutMs)])
        n.notify(stalled)
        expect(await n.flush(10_000)).toBe(0)
        expect(hook.requests).toHaveLength(1)
        const [r] = hook.requests
        expect([r.method, r.url, r.headers['content-type']]).toEqual(['POST', '/hooks/notify', 'application/json'])
        const body = JSON.parse(r.body) as WebhookBody
        expect(body.event).toEqual(stalled)
        expect(body.network).toBe('kusama')
        expect(body.text).toContain('[kusama] The relay processor stalled at block 17 (finalized head 40)')
        expect(r.headers['idempotency-key']).toBe(body.id)
    })

    it('retries a 500 and a 429 with back-off, honouring Retry-After, with the same id on every attempt', async () => {
        const hook = await new ScriptedServer().start()
        hook.answer({status: 500}, {status: 429, headers: {'retry-after': '0'}}, {status: 503})
        const log = new RecordingLog()
        const n = notifier([webhookTarget(new Secret(hook.url, 'config'), FAST.requestTimeoutMs)], {}, log)
        n.notify(era(7))
        expect(await n.flush(10_000)).toBe(0)
        expect(hook.requests).toHaveLength(4)
        expect(new Set(hook.requests.map(r => JSON.parse(r.body).id)).size).toBe(1)
        // Doubling from 10 ms: 10, 20, 40.
        expect(log.lines).toEqual([
            expect.stringMatching(/failed \(HTTP 500\); attempt 2 of 4 in 10 ms$/),
            expect.stringMatching(/failed \(HTTP 429\); attempt 3 of 4 in 20 ms$/),
            expect.stringMatching(/failed \(HTTP 503\); attempt 4 of 4 in 40 ms$/),
        ])
    })

    it("waits as long as a 429's Retry-After asks, up to maxRetryDelayMs", async () => {
        const hook = await new ScriptedServer().start()
        hook.answer({status: 429, headers: {'retry-after': '1'}})
        const log = new RecordingLog()
        const n = notifier([webhookTarget(new Secret(hook.url, 'config'), FAST.requestTimeoutMs)], {maxRetryDelayMs: 2000}, log)
        n.notify(era(1))
        expect(await n.flush(20_000)).toBe(0)
        expect(hook.requests).toHaveLength(2)
        expect(log.lines).toEqual([expect.stringMatching(/failed \(HTTP 429\); attempt 2 of 4 in 1000 ms$/)])
    })

    it('gives a message up after its attempts, and goes on with the next one', async () => {
        const hook = await new ScriptedServer().start()
        hook.answer({status: 500}, {status: 500}, {status: 500})
        const log = new RecordingLog()
        const n = notifier([webhookTarget(new Secret(hook.url, 'config'), FAST.requestTimeoutMs)], {attempts: 3}, log)
        n.notify(era(1))
        n.notify(era(2))
        expect(await n.flush(10_000)).toBe(0)
        expect(hook.requests.map(r => JSON.parse(r.body).event.era)).toEqual([1, 1, 1, 2])
        expect(log.lines.at(-1)).toMatch(
            /^error notification \(roundDecided\) to webhook http:\/\/127\.0\.0\.1:\d+ failed 3 times \(last: HTTP 500\); given up$/,
        )
    })

    it('does not retry an answer that says the request itself is wrong (4xx other than 429)', async () => {
        const hook = await new ScriptedServer().start()
        hook.answer({status: 404})
        const log = new RecordingLog()
        const n = notifier([webhookTarget(new Secret(hook.url, 'config'), FAST.requestTimeoutMs)], {}, log)
        n.notify(era(1))
        expect(await n.flush(10_000)).toBe(0)
        expect(hook.requests).toHaveLength(1)
        expect(log.lines).toEqual([expect.stringMatching(/refused: HTTP 404; not retried$/)])
    })
})

describe('matrix target', () => {
    it('PUTs an m.text message with its HTML to the room, authorised by the bearer token', async () => {
        const hs = await new MatrixLikeServer(ROOM, TOKEN).start()
        const n = notifier([matrix(hs)])
        n.notify({
            kind: 'candidateInvalid',
            candidate: {stash: 'HNZata7iMYWmk5RvZRTiAsSDhV8366zq2YGb3tLH5Upf74F', name: 'A & <B>'},
            checks: [{check: 'commission', sentence: "commission 20 % is above the programme's 15 %"}],
        })
        expect(await n.flush(10_000)).toBe(0)
        expect(hs.requests.map(r => r.method)).toEqual(['PUT'])
        expect(hs.room).toHaveLength(1)
        const {content, txnId} = hs.room[0]
        expect(hs.requests[0].url).toBe(matrixSendPath(ROOM, txnId))
        expect(hs.requests[0].url).toContain('/rooms/!programme%3Amatrix.example/send/m.room.message/')
        expect(content).toEqual({
            msgtype: 'm.text',
            format: 'org.matrix.custom.html',
            body: "[kusama] A & <B> (HNZata7iMYWmk5RvZRTiAsSDhV8366zq2YGb3tLH5Upf74F) turned invalid\n- commission: commission 20 % is above the programme's 15 %",
            formatted_body:
                "<b>[kusama] A &amp; &lt;B&gt; (HNZata7iMYWmk5RvZRTiAsSDhV8366zq2YGb3tLH5Upf74F) turned invalid</b><ul><li>commission: commission 20 % is above the programme's 15 %</li></ul>",
        })
    })

    it('retries with the same txnId when the answer is lost, so the room shows the message once', async () => {
        const hs = await new MatrixLikeServer(ROOM, TOKEN).start()
        // The homeserver stores the event, then the connection drops before the answer arrives.
        hs.answer('drop')
        const n = notifier([matrix(hs)])
        n.notify(stalled)
        expect(await n.flush(10_000)).toBe(0)
        expect(hs.requests).toHaveLength(2)
        expect(hs.requests[0].url).toBe(hs.requests[1].url)
        expect(hs.room).toHaveLength(1)
        // The next message is another event.
        n.notify(stalled)
        expect(await n.flush(10_000)).toBe(0)
        expect(hs.room).toHaveLength(2)
        expect(hs.room[0].txnId).not.toBe(hs.room[1].txnId)
    })

    it('a repeated txnId is the same event on the homeserver', async () => {
        const hs = await new MatrixLikeServer(ROOM, TOKEN).start()
        const target = matrix(hs)
        const message = {id: 'txn-1', network: 'kusama', event: stalled, text: 't', html: 'h'}
        expect(await target.send(message)).toEqual({kind: 'sent'})
        expect(await target.send(message)).toEqual({kind: 'sent'})
        expect(hs.requests).toHaveLength(2)
        expect(hs.room).toHaveLength(1)
    })

    it("waits as M_LIMIT_EXCEEDED's retry_after_ms asks", async () => {
        const hs = await new MatrixLikeServer(ROOM, TOKEN).start()
        hs.answer({status: 429, json: {errcode: 'M_LIMIT_EXCEEDED', error: 'Too many requests', retry_after_ms: 150}})
        const log = new RecordingLog()
        const n = notifier([matrix(hs)], {}, log)
        n.notify(era(3))
        expect(await n.flush(10_000)).toBe(0)
        expect(hs.room).toHaveLength(1)
        expect(log.lines).toEqual([
            expect.stringMatching(
                /to matrix room !programme:matrix\.example on http:\/\/127\.0\.0\.1:\d+ failed \(HTTP 429 M_LIMIT_EXCEEDED\); attempt 2 of 4 in 150 ms$/,
            ),
        ])
    })

    it("a refused token is not retried, and is named by the homeserver's errcode only", async () => {
        const hs = await new MatrixLikeServer(ROOM, TOKEN).start()
        const log = new RecordingLog()
        const n = notifier([matrix(hs, 'syt_wrong_token_0123456789')], {}, log)
        n.notify(era(3))
        expect(await n.flush(10_000)).toBe(0)
        expect(hs.requests).toHaveLength(1)
        expect(log.lines).toEqual([expect.stringMatching(/refused: HTTP 401 M_UNKNOWN_TOKEN; not retried$/)])
        expect(log.lines.join('\n')).not.toContain('syt_wrong_token')
    })
})

describe('notifier', () => {
    it('never holds up the caller: notify returns while a target hangs, and a full queue drops its oldest waiting message', async () => {
        const hook = await new ScriptedServer().start()
        hook.answer('hang')
        const log = new RecordingLog()
        const n = notifier([webhookTarget(new Secret(hook.url, 'config'), FAST.requestTimeoutMs)], {maxQueued: 2}, log)
        for (let i = 1; i <= 5; i++) n.notify(era(i))
        // All five calls have returned; the first is in flight, 4 and 5 wait, 2 and 3 were dropped.
        expect(log.lines.filter(l => l.includes('is full (2): dropped the oldest message (roundDecided)'))).toHaveLength(2)
        while (hook.requests.length === 0) await new Promise(resolve => setTimeout(resolve, 10))
        hook.release()
        expect(await n.flush(10_000)).toBe(0)
        expect(hook.requests.map(r => JSON.parse(r.body).event.era)).toEqual([1, 4, 5])
    })

    it('sends at most maxPerMinute messages a minute; flush gives up waiting after its timeout and says how many are left', async () => {
        const hook = await new ScriptedServer().start()
        const n = notifier([webhookTarget(new Secret(hook.url, 'config'), FAST.requestTimeoutMs)], {maxPerMinute: 2})
        for (let i = 1; i <= 3; i++) n.notify(era(i))
        expect(await n.flush(3000)).toBe(1)
        expect(hook.requests.map(r => JSON.parse(r.body).event.era)).toEqual([1, 2])
    })

    it('delivers to each target independently: a failing webhook does not hold up the Matrix room', async () => {
        const hook = await new ScriptedServer().start()
        hook.answer('hang')
        const hs = await new MatrixLikeServer(ROOM, TOKEN).start()
        const n = notifier([webhookTarget(new Secret(hook.url, 'config'), FAST.requestTimeoutMs), matrix(hs)])
        n.notify(era(1))
        n.notify(era(2))
        while (hs.room.length < 2) await new Promise(resolve => setTimeout(resolve, 10))
        expect(hook.requests).toHaveLength(1)
    })

    it('with no target configured, drops events quietly', async () => {
        const n = notifier([])
        expect(n.enabled).toBe(false)
        n.notify(stalled)
        expect(await n.flush(1000)).toBe(0)
    })

    it("never shows a secret: the token and a webhook URL's key stay out of messages, log lines and errors", async () => {
        const hs = await new MatrixLikeServer(ROOM, TOKEN).start()
        hs.answer({status: 500}, 'drop')
        const closed = await new ScriptedServer().start()
        const deadUrl = `${closed.url}/hooks/T0123ABCD/B0456EFGH/${TOKEN}`
        await closed.stop()
        const log = new RecordingLog()
        const n = notifier([matrix(hs), webhookTarget(new Secret(deadUrl, 'env HOOK_URL'), FAST.requestTimeoutMs)], {attempts: 3}, log)
        // An error quoting an RPC URL with an API key in it.
        n.notify({
            kind: 'nominatorFailed',
            account: 'nominator-1',
            era: 12,
            error: `RPC wss://rpc.example/ws/${TOKEN}/ refused the connection`,
        })
        expect(await n.flush(10_000)).toBe(0)
        expect(hs.room).toHaveLength(1)
        expect(log.lines).toHaveLength(5)
        expect(log.lines.join('\n')).toContain(`webhook ${closed.url} failed (no answer (ECONNREFUSED))`)
        const shown = [...log.lines, ...hs.requests.map(r => r.body), JSON.stringify(hs.room)].join('\n')
        expect(shown).not.toContain(TOKEN)
        expect(shown).not.toContain('SECRETxTOKEN')
        expect(shown).not.toContain('T0123ABCD')
        expect(hs.room[0].content.body).toContain('RPC wss://rpc.example/ws/***/ refused the connection')
    })
})
