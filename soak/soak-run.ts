/**
 * One chaos soak: a devnet of the current layout (relay, Asset Hub, People) producing blocks, and two
 * indexing stacks reading it at once: the reference directly into a database on the shared server, the
 * soak stack through fault-injecting proxies into its own Postgres, while the seeded schedule kills its
 * services, reorgs the chain (both stacks see it), fails and slows its RPC, stalls its feed and restarts its
 * Postgres. At the end both stacks settle at the same head and every table is compared.
 */
import {fork, type ChildProcess} from 'child_process'
import fs from 'fs'
import os from 'os'
import path from 'path'
import {PROJECT_DIR} from '../config/project-dir'
import pg from 'pg'
import {pgClientConfig, type DbSettings} from '../db/connection'
import {applyMigrations} from '../db/migrate'
import {createTempDatabase} from '../db/test-database'
import {scenarios} from '../devnet'
import type {ChainHeads, DevnetHostOptions, FromHost, ToHost} from './devnet-host'
import {startFaultProxy, type FaultProxy} from './fault-proxy'
import {
    CHAIN_TARGETS,
    describeFault,
    faultSchedule,
    MAX_REORG_DEPTH,
    SERVICE_TARGETS,
    type ChainTarget,
    type Fault,
    type FaultKind,
    type ServiceTarget,
} from './fault-schedule'
import {IndexingStack, type StackEndpoints} from './indexing-stack'
import {ProgressTracker, type FinalityLag, type Stall} from './progress-tracker'
import {RestartablePostgres} from './restartable-postgres'
import {compareDatabases, type TableDiff} from './table-compare'

export interface SoakOptions {
    seed: number
    durationMs: number
    /** A height standing still this long while the finalized head has passed it is a stall. */
    stallAfterMs: number
    blockTimeMs: number
    /** The current layout's session length and sessions per era (the scenario's: 5 and 3). */
    blocksPerSession: number
    sessionsPerEra: number
    /** After the run: how long both stacks may take to reach the head and agree. */
    settleTimeoutMs: number
    sampleIntervalMs: number
    /** The server (maintenance database) on which the reference database is created and dropped. */
    referenceServer: DbSettings
    /** Config, logs and the soak's Postgres go here (created); default a new temporary folder. */
    workDir?: string
    log: (line: string) => void
}

export const STACKS = ['soak', 'reference'] as const
export type StackName = (typeof STACKS)[number]

export interface ServiceReport {
    stack: StackName
    service: ServiceTarget
    /** Restarts seen (the process id changed), and how many of them followed an injected kill. */
    restarts: number
    killed: number
    /** Processors: finalized height at the end, longest finality-to-rows time. */
    height?: number
    maxLag?: FinalityLag | null
}

export interface SoakReport {
    seed: number
    durationMs: number
    blockTimeMs: number
    stallAfterMs: number
    best: number
    finalized: number
    /** Eras seen to end (by the stack that got further). */
    eras: number
    faults: Fault[]
    injected: Record<FaultKind, number>
    services: ServiceReport[]
    stalls: Stall[]
    /** False when a stack did not reach the head within the settle timeout. */
    settled: boolean
    diffs: TableDiff[]
    workDir: string
}

const FINALITY_LAG_BLOCKS = MAX_REORG_DEPTH

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

/** The devnet host process; resolves once it serves. */
function startDevnetHost(
    options: DevnetHostOptions,
    onMessage: (m: FromHost) => void,
): Promise<{child: ChildProcess; ready: Extract<FromHost, {type: 'ready'}>}> {
    const child = fork(path.join(PROJECT_DIR, 'lib/soak/devnet-host.js'), [JSON.stringify(options)], {
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    })
    return new Promise((resolve, reject) => {
        child.once('exit', code => reject(new Error(`the soak's devnet exited (code ${code}) before it served`)))
        child.on('message', (m: FromHost) => {
            if (m.type === 'ready') resolve({child, ready: m})
            else if (m.type === 'failed') reject(new Error(`the soak's devnet: ${m.message}`))
            onMessage(m)
        })
    })
}

