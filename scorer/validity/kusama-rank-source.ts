/**
 * The Kusama-rank check's adapter: asks the Kusama instance of this backend's REST gateway (config
 * `validity.kusamaRank.url`) `GET /candidate/<kusamaStash>` for each Polkadot candidate's Kusama stash, a few
 * at a time and each with a timeout. Whatever is not a clear answer (no answer, an HTTP error, a 404, an
 * empty body, a body without a numeric rank) is an error fact, which the pure check turns into unknown with
 * the reason: never a silent valid (the old gateway's empty 204 made the old check pass). A Kusama verdict
 * that is unknown, or not yet reached, is unknown here too rather than invalid.
 */
import type {Fact, KusamaRankFacts} from './facts'

export interface KusamaRankSourceOptions {
    /** The Kusama instance's base URL (config validity.kusamaRank.url). */
    url: string
    /** Requests in flight at once. */
    concurrency?: number
    /** A request not answered within this is an error fact. */
    timeoutMs?: number
}

const DEFAULT_CONCURRENCY = 8
const DEFAULT_TIMEOUT_MS = 10_000
/** Where the facts say they came from (evidence cites it). */
export const KUSAMA_RANK_SOURCE = 'Kusama /candidate'

/** The answers for `kusamaStashes` (SS58, Kusama), each with the time it was received; one fact per distinct stash. */
export async function fetchKusamaRanks(
    kusamaStashes: readonly string[],
    opts: KusamaRankSourceOptions,
): Promise<Map<string, Fact<KusamaRankFacts>>> {
    const queue = [...new Set(kusamaStashes)]
    const out = new Map<string, Fact<KusamaRankFacts>>()
    const base = opts.url.replace(/\/+$/, '')
    const worker = async () => {
        for (let stash = queue.shift(); stash !== undefined; stash = queue.shift()) {
            const value = await askOne(`${base}/candidate/${encodeURIComponent(stash)}`, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS)
            out.set(stash, {source: KUSAMA_RANK_SOURCE, atMs: Date.now(), value})
        }
    }
    await Promise.all(Array.from({length: Math.min(opts.concurrency ?? DEFAULT_CONCURRENCY, queue.length)}, worker))
    return out
}

async function askOne(url: string, timeoutMs: number): Promise<KusamaRankFacts> {
    let res: Response
    try {
        res = await fetch(url, {signal: AbortSignal.timeout(timeoutMs), headers: {accept: 'application/json'}})
    } catch (e) {
        const name = (e as Error).name
        if (name === 'TimeoutError' || name === 'AbortError') return {error: `no answer within ${timeoutMs} ms`}
        const cause = (e as {cause?: {code?: string; message?: string}}).cause
        return {error: `the request failed (${cause?.code ?? cause?.message ?? (e as Error).message})`}
    }
    const text = await res.text().catch(() => '')
    if (res.status === 404) return {error: 'the Kusama programme has no such candidate (HTTP 404)'}
    if (res.status !== 200) return {error: `HTTP ${res.status}${res.status === 204 ? ' with an empty body' : ''}`}
    return readAnswer(text)
}

/** A `/candidate/:stash` body (this gateway's CandidateData, or the old 1KV one) as the check's facts. */
export function readAnswer(text: string): KusamaRankFacts {
    let body: unknown
    try {
        body = JSON.parse(text)
    } catch {
        return {error: 'the answer is not JSON'}
    }
    if (typeof body !== 'object' || body === null) return {error: 'the answer is not a candidate document'}
    const {rank, valid, verdict} = body as {rank?: unknown; valid?: unknown; verdict?: unknown}
    if (typeof rank !== 'number' || !Number.isInteger(rank)) return {error: 'the answer has no whole-number rank'}
    // This backend's answer says when the Kusama verdict is not known (its `valid` is false then, as in 1KV).
    if (verdict === 'unknown') return {error: 'its verdict in the Kusama programme is unknown'}
    if (verdict === null) return {error: 'the Kusama programme has not checked it yet'}
    return {rank, valid: typeof valid === 'boolean' ? valid : null}
}
