/**
 * Runs passes one at a time: a pass asked for while one runs is run once after it (asks in the meantime
 * collapse into one, keeping the first trigger), so a burst of new sessions never queues a backlog.
 */
import type {PassTrigger} from './pass'

export class PassQueue {
    private running: Promise<void> | undefined
    private next: PassTrigger | undefined
    private stopped = false

    constructor(private readonly run: (trigger: PassTrigger) => Promise<void>) {}

    request(trigger: PassTrigger): void {
        if (this.stopped) return
        if (this.running) {
            this.next ??= trigger
            return
        }
        this.running = this.loop(trigger)
    }

    private async loop(trigger: PassTrigger): Promise<void> {
        let t: PassTrigger | undefined = trigger
        while (t && !this.stopped) {
            await this.run(t)
            t = this.next
            this.next = undefined
        }
        this.running = undefined
    }

    /** No new pass starts; resolves once the running one is done. */
    async stop(): Promise<void> {
        this.stopped = true
        await this.running
    }
}