export async function runSoak(opts: SoakOptions): Promise<SoakReport> {
    const log = opts.log
    const workDir = opts.workDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'soak-'))
    fs.mkdirSync(workDir, {recursive: true})
    // The embedded Postgres runs as the postgres user when this runs as root: it must enter the folder.
    if (!opts.workDir) fs.chmodSync(workDir, 0o755)
    const faults = faultSchedule(opts.seed, opts.durationMs)
    log(`seed ${opts.seed}, ${(opts.durationMs / 60_000).toFixed(1)} min, ${faults.length} faults; logs in ${workDir}`)

    const cleanups: (() => Promise<unknown>)[] = []
    const tracker = new ProgressTracker(opts.stallAfterMs)
    let heads: ChainHeads | undefined
    const onHost = (m: FromHost) => {
        if (m.type === 'failed') log(`devnet: ${m.message}`)
        if (m.type === 'reorged') log(`devnet reorged ${m.depth} block(s): best ${m.heads.best}`)
        if ('heads' in m) {
            heads = m.heads
            tracker.onHeads(m.heads)
        }
    }
    try {
        const scenario = {...scenarios.current, blocksPerSession: opts.blocksPerSession, sessionsPerEra: opts.sessionsPerEra}
        const host = await startDevnetHost(
            {scenario, seed: opts.seed, blockTimeMs: opts.blockTimeMs, finalityLagBlocks: FINALITY_LAG_BLOCKS},
            onHost,
        )
        cleanups.push(async () => {
            const exited = new Promise(resolve => host.child.once('exit', resolve))
            if (host.child.connected) host.child.send({type: 'stop'} satisfies ToHost)
            else host.child.kill('SIGKILL')
            await Promise.race([exited, sleep(10_000).then(() => host.child.kill('SIGKILL'))])
        })
        const send = (m: ToHost) => host.child.connected && host.child.send(m)
        const upstream = Object.fromEntries(host.ready.endpoints.map(e => [e.role, e.url])) as Record<ChainTarget, string>
        const proxies = {} as Record<ChainTarget, FaultProxy>
        for (const chain of CHAIN_TARGETS) {
            proxies[chain] = await startFaultProxy(upstream[chain], chain === 'relay' ? host.ready.feedPath : undefined)
            cleanups.push(() => proxies[chain].stop())
        }

        const pgLog = fs.createWriteStream(path.join(workDir, 'soak-postgres.log'))
        cleanups.push(() => new Promise(resolve => pgLog.end(resolve)))
        const soakPg = await RestartablePostgres.start(path.join(workDir, 'postgres'), line => pgLog.write(line + '\n'))
        cleanups.push(async () => {
            await soakPg.stop()
            fs.rmSync(path.join(workDir, 'postgres'), {recursive: true, force: true})
        })
        const referenceDb = await createTempDatabase(opts.referenceServer, 'soak_reference')
        cleanups.push(() => referenceDb.drop())
        await applyMigrations(soakPg.settings)
        await applyMigrations(referenceDb.settings)

        const endpoints = (chains: Record<ChainTarget, string>, feedUrl: string): StackEndpoints => ({
            chains,
            feedUrl,
            genesisHash: host.ready.genesisHash,
        })
        const stacks: Record<StackName, IndexingStack> = {
            reference: new IndexingStack('reference', referenceDb.settings, endpoints(upstream, host.ready.feedUrl), workDir),
            soak: new IndexingStack(
                'soak',
                soakPg.settings,
                endpoints(
                    {relay: proxies.relay.url, assetHub: proxies.assetHub.url, people: proxies.people.url},
                    proxies.relay.url + host.ready.feedPath,
                ),
                workDir,
            ),
        }
        // Stacks stop before the databases and the devnet they use.
        cleanups.push(() => Promise.all(STACKS.map(s => stacks[s].stop())))
        for (const stack of STACKS) for (const chain of CHAIN_TARGETS) tracker.watch(`${stack}/${chain}`, chain)

        // Restarts: a service's process id changes.
        const pids = new Map<string, number>()
        const restarts = new Map<string, number>()
        const killed = new Map<string, number>()
        const watchPids = () => {
            for (const stack of STACKS) {
                for (const service of SERVICE_TARGETS) {
                    const key = `${stack}/${service}`
                    const pid = stacks[stack].pidOf(service)
                    if (pid === undefined) continue
                    if (pids.has(key) && pids.get(key) !== pid) restarts.set(key, (restarts.get(key) ?? 0) + 1)
                    pids.set(key, pid)
                }
            }
        }
        const sampleOnce = async () => {
            watchPids()
            for (const stack of STACKS) {
                const samples = await stacks[stack].sample()
                if (!samples) continue
                const nowMs = Date.now()
                for (const chain of CHAIN_TARGETS) tracker.onSample(`${stack}/${chain}`, samples[chain], nowMs)
            }
        }
        let sampling = true
        const sampler = (async () => {
            while (sampling) {
                await sampleOnce()
                await sleep(opts.sampleIntervalMs)
            }
        })()
        cleanups.push(async () => {
            sampling = false
            await sampler
        })

        // Faults hit running stacks: the schedule's clock starts once every processor has reached the head.
        const processors = STACKS.flatMap(stack => CHAIN_TARGETS.map(chain => `${stack}/${chain}`))
        const warmUpDeadline = Date.now() + opts.settleTimeoutMs
        while (!tracker.caughtUp(processors) && Date.now() < warmUpDeadline) await sleep(500)
        // One that never got there has stalled or is too slow: the run goes on and the report says which.
        log(
            tracker.caughtUp(processors)
                ? `every processor reached the head (best ${heads?.best}): faults start`
                : `not every processor reached the head within ${opts.settleTimeoutMs / 1000} s: faults start anyway`,
        )

        // The schedule, from now.
        const injected = Object.fromEntries(
            ['kill', 'reorg', 'rpc-errors', 'latency', 'drop-connections', 'feed-stall', 'postgres-restart'].map(k => [k, 0]),
        ) as Record<FaultKind, number>
        const startMs = Date.now()
        const activeLatencies: number[] = []
        let activeStalls = 0
        const ends: Promise<unknown>[] = []
        const setLatency = () => {
            for (const chain of CHAIN_TARGETS) proxies[chain].latencyMs = Math.max(0, ...activeLatencies)
        }
        const inject = (f: Fault): Promise<unknown> => {
            injected[f.kind]++
            log(`+${((Date.now() - startMs) / 1000).toFixed(1)} s: ${describeFault(f)}`)
            switch (f.kind) {
                case 'kill':
                    if (stacks.soak.kill(f.service)) killed.set(`soak/${f.service}`, (killed.get(`soak/${f.service}`) ?? 0) + 1)
                    else log(`  ${f.service} was not running (waiting for its restart)`)
                    return Promise.resolve()
                case 'reorg':
                    send({type: 'reorg', depth: f.depth})
                    return Promise.resolve()
                case 'rpc-errors':
                    proxies[f.chain].failNext(f.count, {code: f.code, message: f.message})
                    return Promise.resolve()
                case 'latency':
                    activeLatencies.push(f.latencyMs)
                    setLatency()
                    return sleep(f.durationMs).then(() => {
                        activeLatencies.splice(activeLatencies.indexOf(f.latencyMs), 1)
                        setLatency()
                    })
                case 'drop-connections':
                    for (const chain of CHAIN_TARGETS) proxies[chain].dropConnections()
                    return Promise.resolve()
                case 'feed-stall':
                    activeStalls++
                    proxies.relay.stallFeed()
                    return sleep(f.durationMs).then(() => {
                        if (--activeStalls === 0) proxies.relay.resumeFeed()
                    })
                case 'postgres-restart':
                    return soakPg
                        .restart(f.downMs)
                        .catch(e => log(`  the soak's Postgres did not come back: ${e instanceof Error ? e.message : e}`))
            }
        }
        for (const f of faults) {
            await sleep(Math.max(0, startMs + f.atMs - Date.now()))
            ends.push(inject(f))
        }
        await sleep(Math.max(0, startMs + opts.durationMs - Date.now()))
        await Promise.all(ends)
        send({type: 'pause'})
        log(`+${((Date.now() - startMs) / 1000).toFixed(1)} s: block production paused at ${heads?.best}; settling`)

        // Settle: every processor of both stacks at the head, then the tables agree (the telemetry follower and
        // a last era snapshot may still be writing: compare again until they agree or the time is up).
        const deadline = Date.now() + opts.settleTimeoutMs
        let settled = false
        let diffs: TableDiff[] = []
        while (Date.now() < deadline) {
            await sleep(1000)
            const samples = await Promise.all(STACKS.map(s => stacks[s].sample()))
            const atHead =
                heads !== undefined &&
                samples.every(
                    s =>
                        s &&
                        CHAIN_TARGETS.every(
                            c => s[c].height === heads!.finalized && Math.max(s[c].height, ...s[c].hot.map(h => h[0])) === heads!.best,
                        ),
                )
            if (!atHead) continue
            settled = true
            diffs = await compareDatabases(soakPg.settings, referenceDb.settings)
            if (diffs.length === 0) break
        }
        if (!settled) {
            log('the stacks did not reach the head in time')
            diffs = await compareDatabases(soakPg.settings, referenceDb.settings).catch(e => {
                log(`comparison failed: ${e instanceof Error ? e.message : e}`)
                return []
            })
        }
        await sampleOnce()
        // Either stack may have stalled short of the end: the one that got further says how many eras the chain had.
        const eras = Math.max(await eraCount(referenceDb.settings), await eraCount(soakPg.settings).catch(() => 0))

        const services: ServiceReport[] = []
        for (const stack of STACKS) {
            for (const service of SERVICE_TARGETS) {
                const key = `${stack}/${service}`
                const isChain = service !== 'telemetry'
                services.push({
                    stack,
                    service,
                    restarts: restarts.get(key) ?? 0,
                    killed: killed.get(key) ?? 0,
                    ...(isChain ? {height: tracker.heightOf(key), maxLag: tracker.maxLag(key)} : {}),
                })
            }
        }
        return {
            seed: opts.seed,
            durationMs: opts.durationMs,
            blockTimeMs: opts.blockTimeMs,
            stallAfterMs: opts.stallAfterMs,
            best: heads?.best ?? -1,
            finalized: heads?.finalized ?? -1,
            eras,
            faults,
            injected,
            services,
            stalls: tracker.stalls,
            settled,
            diffs,
            workDir,
        }
    } finally {
        for (const c of cleanups.reverse()) await c().catch(e => log(`cleanup: ${e instanceof Error ? e.message : e}`))
    }
}

async function eraCount(db: DbSettings): Promise<number> {
    const client = new pg.Client(pgClientConfig(db))
    await client.connect()
    try {
        return (await client.query('SELECT count(*)::int AS n FROM era WHERE end_block IS NOT NULL')).rows[0].n
    } finally {
        await client.end()
    }
}
