/**
 * A container health check without curl in the image: `node lib/service/health-probe.js [--graphql|--rpc] <url>`
 * exits 0 when the endpoint answers 2xx within the timeout, 1 otherwise (the reason on stderr). A plain URL is
 * fetched (a service's `/health`); `--graphql` asks `{ __typename }` and `--rpc` a chain node's finalized head,
 * so the check passes only when the server itself answers.
 */

export type ProbeKind = 'http' | 'graphql' | 'rpc'

/** Docker's own check timeout should be longer. */
const PROBE_TIMEOUT_MS = 5000

const BODIES: Record<ProbeKind, string | undefined> = {
    http: undefined,
    graphql: JSON.stringify({query: '{ __typename }'}),
    rpc: JSON.stringify({jsonrpc: '2.0', id: 1, method: 'chain_getFinalizedHead', params: []}),
}

/** Undefined when healthy, else why not. */
export async function probe(url: string, kind: ProbeKind = 'http', timeoutMs = PROBE_TIMEOUT_MS): Promise<string | undefined> {
    const body = BODIES[kind]
    try {
        const res = await fetch(url, {
            signal: AbortSignal.timeout(timeoutMs),
            ...(body ? {method: 'POST', headers: {'content-type': 'application/json'}, body} : {}),
        })
        const text = await res.text()
        if (!res.ok) return `HTTP ${res.status}`
        if (kind === 'rpc' && !/"result"/.test(text)) return 'no JSON-RPC result'
        return undefined
    } catch (e) {
        const err = e as {name?: string; cause?: {code?: string}}
        return err.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : `no answer (${err.cause?.code ?? err.name})`
    }
}

if (require.main === module) {
    const args = process.argv.slice(2)
    const kind: ProbeKind = args[0] === '--graphql' ? 'graphql' : args[0] === '--rpc' ? 'rpc' : 'http'
    const url = kind === 'http' ? args[0] : args[1]
    if (!url) {
        process.stderr.write('usage: node lib/service/health-probe.js [--graphql|--rpc] <url>\n')
        process.exit(2)
    }
    probe(url, kind).then(problem => {
        if (problem) process.stderr.write(`${url}: ${problem}\n`)
        process.exit(problem ? 1 : 0)
    })
}
