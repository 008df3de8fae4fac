import {createLogger} from '@subsquid/logger'
import {Counter, Registry} from 'prom-client'
import {afterEach, describe, expect, it} from 'vitest'
import {freePort} from '../db/embedded'
import type {HealthCheck} from './health'
import {startMetricsServer, type MetricsServer} from './metrics-server'

const log = createLogger('test:metrics-server')
let server: MetricsServer | undefined

afterEach(async () => {
    await server?.close()
    server = undefined
})

async function serve(registries: Registry[], checks: Record<string, HealthCheck>): Promise<string> {
    server = await startMetricsServer({
        service: 'scorer',
        host: '127.0.0.1',
        port: await freePort(),
        registries,
        checks: new Map(Object.entries(checks)),
        log,
    })
    return server!.url
}

describe('a service endpoint for operators', () => {
    it('serves the metrics of every registry it was given', async () => {
        const own = new Registry()
        const sdk = new Registry()
        new Counter({name: 'scorer_passes_total', help: 'passes', registers: [own]}).inc(3)
        new Counter({name: 'sqd_processor_last_block', help: 'last block', registers: [sdk]}).inc(42)
        const res = await fetch(`${await serve([own, sdk], {})}/metrics`)
        expect(res.status).toBe(200)
        const text = await res.text()
        expect(text).toMatch(/^scorer_passes_total 3$/m)
        expect(text).toMatch(/^sqd_processor_last_block 42$/m)
    })

    it('reports 200 while every dependency answers and 503 naming the one that does not', async () => {
        let databaseUp = true
        const url = await serve([new Registry()], {
            database: async () => {
                if (!databaseUp) throw new Error('connect ECONNREFUSED 127.0.0.1:5432')
            },
            feed: async () => undefined,
        })
        const up = await fetch(`${url}/health`)
        expect(up.status).toBe(200)
        expect(await up.json()).toEqual({status: 'ok', service: 'scorer', dependencies: {database: {ok: true}, feed: {ok: true}}})
        databaseUp = false
        const down = await fetch(`${url}/health`)
        expect(down.status).toBe(503)
        expect(await down.json()).toEqual({
            status: 'failing',
            service: 'scorer',
            dependencies: {database: {ok: false, error: 'connect ECONNREFUSED 127.0.0.1:5432'}, feed: {ok: true}},
        })
    })

    it('counts a dependency that never answers as down', async () => {
        const url = await serve([new Registry()], {rpc: () => new Promise<void>(() => undefined)})
        const res = await fetch(`${url}/health`)
        expect(res.status).toBe(503)
        expect((await res.json()).dependencies.rpc).toEqual({ok: false, error: 'no answer within 2000 ms'})
    })

    it('answers other paths with a JSON 404', async () => {
        const res = await fetch(`${await serve([new Registry()], {})}/debug`)
        expect(res.status).toBe(404)
        expect(res.headers.get('content-type')).toBe('application/json')
        expect(await res.json()).toEqual({error: 'no route /debug: see /metrics and /health'})
    })

    it('a taken port costs the endpoint, not the service', async () => {
        const url = await serve([new Registry()], {})
        const port = Number(new URL(url).port)
        const second = await startMetricsServer({service: 'gateway', host: '127.0.0.1', port, registries: [], checks: new Map(), log})
        expect(second).toBeUndefined()
    })
})
