/**
 * `npm run bench:score`: part 2 of the scorer's pass (rank events, fault events, scores, all written) over
 * generated history of 84 eras for 2,000, 4,000 and 8,000 candidates, with peak memory. Each size gets its
 * own database; the history is written by one child process and the passes run in another, so the peak RSS
 * printed is the passes' own. The first pass (era 83) backfills the rank events of every era and the fault
 * events of the whole window; the second (era 84) is what every later era costs; the third re-runs era 84. Each
 * prints wall time, the CPU time of the pass's process and of Postgres's server processes, and peak heap.
 * `BENCH_SCORE_SIZES=2000,4000` to choose sizes.
 */
import {spawnSync} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {dbEnv, dbSettingsFromEnv} from '../db/connection'
import {applyMigrations} from '../db/migrate'
import {createDataSource} from '../db/orm'
import {acquireDbServer, createTempDatabase} from '../db/test-database'
import {loadConfig} from '../config/load'
import {PROJECT_DIR} from '../config/project-dir'
import {describeMeasured, measured, type Measured} from './bench-measure'
import {scoreEra} from './score-era'
import {writeSyntheticHistory} from './synthetic-history'

const ERAS = 84
const NOMINATORS_PER_CANDIDATE = 5

async function child(role: string, size: number, file: string): Promise<void> {
    const ds = createDataSource(dbSettingsFromEnv(process.env), {withModel: true})
    await ds.initialize()
    try {
        if (role === 'generate') {
            const started = performance.now()
            const h = await ds.transaction(em =>
                writeSyntheticHistory(em, {candidates: size, eras: ERAS, nominators: size * NOMINATORS_PER_CANDIDATE, seed: size}),
            )
            fs.writeFileSync(file, JSON.stringify(h.candidates))
            process.stdout.write(JSON.stringify({generateMs: Math.round(performance.now() - started)}))
            return
        }
        const config = loadConfig(path.join(PROJECT_DIR, 'config', 'devnet.json'))
        const candidates = JSON.parse(fs.readFileSync(file, 'utf8'))
        await ds.query('VACUUM ANALYZE')
        const passes: (Omit<Measured<unknown>, 'value'> & {
            rankEvents: number
            faultEvents: number
            scored: number
            stepsMs: Record<string, number>
        })[] = []
        for (const era of [ERAS - 1, ERAS, ERAS]) {
            const {value: r, ...m} = await measured(
                sql => ds.query(sql),
                () => scoreEra(ds.manager, era, config, {candidates, programmeNominators: []}),
            )
            passes.push({
                ...m,
                rankEvents: r.rankEvents,
                faultEvents: r.faultEvents,
                scored: r.scores.candidates.length,
                stepsMs: r.stepsMs,
            })
        }
        process.stdout.write(JSON.stringify({passes, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024)}))
    } finally {
        await ds.destroy()
    }
}

async function main(): Promise<void> {
    const [role, size, file] = process.argv.slice(2)
    if (role) return child(role, Number(size), file)
    const sizes = (process.env.BENCH_SCORE_SIZES ?? '2000,4000,8000').split(',').map(Number)
    const server = await acquireDbServer()
    try {
        console.log(
            `part 2 of the scorer's pass over ${ERAS} eras of generated history (${NOMINATORS_PER_CANDIDATE} nominators per candidate)`,
        )
        const load = () =>
            `load average ${os
                .loadavg()
                .map(l => l.toFixed(1))
                .join(' ')} on ${os.cpus().length} cores`
        console.log(load())
        for (const size of sizes) {
            const db = await createTempDatabase(server.settings, 'bench_score')
            const file = path.join(os.tmpdir(), `bench-score-${process.pid}-${size}.json`)
            try {
                await applyMigrations(db.settings)
                const run = (role: string) => {
                    const r = spawnSync(process.execPath, [__filename, role, String(size), file], {
                        env: {...process.env, ...dbEnv(db.settings)},
                        encoding: 'utf8',
                        maxBuffer: 1 << 26,
                    })
                    if (r.status !== 0) throw new Error(`${role} for ${size} candidates failed:\n${r.stderr}`)
                    return JSON.parse(r.stdout)
                }
                const generated = run('generate')
                const p = run('pass')
                const [first, next, again] = p.passes
                console.log(
                    `${size} candidates (${next.scored} scored; history written in ${generated.generateMs} ms), peak RSS of the passes ${p.peakRssMb} MB`,
                )
                const steps = (x: {stepsMs: Record<string, number>}) =>
                    Object.entries(x.stepsMs)
                        .map(([k, v]) => `${k} ${v}`)
                        .join(', ')
                console.log(
                    `  first pass (backfill) ${describeMeasured(first)}; ${first.rankEvents} rank and ${first.faultEvents} fault events`,
                )
                console.log(`      steps in ms: ${steps(first)}`)
                console.log(
                    `  next era              ${describeMeasured(next)}; ${next.rankEvents} rank and ${next.faultEvents} fault events`,
                )
                console.log(`      steps in ms: ${steps(next)}`)
                console.log(`  re-run of that era    ${describeMeasured(again)}`)
                console.log(`  ${load()}`)
            } finally {
                fs.rmSync(file, {force: true})
                await db.drop()
            }
        }
    } finally {
        await server.stop()
    }
}

main().catch(e => {
    console.error(e)
    process.exit(1)
})
