import fs from 'fs'
import os from 'os'
import path from 'path'
import {createLogger} from '@subsquid/logger'
import {afterAll, describe, expect, it} from 'vitest'
import {waitFor} from '../test/vitest/wait-for'
import {Supervisor} from './supervisor'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'supervisor-'))
afterAll(() => fs.rmSync(dir, {recursive: true, force: true}))

function script(name: string, body: string): string {
    const file = path.join(dir, name)
    fs.writeFileSync(file, body)
    return file
}


describe('supervisor', () => {
    it('prefixes every line of every service with its name, restarts a service that exits, and stops all on request', async () => {
        const counter = path.join(dir, 'starts')
        const lines: string[] = []
        const sup = new Supervisor(createLogger('test:supervisor'), {...process.env, GREETING: 'hello'}, l => lines.push(l))
        sup.start([
            {name: 'talker', script: script('talker.js', `console.log(process.env.GREETING + ' ' + process.env.EXTRA); console.error('on stderr'); setInterval(() => {}, 1000)`), env: {EXTRA: 'world'}},
            {name: 'crasher', script: script('crasher.js', `require('fs').appendFileSync(${JSON.stringify(counter)}, 'x'); console.log('up'); process.exit(3)`)},
        ])
        try {
            await waitFor('talker output', () => lines.includes('talker  | hello world') && lines.includes('talker  | on stderr'), undefined, 10_000)
            await waitFor('a restart of the crashing service', () => fs.existsSync(counter) && fs.readFileSync(counter, 'utf8').length >= 2, undefined, 10_000)
            expect(lines).toContain('crasher | up')
        } finally {
            await sup.stop()
        }
        const starts = fs.readFileSync(counter, 'utf8').length
        await new Promise(r => setTimeout(r, 2500))
        expect(fs.readFileSync(counter, 'utf8').length).toBe(starts)
    })
})
