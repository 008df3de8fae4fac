/**
 * A service's HTTP endpoint for operators: Prometheus metrics at `/metrics` and the dependency health
 * report at `/health` (200 when every dependency answers, 503 otherwise), JSON for anything else.
 */
import http from 'node:http'
import type {Logger} from '@subsquid/logger'
import type {Registry} from 'prom-client'
import {probeHealth, type HealthCheck} from './health'

export interface MetricsServerOptions {
    service: string
    host: string
    port: number
    /** Served one after the other; their metric names must not repeat. */
    registries: readonly Registry[]
    checks: ReadonlyMap<string, HealthCheck>
    log: Logger
}

export interface MetricsServer {
    url: string
    close(): Promise<void>
}

/** Starts listening; a port that is taken costs the endpoint, not the service (it is logged). */
export async function startMetricsServer(o: MetricsServerOptions): Promise<MetricsServer | undefined> {
    const server = http.createServer((req, res) => {
        respond(req, o).then(
            ({status, type, body}) => res.writeHead(status, {'content-type': type}).end(body),
            e =>
                res
                    .writeHead(500, {'content-type': 'application/json'})
                    .end(JSON.stringify({error: e instanceof Error ? e.message : String(e)})),
        )
    })
    const listening = await new Promise<boolean>(resolve => {
        server.once('error', (e: NodeJS.ErrnoException) => {
            o.log.error(`metrics port ${o.port}: cannot listen (${e.code ?? e.message}); running without /metrics and /health`)
            resolve(false)
        })
        server.listen(o.port, o.host, () => resolve(true))
    })
    if (!listening) return undefined
    const url = `http://${o.host}:${o.port}`
    o.log.info(`metrics at ${url}/metrics, health at ${url}/health`)
    return {url, close: () => new Promise(resolve => server.close(() => resolve()))}
}

async function respond(req: http.IncomingMessage, o: MetricsServerOptions): Promise<{status: number; type: string; body: string}> {
    const path = (req.url ?? '/').split('?')[0]
    if (req.method !== 'GET') return {status: 405, type: 'application/json', body: JSON.stringify({error: 'only GET is served'})}
    if (path === '/metrics') {
        const texts = await Promise.all(o.registries.map(r => r.metrics()))
        return {status: 200, type: o.registries[0]?.contentType ?? 'text/plain', body: texts.join('\n')}
    }
    if (path === '/health') {
        const report = await probeHealth(o.service, o.checks)
        return {status: report.status === 'ok' ? 200 : 503, type: 'application/json', body: JSON.stringify(report)}
    }
    return {status: 404, type: 'application/json', body: JSON.stringify({error: `no route ${path}: see /metrics and /health`})}
}
