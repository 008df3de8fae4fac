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

/** A reply that is not a genesis hash: asking again will not help. */
export class GenesisReplyError extends Error {}

/**
 * The genesis hash in a `chain_getBlockHash(0)` reply body, or the JSON-RPC error (worth asking again);
 * throws a GenesisReplyError naming the URL when the result is not a 32-byte hash.
 */
export function genesisFromReply(body: unknown, httpUrl: string): {hash: string} | {error: string} {
    const reply = (body && typeof body === 'object' ? body : {}) as {result?: unknown; error?: {message?: unknown}}
    if (reply.error) return {error: `JSON-RPC error: ${String(reply.error.message ?? JSON.stringify(reply.error))}`}
    const hash = reply.result
    if (typeof hash !== 'string' || !/^0x[0-9a-f]{64}$/i.test(hash)) {
        throw new GenesisReplyError(
            `${httpUrl}: chain_getBlockHash(0) returned ${JSON.stringify('result' in reply ? hash : body)}, expected a 32-byte 0x hash`,
        )
    }
    return {hash: hash.toLowerCase()}
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
            if (res.ok) {
                const answer = genesisFromReply(await res.json().catch(() => null), httpUrl)
                if ('hash' in answer) return answer.hash
                reason = answer.error
            } else {
                reason = `HTTP ${res.status}`
            }
        } catch (e: any) {
            if (e instanceof GenesisReplyError) throw e
            // Not listening yet (connection refused) is the usual reason while the devnet starts.
            reason = e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(e)
        }
        if (Date.now() + retryDelayMs > deadline) throw new Error(`${httpUrl}: no genesis hash after ${attempt} attempts (last: ${reason})`)
        opts.onRetry?.(attempt, reason)
        await new Promise(resolve => setTimeout(resolve, retryDelayMs))
    }
}
