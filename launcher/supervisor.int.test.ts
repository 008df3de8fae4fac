import fs from 'fs'
import net from 'net'
import os from 'os'
import path from 'path'
import {createLogger} from '@subsquid/logger'
import {afterAll, describe, expect, it} from 'vitest'
import {waitFor} from '../test/vitest/wait-for'
import {freePort} from '../db/embedded'
import {PortInUseError} from './port-check'
import {Supervisor} from './supervisor'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'supervisor-'))
afterAll(() => fs.rmSync(dir, {recursive: true, force: true}))

function script(name: string, body: string): string {
    const file = path.join(dir, name)
    fs.writeFileSync(file, body)
    return file
}

/** Holds the port on 127.0.0.1 as another process (another devnet) would. */
async function holdPort(port: number): Promise<net.Server> {
    const server = net.createServer()
    await new Promise<void>(resolve => server.listen(port, '127.0.0.1', () => resolve()))
    return server
}

describe('supervisor', () => {
    it('prefixes every line of every service with its name, restarts a service that exits, and stops all on request', async () => {
        const counter = path.join(dir, 'starts')
        const lines: string[] = []
        const sup = new Supervisor(createLogger('test:supervisor'), {...process.env, GREETING: 'hello'}, l => lines.push(l))
        await sup.start([
            {
                name: 'talker',
                script: script(
                    'talker.js',
                    `console.log(process.env.GREETING + ' ' + process.env.EXTRA); console.error('on stderr'); setInterval(() => {}, 1000)`,
                ),
                env: {EXTRA: 'world'},
            },
            {
                name: 'crasher',
                script: script(
                    'crasher.js',
                    `require('fs').appendFileSync(${JSON.stringify(counter)}, 'x'); console.log('up'); process.exit(3)`,
                ),
            },
        ])
        try {
            await waitFor(
                'talker output',
                () => lines.includes('talker  | hello world') && lines.includes('talker  | on stderr'),
                undefined,
                10_000,
            )
            await waitFor(
                'a restart of the crashing service',
                () => fs.existsSync(counter) && fs.readFileSync(counter, 'utf8').length >= 2,
                undefined,
                10_000,
            )
            expect(lines).toContain('crasher | up')
        } finally {
            await sup.stop()
        }
        const starts = fs.readFileSync(counter, 'utf8').length
        await new Promise(r => setTimeout(r, 2500))
        expect(fs.readFileSync(counter, 'utf8').length).toBe(starts)
    })

    it("keeps the variables withheld from a service (other services' secrets) out of its environment, and passes the rest", async () => {
        const lines: string[] = []
        const env = {...process.env, NOMINATOR_SEED: 'bottom drive obey', MATRIX_TOKEN: 'syt_token'}
        const sup = new Supervisor(createLogger('test:supervisor'), env, l => lines.push(l))
        const show = script(
            'show-env.js',
            `console.log(JSON.stringify([process.env.NOMINATOR_SEED ?? null, process.env.MATRIX_TOKEN ?? null])); setInterval(() => {}, 1000)`,
        )
        await sup.start([
            {name: 'scorer', script: show, withheldEnv: ['NOMINATOR_SEED']},
            {name: 'gateway', script: show, withheldEnv: ['NOMINATOR_SEED', 'MATRIX_TOKEN']},
            {name: 'nominator', script: show, withheldEnv: []},
        ])
        try {
            await waitFor('every service to print its environment', () => lines.length >= 3, undefined, 10_000)
        } finally {
            await sup.stop()
        }
        expect(lines.sort()).toEqual([
            'gateway   | [null,null]',
            'nominator | ["bottom drive obey","syt_token"]',
            'scorer    | [null,"syt_token"]',
        ])
    })

    it('starts no service when one of them cannot listen on its port, naming the service and the port', async () => {
        const port = await freePort()
        const held = await holdPort(port)
        const started = path.join(dir, 'started-despite-taken-port')
        const sup = new Supervisor(createLogger('test:supervisor'), process.env, () => {})
        try {
            const start = sup.start([
                {name: 'other', script: script('other.js', `require('fs').writeFileSync(${JSON.stringify(started)}, 'x')`)},
                {
                    name: 'devnet',
                    script: script('devnet.js', `require('fs').writeFileSync(${JSON.stringify(started)}, 'x')`),
                    ports: [port],
                },
            ])
            await expect(start).rejects.toThrow(new PortInUseError('devnet', port, 'EADDRINUSE'))
            await expect(start).rejects.toThrow(`port ${port} is in use (EADDRINUSE): devnet cannot listen there`)
        } finally {
            await sup.stop()
            held.close()
        }
        await new Promise(r => setTimeout(r, 500))
        expect(fs.existsSync(started)).toBe(false)
    })

    it('does not restart a service whose port was taken while it was down: that is fatal', async () => {
        const port = await freePort()
        const counter = path.join(dir, 'devnet-starts')
        const fatal: Error[] = []
        const sup = new Supervisor(
            createLogger('test:supervisor'),
            process.env,
            () => {},
            e => fatal.push(e),
        )
        let held: net.Server | undefined
        try {
            await sup.start([
                {
                    name: 'devnet',
                    script: script('exits.js', `require('fs').appendFileSync(${JSON.stringify(counter)}, 'x'); process.exit(1)`),
                    ports: [port],
                },
            ])
            // Taken before the restart delay is over.
            held = await holdPort(port)
            await waitFor(
                'the fatal error',
                async () => fatal.length,
                n => n > 0,
                10_000,
            )
        } finally {
            await sup.stop()
            held?.close()
        }
        expect(fatal[0].message).toBe(`port ${port} is in use (EADDRINUSE): devnet cannot listen there`)
        expect(fs.readFileSync(counter, 'utf8')).toBe('x')
    })
})
