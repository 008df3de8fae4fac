/**
 * The chaos soak, short, as `npm run soak` runs it (the compiled CLI, which starts the services the way the
 * launcher does): the processors of the current layout and the telemetry follower, read through the fault
 * proxies into a Postgres that is restarted, kill -9'd and reorged under, end with no stall and with every
 * table as an uninterrupted stack wrote it; the exit code says so.
 */
import {spawn} from 'child_process'
import fs from 'fs'
import os from 'os'
import path from 'path'
import {describe, expect, inject, it} from 'vitest'
import {PROJECT_DIR} from '../config/project-dir'
import {dbEnv} from '../db/connection'
import {formatReport} from './soak-report'
import type {SoakReport} from './soak-run'

function runCli(env: Record<string, string>): Promise<{code: number | null; output: string}> {
    const child = spawn(process.execPath, [path.join(PROJECT_DIR, 'lib/soak/main.js')], {
        cwd: PROJECT_DIR,
        env: {...process.env, ...env},
        stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    for (const stream of [child.stdout, child.stderr]) stream.on('data', d => (output += d.toString()))
    return new Promise(resolve => child.on('exit', code => resolve({code, output})))
}

describe('chaos soak (short)', () => {
    it('survives one fault of every kind with no stall and the same rows as an uninterrupted stack', async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soak-test-'))
        fs.chmodSync(dir, 0o755)
        const reportFile = path.join(dir, 'report.json')
        try {
            const {DB_URL: _, ...server} = dbEnv(inject('dbServer')) as Record<string, string>
            const {code, output} = await runCli({
                ...server,
                SOAK_SEED: '3',
                SOAK_DURATION_MIN: '0.75',
                SOAK_BLOCK_TIME_MS: '1000',
                SOAK_STALL_AFTER_S: '60',
                SOAK_SETTLE_TIMEOUT_S: '150',
                SOAK_DIR: path.join(dir, 'run'),
                SOAK_REPORT_FILE: reportFile,
            })
            expect(fs.existsSync(reportFile), output.slice(-6000)).toBe(true)
            const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as SoakReport
            // The fault log, then the summary with one example per differing table.
            const summary =
                `${output
                    .split('\n')
                    .filter(l => l.startsWith('[soak '))
                    .join('\n')}\n\n` + formatReport({...report, diffs: report.diffs.map(d => ({...d, examples: d.examples.slice(0, 1)}))})
            // Every kind was injected; the kills and exits were restarted as the launcher does.
            for (const [kind, n] of Object.entries(report.injected)) expect(n, `${kind}\n${summary}`).toBeGreaterThanOrEqual(1)
            const soak = report.services.filter(s => s.stack === 'soak')
            expect(
                soak.reduce((n, s) => n + s.killed, 0),
                summary,
            ).toBeGreaterThanOrEqual(3)
            for (const s of soak) expect(s.restarts, `${s.service}\n${summary}`).toBeGreaterThanOrEqual(s.killed)
            expect(report.eras, summary).toBeGreaterThanOrEqual(2)
            expect(report.stalls, summary).toEqual([])
            expect(report.settled, summary).toBe(true)
            expect(report.diffs, summary).toEqual([])
            expect(output).toContain('PASSED: no stall, no differing row')
            expect(code, summary).toBe(0)
        } finally {
            fs.rmSync(dir, {recursive: true, force: true})
        }
    }, 600_000)
})
