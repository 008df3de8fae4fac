/**
 * Where messages go, over HTTP: a generic webhook (the message as a JSON POST) and a Matrix room (the
 * client-server API). A target answers each attempt with an `Outcome`; the secrets it holds (the access
 * token, a webhook URL with a key in it) never appear in its label or in an outcome's reason.
 */
import type {Secret} from '../config/secret'
import {classifyAnswer, parseRetryAfter, type Outcome} from './delivery'
import type {NotifyEvent} from './events'

export interface Message {
    /** Unique per message, the same on every attempt: the receiver's idempotency key (Matrix txnId). */
    id: string
    network: string
    event: NotifyEvent
    text: string
    html: string
}

export interface Target {
    /** For logs: what and where, never a secret. */
    readonly label: string
    send(message: Message): Promise<Outcome>
}

/** The JSON POSTed to a webhook. */
export interface WebhookBody {
    id: string
    network: string
    event: NotifyEvent
    text: string
    html: string
}

export function webhookTarget(url: Secret, requestTimeoutMs: number): Target {
    return {
        label: `webhook ${new URL(url.reveal()).origin}`,
        async send(m) {
            const body: WebhookBody = {id: m.id, network: m.network, event: m.event, text: m.text, html: m.html}
            return attempt(requestTimeoutMs, () =>
                fetch(url.reveal(), {
                    method: 'POST',
                    headers: {'content-type': 'application/json', 'idempotency-key': m.id},
                    body: JSON.stringify(body),
                    signal: AbortSignal.timeout(requestTimeoutMs),
                }),
            )
        },
    }
}

export interface MatrixSettings {
    homeserverUrl: string
    roomId: string
    accessToken: Secret
}

/** The path of `PUT /_matrix/client/v3/rooms/{roomId}/send/m.room.message/{txnId}`. */
export function matrixSendPath(roomId: string, txnId: string): string {
    return `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.room.message/${encodeURIComponent(txnId)}`
}

export function matrixTarget(s: MatrixSettings, requestTimeoutMs: number): Target {
    const base = s.homeserverUrl.replace(/\/+$/, '')
    return {
        label: `matrix room ${s.roomId} on ${new URL(base).origin}`,
        async send(m) {
            // The txnId is the message's id: a retry after a lost answer is the same event to the homeserver.
            return attempt(requestTimeoutMs, () =>
                fetch(base + matrixSendPath(s.roomId, m.id), {
                    method: 'PUT',
                    headers: {'content-type': 'application/json', authorization: `Bearer ${s.accessToken.reveal()}`},
                    body: JSON.stringify({msgtype: 'm.text', body: m.text, format: 'org.matrix.custom.html', formatted_body: m.html}),
                    signal: AbortSignal.timeout(requestTimeoutMs),
                }),
            )
        },
    }
}

/** One request; the answer classified, a failure to get one described without the request. */
async function attempt(requestTimeoutMs: number, request: () => Promise<Response>): Promise<Outcome> {
    let res: Response
    try {
        res = await request()
    } catch (e) {
        return {kind: 'retry', reason: networkFailure(e, requestTimeoutMs)}
    }
    if (res.ok) {
        await res.body?.cancel()
        return classifyAnswer(res.status)
    }
    // Matrix says why (errcode) and, when rate-limited, how long to wait (retry_after_ms).
    let errcode: string | undefined
    let retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), Date.now())
    try {
        const json = (await res.json()) as {errcode?: unknown; retry_after_ms?: unknown}
        if (typeof json.errcode === 'string' && /^[A-Z_]{1,40}$/.test(json.errcode)) errcode = json.errcode
        if (retryAfterMs === undefined && typeof json.retry_after_ms === 'number') retryAfterMs = json.retry_after_ms
    } catch {
        // Not JSON: the status says enough.
    }
    return classifyAnswer(res.status, retryAfterMs, errcode)
}

/** Why no answer came: the error code only (fetch's errors can quote the request). */
function networkFailure(e: unknown, requestTimeoutMs: number): string {
    const err = e as {name?: string; cause?: {code?: string}}
    if (err?.name === 'TimeoutError' || err?.name === 'AbortError') return `no answer within ${requestTimeoutMs} ms`
    return `no answer (${err?.cause?.code ?? err?.name ?? 'network error'})`
}
