/**
 * The container health check as Docker runs it: the compiled probe as a command, whose exit code is
 * the verdict, against a service's /health, a devnet node and a GraphQL-like server.
 */
import {spawn} from 'node:child_process'
import http from 'node:http'
import path from 'node:path'
import {createLogger} from '@subsquid/logger'
import {Registry} from 'prom-client'
import {afterAll, describe, expect, it} from 'vitest'
import {PROJECT_DIR} from '../config/project-dir'
import {freePort} from '../db/embedded'
import {startDevnet} from '../devnet'
import {startMetricsServer} from './metrics-server'

const PROBE = path.join(PROJECT_DIR, 'lib/service/health-probe.js')
const cleanups: (() => Promise<unknown>)[] = []
afterAll(async () => {
    for (const c of cleanups.reverse()) await c()
})

function runProbe(...args: string[]): Promise<{code: number | null; stderr: string}> {
    return new Promise(resolve => {
        const child = spawn(process.execPath, [PROBE, ...args], {stdio: ['ignore', 'ignore', 'pipe']})
        let stderr = ''
        child.stderr.on('data', d => (stderr += d))
        child.on('exit', code => resolve({code, stderr}))
    })
}

describe('health probe', () => {
    it("passes while a service's /health is 200 and fails, saying why, when it is 503 or nothing listens", async () => {
        let up = true
        const port = await freePort()
        const server = await startMetricsServer({
            service: 'telemetry',
            host: '127.0.0.1',
            port,
            registries: [new Registry()],
            log: createLogger('test:probe'),
            checks: new Map([
                [
                    'feed',
                    async () => {
                        if (!up) throw new Error('not connected')
                    },
                ],
            ]),
        })
        cleanups.push(() => server!.close())
        expect(await runProbe(`http://127.0.0.1:${port}/health`)).toEqual({code: 0, stderr: ''})
        up = false
        expect(await runProbe(`http://127.0.0.1:${port}/health`)).toEqual({code: 1, stderr: `http://127.0.0.1:${port}/health: HTTP 503\n`})
        const closed = await freePort()
        expect(await runProbe(`http://127.0.0.1:${closed}/health`)).toEqual({
            code: 1,
            stderr: `http://127.0.0.1:${closed}/health: no answer (ECONNREFUSED)\n`,
        })
        expect((await runProbe()).code).toBe(2)
    })

    it('--rpc passes when a chain node gives its finalized head (a GET is refused by the devnet)', async () => {
        const devnet = await startDevnet({scenario: 'legacy', seed: 1, port: 0, blockTimeMs: 0})
        cleanups.push(() => devnet.stop())
        expect(await runProbe('--rpc', devnet.httpUrl)).toEqual({code: 0, stderr: ''})
        expect((await runProbe(devnet.httpUrl)).code).toBe(1)
    })

    it('--graphql passes only when the server answers a query', async () => {
        const server = http.createServer((req, res) => {
            let body = ''
            req.on('data', d => (body += d))
            req.on('end', () => {
                const ok = req.method === 'POST' && JSON.parse(body || '{}').query === '{ __typename }'
                res.writeHead(ok ? 200 : 400, {'content-type': 'application/json'}).end(
                    JSON.stringify(ok ? {data: {__typename: 'Query'}} : {errors: []}),
                )
            })
        })
        await new Promise<void>(resolve => server.listen(0, '127.0.0.1', () => resolve()))
        cleanups.push(() => new Promise(resolve => server.close(resolve)))
        const url = `http://127.0.0.1:${(server.address() as {port: number}).port}/graphql`
        expect(await runProbe('--graphql', url)).toEqual({code: 0, stderr: ''})
        expect(await runProbe(url)).toEqual({code: 1, stderr: `${url}: HTTP 400\n`})
    })
})
