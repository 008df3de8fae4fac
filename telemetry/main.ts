/**
 * The telemetry follower service: reads the config, opens Postgres, follows each configured chain on
 * the feed (the devnet's own feed and chain when none is configured), serves Prometheus metrics and logs them.
 */
import http from 'http'
import path from 'path'
import {createLogger} from '@subsquid/logger'
import {runProgram} from '@subsquid/util-internal'
import pg from 'pg'
import {loadConfig, type Config} from '../config/load'
import {redactUrlsInLogs} from '../config/log-redaction'
import {redactUrl} from '../config/redact-url'
import {dbSettingsFromEnv, pgClientConfig} from '../db/connection'
import {PROJECT_DIR} from '../config/project-dir'
import {devnetEndpoints, devnetFeedUrl} from '../devnet/endpoints'
import {ensureGenesis} from '../squid/genesis-guard'
import {indexCandidates} from './candidate-match'
import {readCandidates} from './candidates-file'
import {fetchGenesisHash} from './devnet-genesis'
import {renderPrometheus} from './feed-metrics'
import {IpinfoLocator, OfflineIpLocator, type IpLocator} from './ip-location'
import {TelemetryStore} from './telemetry-store'
import {TelemetryFollower} from './telemetry-follower'

redactUrlsInLogs()
const log = createLogger('scorer:telemetry')

/** How often the metrics are written to the log. */
const METRICS_LOG_INTERVAL_MS = 60_000

function locatorFor(cfg: Config): IpLocator {
    const loc = cfg.telemetry.location
    if (loc.source === 'ipinfo' && loc.ipinfoToken) return new IpinfoLocator(loc.ipinfoToken)
    return new OfflineIpLocator()
}

runProgram(async () => {
    const cfg = loadConfig(process.env.CONFIG || path.join(PROJECT_DIR, 'config', 'devnet.json'))
    if (!cfg.telemetry.enabled) {
        log.info('telemetry.enabled is false: nothing to do')
        return
    }
    const t = cfg.telemetry
    const candidates = readCandidates(cfg.candidatesFile)
    const stops: (() => Promise<void>)[] = []

    let feedUrl = t.feedUrl
    let chains = t.chains ?? []
    /** Where each followed genesis came from, for a refusal. */
    let source = (i: number) => `telemetry.chains[${i}] in ${cfg.file}`
    if (!feedUrl) {
        // No feed configured: follow the devnet's own feed, on the devnet's chain.
        if (!cfg.usesDevnet || !cfg.devnet) {
            throw new Error(`${cfg.file}: telemetry.feedUrl is required when the config does not use the devnet`)
        }
        feedUrl = devnetFeedUrl(cfg.devnet.port)
        if (!t.chains) {
            const httpUrl = devnetEndpoints(cfg.devnet.scenario, cfg.devnet.port)[0].httpUrl
            const genesis = await fetchGenesisHash(httpUrl, {
                onRetry: (attempt, reason) => {
                    if (attempt % 20 === 1) log.info(`waiting for the devnet at ${httpUrl} (${reason})`)
                },
            })
            chains = [genesis]
            source = () => `the devnet at ${redactUrl(httpUrl)}`
        }
        log.info(`no telemetry.feedUrl: following the devnet feed ${feedUrl}, chain ${chains.join(', ')}`)
    }

    const pool = new pg.Pool({...pgClientConfig(dbSettingsFromEnv(process.env)), max: 4})
    // An idle connection that drops (database restart, shutdown) must not take the service down;
    // the next flush reconnects.
    pool.on('error', err => log.warn(`database connection lost: ${err.message}`))
    // Another chain than the one this database holds (another devnet on the port, an edited config) is refused before anything is written.
    for (const [i, chain] of chains.entries()) await ensureGenesis(pool, telemetryReader(i), chain, source(i))
    const store = new TelemetryStore(pool)
    const index = indexCandidates(candidates)
    const locator = locatorFor(cfg)
    const followers = chains.map(chain => new TelemetryFollower({
        feedUrl: feedUrl!, chain, offlineGraceMs: t.offlineGraceMs, reconnectMinDelayMs: t.reconnectMinDelayMs,
        reconnectMaxDelayMs: t.reconnectMaxDelayMs, silenceTimeoutMs: t.silenceTimeoutMs, flushIntervalMs: t.flushIntervalMs,
        locationRefreshAfterMs: t.location.refreshAfterMs, candidates: index, locator, store, log: log.child(chain.slice(0, 10)),
    }))
    for (const f of followers) await f.start()
    stops.unshift(async () => {
        for (const f of followers) await f.stop()
        await pool.end()
    })

    if (t.metricsPort) {
        const server = http.createServer((req, res) => {
            if (req.url !== '/metrics') {
                res.writeHead(404).end('see /metrics\n')
                return
            }
            res.writeHead(200, {'content-type': 'text/plain; version=0.0.4'}).end(renderPrometheus(followers.map(f => f.metrics)))
        })
        // A taken port costs the metrics endpoint, not the follower.
        const listening = await new Promise<boolean>(resolve => {
            server.once('error', (e: any) => {
                log.error(`telemetry.metricsPort ${t.metricsPort}: cannot listen (${e.code ?? e.message}); running without /metrics`)
                resolve(false)
            })
            server.listen(t.metricsPort, () => resolve(true))
        })
        if (listening) {
            stops.push(() => new Promise(resolve => server.close(() => resolve())))
            log.info(`metrics at http://127.0.0.1:${t.metricsPort}/metrics`)
        }
    }
    const metricsTimer = setInterval(() => {
        for (const f of followers) {
            const m = f.metrics
            log.info({connected: m.connected, messagesPerSecond: m.messagesPerSecond, nodesOnline: m.nodesOnline, nodesKnown: m.nodesKnown, malformedFrames: m.malformedFrames, reconnects: m.reconnects}, `telemetry ${m.chain.slice(0, 10)}`)
        }
    }, METRICS_LOG_INTERVAL_MS)

    await new Promise<void>(resolve => {
        process.once('SIGINT', resolve)
        process.once('SIGTERM', resolve)
    })
    clearInterval(metricsTimer)
    for (const stop of stops) await stop()
    log.info('stopped')
}, err => log.fatal(err))

/**
 * The follower is a reader of `chain_genesis` like each processor: `telemetry` for the chain it follows
 * (the only one in every shipped config and on the devnet), `telemetry.1`, … for further configured chains.
 */
function telemetryReader(index: number): string {
    return index === 0 ? 'telemetry' : `telemetry.${index}`
}
