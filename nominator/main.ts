/**
 * The nominator service: connects to the chain that runs staking (the configured endpoints, or the devnet's),
 * opens Postgres, and runs a check every `nominator.checkIntervalMs` until stopped. Round inputs come from
 * the scorer's tables (inputs/scorer-tables.ts).
 */
import pg from 'pg'
import {cryptoWaitReady} from '@polkadot/util-crypto'
import type {Config} from '../config/load'
import {dbSettingsFromEnv, pgClientConfig} from '../db/connection'
import {devnetEndpoints} from '../devnet/endpoints'
import {createNotifier} from '../notify/notifier'
import {runService} from '../service/run-service'
import {connectStakingChain} from './chain/staking-chain'
import {Stopped} from './execute/submitter'
import {ScorerTables} from './inputs/scorer-tables'
import {Nominator} from './nominator'
import {registerNominatorMetrics} from './nominator-metrics'
import {signingAccounts} from './signing-accounts'
import {NominatorStore} from './store/nominator-store'

/** How long a stop waits for a running check (which only reads and follows: nothing is lost). */
const STOP_WAIT_MS = 3000
/** How long a stop then waits for queued notifications (the service's stop deadline is 5 s). */
const NOTIFY_FLUSH_MS = 1500

function chainUrls(cfg: Config): string[] {
    if (cfg.usesDevnet && cfg.devnet) return devnetEndpoints(cfg.devnet.scenario, cfg.devnet.port, cfg.devnet.host).map(e => e.url)
    return [cfg.chains.relay, cfg.chains.assetHub].filter(c => c !== undefined).map(c => c.rpcUrl.replace(/^http/, 'ws'))
}

runService('nominator', async ({config: cfg, log, metrics, addHealthCheck}) => {
    if (!cfg.nominator.enabled && !cfg.nominator.dryRun) {
        log.info('nominator.enabled and nominator.dryRun are false: nothing to do')
        return
    }
    await cryptoWaitReady()
    const signers = signingAccounts(cfg.nominator.accounts, cfg.ss58Prefix)
    const chain = await connectStakingChain(chainUrls(cfg), log)
    const pool = new pg.Pool({...pgClientConfig(dbSettingsFromEnv(process.env)), max: 2})
    pool.on('error', err => log.warn(`database connection lost: ${err.message}`))
    const store = new NominatorStore(pool)
    const notifier = createNotifier(cfg, log)
    const nominator = new Nominator({
        api: chain.api,
        url: chain.url,
        store,
        inputs: new ScorerTables(pool, cfg.ss58Prefix),
        signers,
        config: cfg,
        log,
        // Without a target, no event is built (some need a read of the round or the announcement).
        notify: notifier.enabled ? event => notifier.notify(event) : undefined,
    })
    const nominatorMetrics = registerNominatorMetrics(metrics, store)
    addHealthCheck('database', async () => void (await pool.query('SELECT 1')))
    addHealthCheck('chain', async () => {
        if (!chain.api.isConnected) throw new Error(`not connected to ${chain.url}`)
    })
    let stopping = false
    let timer: NodeJS.Timeout | undefined
    let running: Promise<void> = Promise.resolve()
    const tick = () => {
        running = nominator
            .check()
            .then(
                report => nominatorMetrics.checked(report),
                e => {
                    if (!(e instanceof Stopped))
                        log.error(e instanceof Error ? e : new Error(String(e)), 'check failed; next check as scheduled')
                },
            )
            .finally(() => {
                if (!stopping) timer = setTimeout(tick, cfg.nominator.checkIntervalMs)
            })
    }
    tick()
    return async () => {
        stopping = true
        clearTimeout(timer)
        nominator.stop()
        await chain.disconnect()
        // A check waiting for the chain does not end once the connection is closed: stop without it.
        await Promise.race([running, new Promise(resolve => setTimeout(resolve, STOP_WAIT_MS))])
        await notifier.flush(NOTIFY_FLUSH_MS)
        notifier.close()
        await pool.end()
    }
})
