/**
 * Faults a test can inject into the devnet's RPC: error replies, latency, dropped connections.
 */
export interface FaultRule {
    /** Only requests of this method; absent = any method. */
    method?: string
    remaining: number
    code: number
    message: string
}

export class Faults {
    /** Delay before each reply, in ms. */
    latencyMs = 0
    private rules: FaultRule[] = []
    /** Set by the server: closes every open WebSocket connection. */
    dropConnections: () => number = () => 0
    /** Set by the server: how many WebSocket connections are open. */
    openConnections: () => number = () => 0

    /** The next `count` requests (of `method`, if given) get a JSON-RPC error instead of their answer. */
    failNext(count: number, options: {method?: string; code?: number; message?: string} = {}): void {
        this.rules.push({
            method: options.method,
            remaining: count,
            code: options.code ?? -32000,
            message: options.message ?? 'devnet injected fault',
        })
    }

    /** The error replies still to come, in the order they apply. */
    pending(): FaultRule[] {
        return this.rules.map(r => ({...r}))
    }

    clear(): void {
        this.rules = []
        this.latencyMs = 0
    }

    /** The fault to answer `method` with, if one applies (consumes it). */
    take(method: string): {code: number; message: string} | undefined {
        const rule = this.rules.find(r => r.remaining > 0 && (!r.method || r.method === method))
        if (!rule) return undefined
        rule.remaining--
        this.rules = this.rules.filter(r => r.remaining > 0)
        return {code: rule.code, message: rule.message}
    }
}
