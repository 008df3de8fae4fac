/**
 * Asks the devnet for its genesis hash (`chain_getBlockHash(0)` over HTTP JSON-RPC), waiting for it to
 * answer: the launcher starts the devnet and the telemetry follower at the same time.
 */

export interface GenesisLookupOptions {
    /** Pause between attempts while the devnet does not answer. */
    retryDelayMs?: number
    /** Give up after this long (default: keep trying). */
    maxWaitMs?: number
    /** Called after each failed attempt, e.g. to log. */
    onRetry?: (attempt: number, reason: string) => void
}

/** The genesis hash from a `chain_getBlockHash` reply body, or an error naming what is wrong with it. */
export function genesisFromReply(body: unknown, httpUrl: string): string {
    const reply = body as {result?: unknown; error?: {message?: unknown}} | null
    if (reply && typeof reply === 'object' && reply.error) {
        throw new Error(`${httpUrl}: chain_getBlockHash(0) failed: ${String(reply.error.message ?? JSON.stringify(reply.error))}`)
    }
    const hash = reply && typeof reply === 'object' ? reply.result : undefined
    if (typeof hash !== 'string' || !/^0x[0-9a-f]{64}$/i.test(hash)) {
        throw new Error(`${httpUrl}: chain_getBlockHash(0) returned ${JSON.stringify(hash)}, expected a 32-byte 0x hash`)
    }
    return hash.toLowerCase()
}

export async function fetchGenesisHash(httpUrl: string, opts: GenesisLookupOptions = {}): Promise<string> {
    const retryDelayMs = opts.retryDelayMs ?? 500
    const deadline = Date.now() + (opts.maxWaitMs ?? Infinity)
    for (let attempt = 1; ; attempt++) {
        let reason: string
        try {
            const res = await fetch(httpUrl, {
                method: 'POST',
                headers: {'content-type': 'application/json'},
                body: JSON.stringify({jsonrpc: '2.0', id: 1, method: 'chain_getBlockHash', params: [0]}),
            })
            if (res.ok) return genesisFromReply(await res.json().catch(() => null), httpUrl)
            reason = `HTTP ${res.status}`
        } catch (e: any) {
            // A wrong answer is final; a devnet that does not listen yet is worth waiting for.
            if (e instanceof Error && e.message.startsWith(httpUrl)) throw e
            reason = e?.cause?.code ?? e?.message ?? String(e)
        }
        if (Date.now() + retryDelayMs > deadline) throw new Error(`${httpUrl}: no genesis hash after ${attempt} attempts (last: ${reason})`)
        opts.onRetry?.(attempt, reason)
        await new Promise(resolve => setTimeout(resolve, retryDelayMs))
    }
}
