/**
 * The scorer service: keeps the candidates in step with the list file and runs a validity pass at
 * start-up, whenever the squid has indexed a new session or a complete era (the tables are polled), and on
 * the config's cron schedule; serves pass metrics and the database's health.
 */
import path from 'path'
import {Cron} from 'croner'
import pg from 'pg'
import {Gauge, Histogram} from 'prom-client'
import {dbSettingsFromEnv, pgClientConfig} from '../db/connection'
import {createDataSource} from '../db/orm'
import {createNotifier} from '../notify/notifier'
import {runService} from '../service/run-service'
import {candidateProblemLines, CandidateFileWatch, loadCandidateListFile, syncCandidates} from './candidates/candidate-sync'
import {recordFailedPass, runPass, type PassTrigger, validityOptions} from './pass'
import {scoreEra} from './score-era'
import {PassQueue} from './pass-queue'
import {enabledChecks} from './validity/checks'
import {fetchKusamaRanks} from './validity/kusama-rank-source'
import {eraCompleteSql} from './complete-eras'

/** How long a stopping scorer waits for its queued notifications (the service's stop deadline is 5 s). */
const NOTIFY_FLUSH_MS = 2000

runService('scorer', async ({config, log, metrics, addHealthCheck}) => {
    const pool = new pg.Pool({...pgClientConfig(dbSettingsFromEnv(process.env)), max: 3})
    pool.on('error', err => log.warn(`database connection lost: ${err.message}`))
    addHealthCheck('database', async () => void (await pool.query('SELECT 1')))
    const notifier = createNotifier(config, log)

    const checks = enabledChecks(config)
    const listSource = path.relative(path.dirname(config.file), config.candidatesFile)
    const watch = new CandidateFileWatch(config.candidatesFile)
    const syncList = async () => {
        const list = loadCandidateListFile(config.candidatesFile, config.ss58Prefix)
        for (const line of candidateProblemLines(list)) log.warn(line)
        const client = await pool.connect()
        try {
            const r = await syncCandidates(client, list, listSource, Date.now())
            log.info(
                `candidates from ${listSource}: ${r.current} current (${r.added} added, ${r.changed} changed, ${r.removed} removed), ${list.problems.length} problem(s)`,
            )
        } finally {
            client.release()
        }
    }
    // A list that cannot be read stops the scorer at start-up; later, the last good list stays in force.
    watch.changed()
    await syncList()

    const duration = new Histogram({
        name: 'scorer_pass_duration_seconds',
        help: 'Duration of a validity pass',
        buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
        registers: [metrics],
    })
    const verdicts = new Gauge({
        name: 'scorer_candidates',
        help: 'Current candidates by verdict after the last pass',
        labelNames: ['verdict'],
        registers: [metrics],
    })
    const lastPass = new Gauge({
        name: 'scorer_last_pass_timestamp_seconds',
        help: 'End of the last successful pass (Unix time)',
        registers: [metrics],
    })
    const failures = new Gauge({name: 'scorer_pass_failures', help: 'Passes that failed since the scorer started', registers: [metrics]})

    // Scores, ranks and faults are written through the generated entities (TypeORM); validity through `pool`.
    const orm = createDataSource(dbSettingsFromEnv(process.env), {withModel: true})
    /** After validity: the newest complete era is scored once (a re-run would replace its rows with the same ones). */
    const scoreNewEra = async (era: number | null) => {
        if (era === null) return
        if (!orm.isInitialized) await orm.initialize()
        const scored = await pool.query('SELECT 1 FROM score_metadata WHERE id = $1', [String(era)])
        if (scored.rowCount) return
        const r = await scoreEra(orm.manager, era, config)
        log.info(`era ${era} scored: ${r.scores.candidates.length} candidates`)
    }
    const v = config.validity
    const kusamaRank = v.kusamaRank
    const queue = new PassQueue(async (trigger: PassTrigger) => {
        const nowMs = Date.now()
        try {
            const s = await runPass(pool, {
                checks,
                trigger,
                nowMs,
                ...validityOptions(v),
                telemetryChain: config.telemetry.chains?.length === 1 ? config.telemetry.chains[0] : undefined,
                kusamaRanks: kusamaRank && !kusamaRank.skip ? stashes => fetchKusamaRanks(stashes, {url: kusamaRank.url}) : undefined,
                notify: event => notifier.notify(event),
            })
            if (s.skipped) return log.debug(`${trigger} pass skipped: era ${s.era}, session ${s.session} already passed`)
            await scoreNewEra(s.era).catch(e => {
                failures.inc()
                log.error(`scoring era ${s.era} failed: ${e instanceof Error ? e.message : String(e)}`)
            })
            duration.observe(s.durationMs / 1000)
            for (const [k, n] of Object.entries(s.counts)) verdicts.set({verdict: k}, n)
            lastPass.set((nowMs + s.durationMs) / 1000)
            log.info(
                `${trigger} pass: ${s.candidates} candidates, ${s.counts.valid} valid, ${s.counts.invalid} invalid, ${s.counts.unknown} unknown, ${s.changes} check flip(s), ${s.turns} verdict(s) turned, era ${s.era}, session ${s.session}, ${s.durationMs} ms`,
            )
        } catch (e) {
            failures.inc()
            const message = e instanceof Error ? e.message : String(e)
            log.error(`${trigger} pass failed: ${message}`)
            await recordFailedPass(pool, trigger, nowMs, message).catch(err => log.error(`recording the failed pass: ${err.message}`))
        }
    })

    // The squid's progress: a new session or a newly complete era asks for a pass (polled: no trigger on
    // tables another service owns, and nothing is missed across a lost connection).
    let seen: {era: number | null; session: number | null} | undefined
    const poll = async () => {
        if (watch.changed()) {
            await syncList().catch(e => log.error(`candidate list not synced, the previous one stays in force: ${e.message}`))
            queue.request('schedule')
        }
        const r = (
            await pool.query(
                `SELECT (SELECT max(index) FROM session) AS session, (SELECT max(e.index) FROM era e WHERE e.end_block IS NOT NULL AND ${eraCompleteSql('e')}) AS era`,
            )
        ).rows[0]
        if (seen && r.era !== seen.era) queue.request('era')
        else if (seen && r.session !== seen.session) queue.request('session')
        seen = {era: r.era, session: r.session}
    }
    let polling = false
    const pollTimer = setInterval(() => {
        if (polling) return
        polling = true
        poll()
            .catch(e => log.warn(`polling the squid's tables: ${e.message}`))
            .finally(() => {
                polling = false
            })
    }, config.scorer.pollIntervalMs)
    const cron = new Cron(config.scorer.schedule, () => queue.request('schedule'))
    await poll().catch(e => log.warn(`polling the squid's tables: ${e.message}`))
    queue.request('start')
    log.info(
        `scorer running: ${checks.length} checks (${checks.map(c => c.name).join(', ')}), schedule "${config.scorer.schedule}", next ${cron.nextRun()?.toISOString() ?? 'never'}`,
    )

    return async () => {
        cron.stop()
        clearInterval(pollTimer)
        await queue.stop()
        // What the last pass announced goes out before the process ends, within the stop deadline.
        await notifier.flush(NOTIFY_FLUSH_MS)
        notifier.close()
        await pool.end()
        if (orm.isInitialized) await orm.destroy()
    }
})
