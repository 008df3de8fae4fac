/**
 * Sends events to the configured targets without ever holding up the caller: `notify` renders the
 * message and queues it per target (bounded: when full, the oldest waiting message is dropped), and each
 * target delivers its queue in order, rate-limited, retrying with exponential back-off. `flush` waits
 * for the queues to empty, for a process that is about to exit.
 */
import {randomUUID} from 'node:crypto'
import {ConfigError, configFile, loadConfig, type Config} from '../config/load'
import {rateLimitWaitMs, retryDelayMs, type DeliverySettings} from './delivery'
import type {NotifyEvent} from './events'
import {renderEvent} from './render'
import {matrixTarget, webhookTarget, type Message, type Target} from './targets'

/** Where delivery problems are reported (a service's logger). */
export interface NotifyLog {
    warn(msg: string): void
    error(msg: string): void
}

export interface NotifierSettings extends DeliverySettings {
    /** Messages waiting per target. */
    maxQueued: number
}

export class Notifier {
    private queues: TargetQueue[]

    /** @param network prefixed to every message (the config's `network`) */
    constructor(
        private network: string,
        targets: Target[],
        settings: NotifierSettings,
        log: NotifyLog,
    ) {
        this.queues = targets.map(t => new TargetQueue(t, settings, log))
    }

    /** True when at least one target is configured. */
    get enabled(): boolean {
        return this.queues.length > 0
    }

    /** Queues the event for every target and returns at once. */
    notify(event: NotifyEvent): void {
        if (!this.queues.length) return
        const message: Message = {id: randomUUID(), network: this.network, event, ...renderEvent(this.network, event)}
        for (const q of this.queues) q.push(message)
    }

    /**
     * Waits until every queued message is delivered or given up, or `timeoutMs` has passed.
     * @returns how many messages were still waiting or in flight then
     */
    async flush(timeoutMs: number): Promise<number> {
        let timer: NodeJS.Timeout | undefined
        const timeout = new Promise<void>(resolve => {
            timer = setTimeout(resolve, timeoutMs)
        })
        await Promise.race([Promise.all(this.queues.map(q => q.idle())), timeout])
        clearTimeout(timer)
        return this.queues.reduce((n, q) => n + q.pending, 0)
    }

    /** Stops delivering; what is still queued is dropped. */
    close(): void {
        for (const q of this.queues) q.close()
    }
}

/** One target's queue and the loop that delivers it. */
class TargetQueue {
    private waiting: Message[] = []
    private inFlight = false
    private running = false
    private closed = false
    private sentAtMs: number[] = []
    private idleWaiters: (() => void)[] = []
    private wake?: () => void

    constructor(
        private target: Target,
        private s: NotifierSettings,
        private log: NotifyLog,
    ) {}

    get pending(): number {
        return this.waiting.length + (this.inFlight ? 1 : 0)
    }

    push(m: Message): void {
        if (this.closed) return
        if (this.waiting.length >= this.s.maxQueued) {
            const dropped = this.waiting.shift()!
            this.log.warn(
                `notification queue of ${this.target.label} is full (${this.s.maxQueued}): dropped the oldest message (${dropped.event.kind})`,
            )
        }
        this.waiting.push(m)
        if (!this.running) void this.run()
    }

    idle(): Promise<void> {
        return this.pending === 0 ? Promise.resolve() : new Promise(resolve => this.idleWaiters.push(resolve))
    }

    close(): void {
        this.closed = true
        this.waiting = []
        this.wake?.()
    }

    private async run(): Promise<void> {
        this.running = true
        while (!this.closed && this.waiting.length) {
            const m = this.waiting.shift()!
            this.inFlight = true
            await this.deliver(m)
            this.inFlight = false
        }
        this.running = false
        for (const resolve of this.idleWaiters.splice(0)) resolve()
    }

    private async deliver(m: Message): Promise<void> {
        for (let failed = 0; !this.closed; ) {
            await this.sleep(rateLimitWaitMs(this.sentAtMs, Date.now(), this.s.maxPerMinute))
            if (this.closed) return
            this.sentAtMs = [...this.sentAtMs.slice(-(this.s.maxPerMinute - 1)), Date.now()]
            const outcome = await this.target.send(m)
            if (outcome.kind === 'sent') return
            if (outcome.kind === 'failed') {
                this.log.error(`notification (${m.event.kind}) to ${this.target.label} refused: ${outcome.reason}; not retried`)
                return
            }
            failed++
            const delayMs = retryDelayMs(failed, outcome.retryAfterMs, this.s)
            if (delayMs === undefined) {
                this.log.error(
                    `notification (${m.event.kind}) to ${this.target.label} failed ${failed} times (last: ${outcome.reason}); given up`,
                )
                return
            }
            this.log.warn(
                `notification (${m.event.kind}) to ${this.target.label} failed (${outcome.reason}); attempt ${failed + 1} of ${this.s.attempts} in ${delayMs} ms`,
            )
            await this.sleep(delayMs)
        }
    }

    /** A wait that `close` cuts short and that never keeps the process alive by itself. */
    private sleep(ms: number): Promise<void> {
        if (ms <= 0) return Promise.resolve()
        return new Promise(resolve => {
            const timer = setTimeout(done, ms)
            timer.unref()
            function done() {
                clearTimeout(timer)
                resolve()
            }
            this.wake = done
        })
    }
}

/** The notifier the config's `notify` section describes (no targets: every event is dropped quietly). */
export function createNotifier(cfg: Pick<Config, 'network' | 'notify'>, log: NotifyLog): Notifier {
    const n = cfg.notify
    const targets: Target[] = []
    if (n.webhook) targets.push(webhookTarget(n.webhook.url, n.requestTimeoutMs))
    if (n.matrix) targets.push(matrixTarget(n.matrix, n.requestTimeoutMs))
    return new Notifier(cfg.network, targets, n, log)
}

/**
 * For a process the service runner does not start (a chain processor): the notifier of the config named
 * by `CONFIG`. A config that does not load costs the notifications, not the indexing: it is logged.
 */
export function notifierFromEnv(env: Record<string, string | undefined>, log: NotifyLog): Notifier {
    try {
        return createNotifier(loadConfig(configFile(env), env, {secrets: ['notify']}), log)
    } catch (e) {
        if (!(e instanceof ConfigError)) throw e
        log.warn(`notifications off: ${e.message}`)
        return new Notifier('', [], {maxPerMinute: 1, maxQueued: 1, attempts: 1, minRetryDelayMs: 0, maxRetryDelayMs: 0}, log)
    }
}
