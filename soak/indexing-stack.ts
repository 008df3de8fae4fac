/**
 * One indexing stack of the soak: the services `npm start` would run for a config naming these chain and
 * feed endpoints (a processor per chain, the telemetry follower; no API), under the launcher's supervisor,
 * which restarts whatever exits; and where each processor keeps its progress.
 */
import fs from 'fs'
import path from 'path'
import {createLogger} from '@subsquid/logger'
import pg from 'pg'
import {loadConfig} from '../config/load'
import {PROJECT_DIR} from '../config/project-dir'
import {dbEnv, pgClientConfig, type DbSettings} from '../db/connection'
import {plannedServices} from '../launcher/services'
import {Supervisor} from '../launcher/supervisor'
import {STATE_SCHEMAS as CHAIN_STATE_SCHEMAS} from '../squid/chain-layer'
import type {ChainTarget, ServiceTarget} from './fault-schedule'
import type {ProcessorSample} from './progress-tracker'

export interface StackEndpoints {
    /** ws:// JSON-RPC of each chain. */
    chains: Record<ChainTarget, string>
    feedUrl: string
    /** The chain the telemetry follower subscribes to on the feed. */
    genesisHash: string
}

/** The launcher's service names (squid/services.ts, launcher/services.ts). */
const SERVICE_NAMES: Record<ServiceTarget, string> = {
    relay: 'squid-relay',
    assetHub: 'squid-asset-hub',
    people: 'squid-people',
    telemetry: 'telemetry',
}

export const STATE_SCHEMAS: Record<ChainTarget, string> = CHAIN_STATE_SCHEMAS

/**
 * The devnet sample config with these endpoints. The follower reconnects within seconds after a feed
 * stall (the soak's stalls last seconds, production's hours would not fit a soak).
 */
function stackConfig(endpoints: StackEndpoints): unknown {
    const base = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, 'config', 'devnet.json'), 'utf8'))
    delete base.devnet
    return {
        ...base,
        chains: Object.fromEntries(Object.entries(endpoints.chains).map(([chain, rpcUrl]) => [chain, {rpcUrl, fromBlock: 0}])),
        candidatesFile: path.join(PROJECT_DIR, 'config', base.candidatesFile),
        telemetry: {
            ...base.telemetry,
            feedUrl: endpoints.feedUrl,
            chains: [endpoints.genesisHash],
            silenceTimeoutMs: 5000,
            reconnectMinDelayMs: 500,
            reconnectMaxDelayMs: 3000,
            flushIntervalMs: 500,
        },
        // Two stacks run side by side: no fixed ports, and nothing that nominates.
        metrics: {...base.metrics, ports: Object.fromEntries(Object.keys(base.metrics.ports).map(k => [k, 0]))},
        nominator: {...base.nominator, enabled: false, dryRun: false, accounts: []},
    }
}

export class IndexingStack {
    private readonly supervisor: Supervisor
    private readonly log: fs.WriteStream
    private client: pg.Client | undefined

    /**
     * @param name `soak` or `reference`: the prefix of its log lines and files
     * @param dir where its config and its services' log (`<name>.log`) go
     */
    constructor(
        readonly name: string,
        readonly db: DbSettings,
        endpoints: StackEndpoints,
        dir: string,
    ) {
        const configFile = path.join(dir, `${name}-config.json`)
        fs.writeFileSync(configFile, JSON.stringify(stackConfig(endpoints), null, 2))
        const config = loadConfig(configFile)
        this.log = fs.createWriteStream(path.join(dir, `${name}.log`), {flags: 'a'})
        const {DB_URL: _, ...env} = process.env
        this.supervisor = new Supervisor(
            createLogger(`soak:${name}`),
            {
                ...env,
                ...dbEnv(db),
                CONFIG: configFile,
                FORCE_PRETTY_LOGGER: '0',
                PROCESSOR_PROMETHEUS_PORT: '0',
            },
            line => this.log.write(line + '\n'),
        )
        // The indexing stack only: what reads the chain and the feed.
        this.supervisor.start(plannedServices(config, dir).filter(s => s.name === 'telemetry' || s.name.startsWith('squid-')))
    }

    pidOf(service: ServiceTarget): number | undefined {
        return this.supervisor.pidOf(SERVICE_NAMES[service])
    }

    /** kill -9 of one service; false when it was not running (waiting for its restart). */
    kill(service: ServiceTarget): boolean {
        const pid = this.pidOf(service)
        if (pid === undefined) return false
        try {
            process.kill(pid, 'SIGKILL')
            return true
        } catch {
            return false
        }
    }

    /** Each processor's progress, or undefined while the database does not answer. */
    async sample(): Promise<Record<ChainTarget, ProcessorSample> | undefined> {
        try {
            if (!this.client) {
                const client = new pg.Client({...pgClientConfig(this.db), connectionTimeoutMillis: 2000})
                client.on('error', () => undefined)
                await client.connect()
                this.client = client
            }
            const out = {} as Record<ChainTarget, ProcessorSample>
            for (const [chain, schema] of Object.entries(STATE_SCHEMAS) as [ChainTarget, string][]) {
                out[chain] = await this.processorSample(this.client, schema)
            }
            return out
        } catch {
            const lost = this.client
            this.client = undefined
            await lost?.end().catch(() => undefined)
            return undefined
        }
    }

    private async processorSample(client: pg.Client, schema: string): Promise<ProcessorSample> {
        // Before its first batch the processor has no state schema yet.
        const exists = await client.query(`SELECT to_regclass($1) AS t`, [`"${schema}".hot_block`])
        if (!exists.rows[0].t) return {height: -1, hot: []}
        const status = await client.query(`SELECT height FROM "${schema}".status WHERE id = 0`)
        const hot = await client.query(`SELECT height, hash FROM "${schema}".hot_block ORDER BY height`)
        return {height: status.rows[0]?.height ?? -1, hot: hot.rows.map(r => [r.height, r.hash])}
    }

    async stop(): Promise<void> {
        await this.supervisor.stop()
        await this.client?.end().catch(() => undefined)
        await new Promise(resolve => this.log.end(resolve))
    }
}
