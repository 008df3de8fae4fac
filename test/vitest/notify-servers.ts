/**
 * Local HTTP servers speaking the notification targets' protocols, for tests: a scripted webhook receiver
 * that records every request, and a Matrix homeserver's send endpoint. `stopServers` after each test.
 */
import http from 'node:http'
import type {AddressInfo} from 'node:net'
import type {WebhookBody} from '../../notify/targets'

export interface Recorded {
    method: string
    url: string
    headers: http.IncomingHttpHeaders
    body: string
}

/** What the server does with one request: answer it (status, headers, JSON body), handle it and drop the connection unanswered, or hold it. */
export type Answer = {status: number; headers?: Record<string, string>; json?: unknown} | 'drop' | 'hang'

/** A local HTTP server that records every request and answers from a script (then 200). */
export class ScriptedServer {
    readonly requests: Recorded[] = []
    private script: Answer[] = []
    private hanging: http.ServerResponse[] = []
    private server: http.Server
    url = ''

    constructor(private handle?: (r: Recorded) => {status: number; json: unknown} | undefined) {
        this.server = http.createServer((req, res) => {
            let body = ''
            req.on('data', d => (body += d))
            req.on('end', () => {
                const r = {method: req.method!, url: req.url!, headers: req.headers, body}
                this.requests.push(r)
                const answer = this.script.shift()
                if (answer === 'hang') return void this.hanging.push(res)
                const a = (answer === 'drop' ? undefined : answer) ?? this.handle?.(r) ?? {status: 200, json: {}}
                // The server has done its work; the answer is lost.
                if (answer === 'drop') return void req.socket.destroy()
                res.writeHead(a.status, {'content-type': 'application/json', ...('headers' in a ? a.headers : {})}).end(
                    JSON.stringify(a.json ?? {}),
                )
            })
        })
    }

    async start(): Promise<this> {
        await new Promise<void>(resolve => this.server.listen(0, '127.0.0.1', () => resolve()))
        this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
        servers.push(this)
        return this
    }

    /** The JSON bodies POSTed to it, as a webhook receives them. */
    get messages(): WebhookBody[] {
        return this.requests.filter(r => r.method === 'POST').map(r => JSON.parse(r.body) as WebhookBody)
    }

    answer(...answers: Answer[]): this {
        this.script.push(...answers)
        return this
    }

    release(): void {
        for (const res of this.hanging.splice(0)) res.writeHead(200).end('{}')
    }

    stop(): Promise<void> {
        this.release()
        this.server.closeAllConnections()
        return new Promise(resolve => this.server.close(() => resolve()))
    }
}

/**
 * A Matrix homeserver's send endpoint, as far as a bot uses it: PUT only, the room's path, a bearer
 * token, a m.room.message body; a repeated txnId is the same event (the spec's idempotency).
 */
export class MatrixLikeServer extends ScriptedServer {
    readonly room: {txnId: string; eventId: string; content: {msgtype: string; body: string; format: string; formatted_body: string}}[] = []

    /** @param roomId the one room it has, @param token the one access token it accepts */
    constructor(roomId: string, token: string) {
        super(r => {
            const m = /^\/_matrix\/client\/v3\/rooms\/([^/]+)\/send\/m\.room\.message\/([^/]+)$/.exec(r.url)
            if (!m) return {status: 404, json: {errcode: 'M_UNRECOGNIZED'}}
            if (r.method !== 'PUT') return {status: 405, json: {errcode: 'M_UNRECOGNIZED'}}
            if (r.headers.authorization !== `Bearer ${token}`)
                return {status: 401, json: {errcode: 'M_UNKNOWN_TOKEN', error: 'Invalid access token passed.'}}
            if (decodeURIComponent(m[1]) !== roomId) return {status: 403, json: {errcode: 'M_FORBIDDEN'}}
            const txnId = decodeURIComponent(m[2])
            const seen = this.room.find(e => e.txnId === txnId)
            if (seen) return {status: 200, json: {event_id: seen.eventId}}
            const eventId = `$event${this.room.length}`
            this.room.push({txnId, eventId, content: JSON.parse(r.body)})
            return {status: 200, json: {event_id: eventId}}
        })
    }
}

const servers: ScriptedServer[] = []

/** Stops every server started since the last call. */
export async function stopServers(): Promise<void> {
    await Promise.all(servers.splice(0).map(s => s.stop()))
}

/** A notifier's log, kept as lines (`warn …`, `error …`). */
export class RecordingLog {
    readonly lines: string[] = []
    warn(msg: string) {
        this.lines.push('warn ' + msg)
    }
    error(msg: string) {
        this.lines.push('error ' + msg)
    }
}
