/**
 * `npm run soak`: the chaos soak from the command line; prints the fault log and the summary table, and exits
 * non-zero when a processor stalled, the stacks did not settle or a row differs.
 */
import {randomInt} from 'crypto'
import fs from 'fs'
import {acquireDbServer} from '../db/test-database'
import {formatReport, soakProblems} from './soak-report'
import {runSoak} from './soak-run'
import {soakSettings, SoakSettingsError, usage} from './soak-settings'

async function main(): Promise<number> {
    if (process.argv.includes('--help')) {
        process.stdout.write(usage() + '\n')
        return 0
    }
    let settings
    try {
        settings = soakSettings(process.argv.slice(2), process.env, () => randomInt(1_000_000))
    } catch (e) {
        if (!(e instanceof SoakSettingsError)) throw e
        process.stderr.write(e.message + '\n')
        return 2
    }
    const log = (line: string) => process.stdout.write(`[soak ${new Date().toISOString().slice(11, 19)}] ${line}\n`)
    // The reference database goes on the server tests use (DB_URL/DB_HOST, else 127.0.0.1:5432, else embedded).
    const server = await acquireDbServer()
    try {
        const {reportFile: _, ...soak} = settings
        const report = await runSoak({...soak, referenceServer: server.settings, sampleIntervalMs: 500, log})
        process.stdout.write('\n' + formatReport(report) + '\n')
        if (settings.reportFile) fs.writeFileSync(settings.reportFile, JSON.stringify(report, null, 2))
        return soakProblems(report).length ? 1 : 0
    } finally {
        await server.stop()
    }
}

main().then(
    code => process.exit(code),
    e => {
        process.stderr.write(`soak failed to run: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
        process.exit(2)
    },
)
