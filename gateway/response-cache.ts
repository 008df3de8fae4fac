/**
 * A short-lived cache of computed responses, keyed by request URL: the data behind them changes once per
 * squid batch or scorer pass, so a burst of identical requests costs one database round trip. The clock is
 * passed in, so expiry is tested without waiting.
 */

interface Entry<T> {
    value: T
    expiresAtMs: number
}

export class ResponseCache<T> {
    private readonly entries = new Map<string, Entry<T>>()
    private readonly pending = new Map<string, Promise<T>>()

    constructor(
        readonly ttlMs: number,
        private readonly maxEntries: number,
        private readonly nowMs: () => number = Date.now,
    ) {}

    /** The cached value for `key`, or `compute()`'s; concurrent misses of one key share one computation. */
    async get(key: string, compute: () => Promise<T>): Promise<T> {
        if (this.ttlMs <= 0) return compute()
        const now = this.nowMs()
        const hit = this.entries.get(key)
        if (hit && hit.expiresAtMs > now) return hit.value
        const running = this.pending.get(key)
        if (running) return running
        const p = compute()
            .then(
                value => {
                    this.put(key, value)
                    return value
                },
                // A failure (database away) is never cached: the next request tries again.
            )
            .finally(() => this.pending.delete(key))
        this.pending.set(key, p)
        return p
    }

    private put(key: string, value: T) {
        this.entries.delete(key)
        if (this.entries.size >= this.maxEntries) {
            // Map keeps insertion order: the first key is the oldest.
            const oldest = this.entries.keys().next().value
            if (oldest !== undefined) this.entries.delete(oldest)
        }
        this.entries.set(key, {value, expiresAtMs: this.nowMs() + this.ttlMs})
    }

    get size(): number {
        return this.entries.size
    }
}
