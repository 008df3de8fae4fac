/**
 * The telemetry follower service: opens Postgres, follows each configured chain on the feed (the devnet's
 * own feed and chain when none is configured), serves its metrics and health and logs the metrics.
 */
import pg from 'pg'
import type {Config} from '../config/load'
import {dbSettingsFromEnv, pgClientConfig} from '../db/connection'
import {devnetEndpoints, devnetFeedUrl} from '../devnet/endpoints'
import {runService} from '../service/run-service'
import {ensureGenesis} from '../squid/genesis-guard'
import {redactUrl} from '../config/redact-url'
import {indexCandidates} from './candidate-match'
import {readCandidates} from './candidates-file'
import {fetchGenesisHash} from './devnet-genesis'
import {registerFeedMetrics} from './feed-metrics'
import {IpinfoLocator, OfflineIpLocator, type IpLocator} from './ip-location'
import {TelemetryStore} from './telemetry-store'
import {TelemetryFollower} from './telemetry-follower'

/** How often the metrics are written to the log. */
const METRICS_LOG_INTERVAL_MS = 60_000

function locatorFor(cfg: Config): IpLocator {
    const loc = cfg.telemetry.location
    if (loc.source === 'ipinfo' && loc.ipinfoToken) return new IpinfoLocator(loc.ipinfoToken)
    return new OfflineIpLocator()
}

runService('telemetry', async ({config: cfg, log, metrics, addHealthCheck}) => {
    if (!cfg.telemetry.enabled) {
        log.info('telemetry.enabled is false: nothing to do')
        return
    }
    const t = cfg.telemetry
    const candidates = readCandidates(cfg.candidatesFile)

    let feedUrl = t.feedUrl
    let chains = t.chains ?? []
    /** Where each followed genesis came from, for a refusal. */
    let source = (i: number) => `telemetry.chains[${i}] in ${cfg.file}`
    if (!feedUrl) {
        // No feed configured: follow the devnet's own feed, on the devnet's chain.
        if (!cfg.usesDevnet || !cfg.devnet) {
            throw new Error(`${cfg.file}: telemetry.feedUrl is required when the config does not use the devnet`)
        }
        feedUrl = devnetFeedUrl(cfg.devnet.port, cfg.devnet.host)
        if (!t.chains) {
            const httpUrl = devnetEndpoints(cfg.devnet.scenario, cfg.devnet.port, cfg.devnet.host)[0].httpUrl
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
    const followers = chains.map(
        chain =>
            new TelemetryFollower({
                feedUrl: feedUrl!,
                chain,
                offlineGraceMs: t.offlineGraceMs,
                reconnectMinDelayMs: t.reconnectMinDelayMs,
                reconnectMaxDelayMs: t.reconnectMaxDelayMs,
                silenceTimeoutMs: t.silenceTimeoutMs,
                flushIntervalMs: t.flushIntervalMs,
                locationRefreshAfterMs: t.location.refreshAfterMs,
                candidates: index,
                locator,
                store,
                log: log.child(chain.slice(0, 10)),
            }),
    )
    for (const f of followers) await f.start()
    registerFeedMetrics(metrics, () => followers.map(f => f.metrics))
    addHealthCheck('database', async () => void (await pool.query('SELECT 1')))
    addHealthCheck('feed', async () => {
        const down = followers.filter(f => !f.metrics.connected).map(f => f.metrics.chain)
        if (down.length) throw new Error(`not connected to the feed for ${down.join(', ')}`)
    })
    const metricsTimer = setInterval(() => {
        for (const f of followers) {
            const m = f.metrics
            log.info(
                {
                    connected: m.connected,
                    messagesPerSecond: m.messagesPerSecond,
                    nodesOnline: m.nodesOnline,
                    nodesKnown: m.nodesKnown,
                    malformedFrames: m.malformedFrames,
                    reconnects: m.reconnects,
                },
                `telemetry ${m.chain.slice(0, 10)}`,
            )
        }
    }, METRICS_LOG_INTERVAL_MS)

    return async () => {
        clearInterval(metricsTimer)
        for (const f of followers) await f.stop()
        await pool.end()
    }
})

/**
 * The follower is a reader of `chain_genesis` like each processor: `telemetry` for the chain it follows
 * (the only one in every shipped config and on the devnet), `telemetry.1`, … for further configured chains.
 */
function telemetryReader(index: number): string {
    return index === 0 ? 'telemetry' : `telemetry.${index}`
}
