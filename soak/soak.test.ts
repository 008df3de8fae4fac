/**
 * The chaos soak, short (`npm run soak` runs it for 30 minutes): the processors of the current layout and the
 * telemetry follower, read through the fault proxies into a Postgres that is restarted, kill -9'd and
 * reorged under, end with no stall and with every table as an uninterrupted stack wrote it.
 */
import {describe, expect, inject, it} from 'vitest'
import {formatReport, soakProblems} from './soak-report'
import {runSoak} from './soak-run'

describe('chaos soak (short)', () => {
    it('survives one fault of every kind with no stall and the same rows as an uninterrupted stack', async () => {
        const lines: string[] = []
        const report = await runSoak({
            seed: 3, durationMs: 40_000, stallAfterMs: 60_000, blockTimeMs: 1000, blocksPerSession: 5, sessionsPerEra: 3,
            settleTimeoutMs: 150_000, sampleIntervalMs: 500, referenceServer: inject('dbServer'), log: line => lines.push(line),
        })
        const summary = `${lines.join('\n')}\n\n${formatReport(report)}`
        // Every kind was injected, and the kills and exits were restarted as the launcher does.
        for (const [kind, n] of Object.entries(report.injected)) expect(n, `${kind}\n${summary}`).toBeGreaterThanOrEqual(1)
        const soak = report.services.filter(s => s.stack === 'soak')
        expect(soak.reduce((n, s) => n + s.killed, 0), summary).toBeGreaterThanOrEqual(3)
        for (const s of soak) expect(s.restarts, `${s.service}\n${summary}`).toBeGreaterThanOrEqual(s.killed)
        expect(report.eras, summary).toBeGreaterThanOrEqual(2)
        expect(soakProblems(report), summary).toEqual([])
    }, 600_000)
})
