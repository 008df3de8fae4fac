import fs from 'fs'
import net from 'net'
import os from 'os'
import path from 'path'
import pg from 'pg'
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest'
import {dbEnv, describeDb, pgClientConfig} from '../db/connection'
import {freePort} from '../db/embedded'
import {createTempDatabase} from '../db/test-database'
import {PROJECT_DIR} from '../config/project-dir'
import {MatrixLikeServer, stopServers} from '../test/vitest/notify-servers'
import {
    accepts,
    bannerValue,
    bareEnv,
    devnetConfigOnFreePorts as freePortsConfig,
    launch as launchRun,
    type LauncherRun,
} from '../test/vitest/launcher-run'
import {waitFor} from '../test/vitest/wait-for'

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'launcher-pg-'))
// mkdtemp makes the folder private to root; the embedded server's own user must pass through it.
fs.chmodSync(dataDir, 0o755)

const runs: LauncherRun[] = []

afterAll(async () => {
    // A failed assertion must not leave a launcher (and its services) running.
    await Promise.all(
        runs.map(r => {
            r.kill('SIGTERM')
            return r.exited
        }),
    )
    fs.rmSync(dataDir, {recursive: true, force: true})
})

/** The devnet config on free ports, in this file's folder. */
const devnetConfigOnFreePorts = () => freePortsConfig(dataDir)

/** A launcher this file stops after its tests, whatever they found. */
function launch(env: NodeJS.ProcessEnv): LauncherRun {
    const run = launchRun(env)
    runs.push(run)
    return run
}

describe('npm start with no database configured', () => {
    it('starts embedded Postgres, applies migrations, stays up, and stops cleanly on SIGINT; a second start reuses the data', async () => {
        const port = await freePort()
        const env = bareEnv({DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(port), CONFIG: await devnetConfigOnFreePorts()})

        const first = launch(env)
        await first.waitFor('"msg":"ready"')
        await first.waitFor('Ctrl-C to stop')
        expect(first.output()).toContain('starting embedded PostgreSQL')
        expect(first.output()).toMatch(/applied migrations: Data\d+/)
        expect(bannerValue(first.output(), 'postgres')).toBe(`postgres://postgres@127.0.0.1:${port}/postgres`)
        first.kill('SIGINT')
        expect(await first.exited).toBe(0)
        expect(first.output()).toContain('"msg":"stopped"')
        expect(fs.existsSync(path.join(dataDir, 'postgres', 'data', 'PG_VERSION'))).toBe(true)

        const second = launch(env)
        await second.waitFor('"msg":"ready"')
        expect(second.output()).toContain('database schema is up to date')
        second.kill('SIGTERM')
        expect(await second.exited).toBe(0)
    })

    it('on Ctrl-C in a terminal stops the services before Postgres, so their last writes land', async () => {
        const port = await freePort()
        const run = launch(bareEnv({DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(port), CONFIG: await devnetConfigOnFreePorts()}))
        await run.waitFor('"msg":"ready"')
        await run.waitFor('feed connected')
        // The relay processor has started its snapshot thread and committed its first batch.
        await run.waitFor('identities held at block')
        run.interrupt()
        expect(await run.exited).toBe(0)
        const shutdown = run.output().slice(run.output().indexOf('SIGINT: stopping'))
        // The telemetry follower writes what it holds as it stops.
        expect(shutdown).toMatch(/telemetry +\| .*"msg":"stopped"/)
        expect(shutdown).not.toMatch(/writing telemetry to Postgres failed|database connection lost|terminating connection/)
        expect(shutdown).toContain('"msg":"stopped"')
        expect(await accepts(port)).toBe(false)
        // No service ended (and was restarted) while the launcher ran.
        expect(run.output()).not.toMatch(/"msg":"[^"]* exited \(/)
    })

    it('leaves no service and no Postgres running when it is killed without a chance to clean up', async () => {
        const port = await freePort()
        const run = launch(bareEnv({DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(port), CONFIG: await devnetConfigOnFreePorts()}))
        await run.waitFor('"msg":"ready"')
        run.kill('SIGKILL')
        await run.exited
        // Nine services (a processor per chain of the current layout) stop on their own, each within its 5 s deadline, on a machine that may be busy.
        for (let i = 0; i < 300 && (run.groupAlive() || (await accepts(port))); i++) await new Promise(resolve => setTimeout(resolve, 100))
        expect(run.groupAlive()).toBe(false)
        expect(await accepts(port)).toBe(false)
    })

    it('refuses to start on a bad config, with one line per bad key', async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'launcher-cfg-'))
        const cfg = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, 'config', 'devnet.json'), 'utf8'))
        cfg.candidatesFile = path.join(PROJECT_DIR, 'config', 'candidates', 'polkadot.json')
        cfg.validity.commission.maxPerbill = 2_000_000_000
        cfg.score.weights.rank = 'high'
        fs.writeFileSync(path.join(dir, 'bad.json'), JSON.stringify(cfg))
        const run = launch(bareEnv({CONFIG: path.join(dir, 'bad.json'), DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort())}))
        expect(await run.exited).toBe(1)
        // A test waiting for it to be ready learns at once that it never will be.
        await expect(run.waitFor('"msg":"ready"')).rejects.toThrow('the launcher exited (code 1) before the line waited for')
        expect(run.output()).toContain('validity.commission.maxPerbill: must be at most 1000000000, got 2000000000')
        expect(run.output()).toContain('score.weights.rank: expected number, got "high"')
        expect(run.output()).not.toContain('embedded PostgreSQL')
        fs.rmSync(dir, {recursive: true})
    })

    it('refuses to start, naming the port, when its devnet cannot listen (another devnet holds the port), and starts no service', async () => {
        const db = await createTempDatabase(inject('dbServer'), 'launcher_port')
        const configFile = await devnetConfigOnFreePorts()
        const devnetPort = JSON.parse(fs.readFileSync(configFile, 'utf8')).devnet.port
        const held = net.createServer()
        await new Promise<void>(resolve => held.listen(devnetPort, '127.0.0.1', () => resolve()))
        try {
            const run = launch({...bareEnv({CONFIG: configFile, DATA_DIR: dataDir}), ...dbEnv(db.settings)})
            expect(await run.exited).toBe(1)
            expect(run.output()).toContain(
                `port ${devnetPort} is in use (EADDRINUSE): devnet cannot listen there. Stop what holds it (another devnet?) or choose another port in`,
            )
            expect(run.output()).not.toContain('"msg":"ready"')
            // No squid or telemetry follower reached the chain on that port.
            expect(run.output()).not.toMatch(/^(devnet|telemetry|squid-\S+|graphql) +\|/m)
        } finally {
            held.close()
            await db.drop()
        }
    })

    it('refuses to start when the migrations fail, saying how to re-index', async () => {
        const db = await createTempDatabase(inject('dbServer'), 'launcher_stale')
        try {
            // A table the first migration creates, with another shape: the state an older schema can leave.
            const client = new pg.Client(pgClientConfig(db.settings))
            await client.connect()
            await client.query('CREATE TABLE account (id integer PRIMARY KEY)')
            await client.end()
            const run = launch({...bareEnv({CONFIG: await devnetConfigOnFreePorts(), DATA_DIR: dataDir}), ...dbEnv(db.settings)})
            expect(await run.exited).toBe(1)
            expect(run.output()).toContain(`migrations failed on ${describeDb(db.settings)}`)
            expect(run.output()).toContain('drop that database and start again')
            expect(run.output()).not.toContain('"msg":"ready"')
        } finally {
            await db.drop()
        }
    })

    it('with DB_URL set, hands its services that one form, so none warns that it ignores DB_HOST and the rest', async () => {
        const db = await createTempDatabase(inject('dbServer'), 'launcher_db_url')
        try {
            const {user, password, host, port, database} = db.settings
            const url = `postgres://${encodeURIComponent(user)}${password ? `:${encodeURIComponent(password)}` : ''}@${host}:${port}/${database}`
            const run = launch({...bareEnv({CONFIG: await devnetConfigOnFreePorts(), DATA_DIR: dataDir}), DB_URL: url})
            await run.waitFor('"msg":"ready"')
            // The GraphQL server and the relay processor have each opened their TypeORM connection.
            await run.waitFor('identities held at block')
            await run.waitFor('listening on port')
            run.kill('SIGTERM')
            expect(await run.exited).toBe(0)
            expect(bannerValue(run.output(), 'postgres')).toBe(describeDb(db.settings))
            expect(run.output()).not.toMatch(/ignoring DB_\w+, because DB_URL is set/)
        } finally {
            await db.drop()
        }
    })
})

/** One sample of a Prometheus text exposition: `name{labels} value`. */
interface Sample {
    name: string
    labels: string
    value: number
}

function parseSamples(text: string): Sample[] {
    return text
        .split('\n')
        .filter(l => l && !l.startsWith('#'))
        .map(l => {
            const m = /^([a-zA-Z_:][\w:]*)(\{.*\})?\s+(\S+)/.exec(l)
            if (!m) throw new Error(`not a Prometheus sample: ${l}`)
            return {name: m[1], labels: m[2] ?? '', value: Number(m[3])}
        })
}

/** What an operator reads on each service's endpoint: the named series with sensible values, and the dependencies `/health` probes. */
const ENDPOINTS: Record<string, {dependencies: string[]; ready: (s: Sample[]) => boolean}> = {
    squidRelay: {dependencies: ['database', 'chain'], ready: processorIndexes},
    squidAssetHub: {dependencies: ['database', 'chain'], ready: processorIndexes},
    squidPeople: {dependencies: ['database', 'chain'], ready: processorIndexes},
    graphql: {dependencies: ['database'], ready: s => value(s, 'process_cpu_user_seconds_total') > 0},
    telemetry: {
        dependencies: ['database', 'feed'],
        ready: s => one(s, 'telemetry_connected').value === 1 && one(s, 'telemetry_nodes_online').value > 0,
    },
    scorer: {
        dependencies: ['database'],
        ready: s =>
            value(s, 'scorer_pass_duration_seconds_count') >= 1 &&
            ['valid', 'invalid', 'unknown'].every(v =>
                s.some(x => x.name === 'scorer_candidates' && x.labels.includes(`verdict="${v}"`)),
            ) &&
            s.filter(x => x.name === 'scorer_candidates').reduce((n, x) => n + x.value, 0) > 0,
    },
    gateway: {
        dependencies: ['database'],
        ready: s =>
            s.some(
                x => x.name === 'gateway_http_request_duration_seconds_count' && x.labels.includes('route="/healthcheck"') && x.value >= 1,
            ),
    },
    nominator: {
        dependencies: ['database', 'chain'],
        ready: s =>
            value(s, 'nominator_checks_total') >= 1 &&
            s.filter(x => x.name === 'nominator_round_gate' && x.value === 1).length === 1 &&
            value(s, 'nominator_last_round_era') >= -1 &&
            value(s, 'nominator_pending_announcements') >= 0,
    },
}

/** Each service's name in the banner (and its log prefix). */
const BANNER_NAMES: Record<string, string> = {
    squidRelay: 'squid-relay',
    squidAssetHub: 'squid-asset-hub',
    squidPeople: 'squid-people',
    graphql: 'graphql',
    telemetry: 'telemetry',
    scorer: 'scorer',
    gateway: 'gateway',
    nominator: 'nominator',
}

/** Indexed height above the genesis, a lag behind the finalized head, Node's default metrics. */
function processorIndexes(s: Sample[]): boolean {
    return (
        value(s, 'sqd_processor_last_block') > 0 &&
        value(s, 'squid_processor_lag_blocks') >= 0 &&
        value(s, 'nodejs_heap_size_used_bytes') > 0
    )
}

function one(s: Sample[], name: string): Sample {
    return s.find(x => x.name === name) ?? {name, labels: '', value: Number.NaN}
}

function value(s: Sample[], name: string): number {
    return one(s, name).value
}

/** The README's fenced blocks of one language (```graphql, ```http, ```sql). */
function readmeBlocks(lang: string): string[] {
    const readme = fs.readFileSync(path.join(PROJECT_DIR, 'README.md'), 'utf8')
    return [...readme.matchAll(new RegExp('^```' + lang + '\\n([\\s\\S]*?)^```$', 'gm'))].map(m => m[1])
}

/** An answer with data: a non-empty array, or an object with a field that has data. */
function hasData(v: unknown): boolean {
    if (Array.isArray(v)) return v.length > 0
    if (v && typeof v === 'object') return Object.keys(v).length > 0
    return v !== null && v !== undefined
}

describe('the whole stack as npm start runs it, on the current-layout devnet', () => {
    const MATRIX_TOKEN = 'syt_bGF1bmNoZXI_STACKxTOKENx9'
    const ROOM = '!programme:matrix.example'
    let db: Awaited<ReturnType<typeof createTempDatabase>>
    let run: LauncherRun
    let room: MatrixLikeServer
    let cfg: {metrics: {ports: Record<string, number>}; api: {graphqlPort: number; restPort: number}}
    beforeAll(async () => {
        db = await createTempDatabase(inject('dbServer'), 'launcher_stack')
        // The staff's Matrix room, its access token in the launcher's environment only.
        room = await new MatrixLikeServer(ROOM, MATRIX_TOKEN).start()
        const configFile = await devnetConfigOnFreePorts()
        const file = JSON.parse(fs.readFileSync(configFile, 'utf8'))
        file.notify = {...file.notify, matrix: {homeserverUrl: room.url, roomId: ROOM, accessToken: {env: 'STACK_TEST_MATRIX_TOKEN'}}}
        fs.writeFileSync(configFile, JSON.stringify(file))
        cfg = file
        run = launch({...bareEnv({CONFIG: configFile, DATA_DIR: dataDir}), ...dbEnv(db.settings), STACK_TEST_MATRIX_TOKEN: MATRIX_TOKEN})
        await run.waitFor('Ctrl-C to stop')
    }, 300_000)
    afterAll(async () => {
        run?.kill('SIGTERM')
        expect(await run?.exited).toBe(0)
        await stopServers()
        await db?.drop()
    })

    it("tells the Matrix room, with the token from the environment, that the nominator's first round was decided and landed", async () => {
        const bodies = () => room.room.map(e => e.content.body)
        await waitFor(
            'a round landed, told in the room',
            bodies,
            b => b.some(t => /^\[devnet\] Round for era \d+ landed in block \d+/.test(t)),
            300_000,
            500,
        )
        const decided = bodies().find(t => /^\[devnet\] Round for era \d+ decided: 1 account/.test(t))
        expect(decided).toMatch(/\n- devnet-alice-via-bob \(\w+\): \d+ targets?: /)
        expect(decided).toMatch(/\n- input hash 0x[0-9a-f]{64}$/)
        expect(room.requests.every(r => r.headers.authorization === `Bearer ${MATRIX_TOKEN}`)).toBe(true)
        expect(run.output()).not.toContain(MATRIX_TOKEN)
    }, 330_000)

    it('each service serves its named metrics with sensible values and a health report naming its dependencies, all up', async () => {
        // The banner names each service's endpoints.
        for (const [service, name] of Object.entries(BANNER_NAMES)) {
            expect(bannerValue(run.output(), `metrics ${name}`)).toBe(`http://127.0.0.1:${cfg.metrics.ports[service]}/metrics`)
            expect(bannerValue(run.output(), `health ${name}`)).toBe(`http://127.0.0.1:${cfg.metrics.ports[service]}/health`)
        }
        // One REST request, whatever its answer, for the latency histogram.
        const rest = `http://127.0.0.1:${cfg.api.restPort}/healthcheck`
        await waitFor(
            'a REST answer',
            () =>
                fetch(rest).then(
                    r => r.status,
                    () => 0,
                ),
            s => s > 0,
            120_000,
            500,
        )
        for (const [service, want] of Object.entries(ENDPOINTS)) {
            const base = `http://127.0.0.1:${cfg.metrics.ports[service]}`
            await waitFor(
                `${service}'s metrics`,
                () =>
                    fetch(`${base}/metrics`).then(
                        r => r.text(),
                        () => '',
                    ),
                text => want.ready(parseSamples(text)),
                240_000,
                1000,
            )
            const health = await waitFor(
                `${service}'s health`,
                () =>
                    fetch(`${base}/health`).then(
                        async r => ({status: r.status, body: await r.json()}),
                        () => undefined,
                    ),
                h => h?.status === 200,
                120_000,
                1000,
            )
            expect(health!.body).toEqual({
                status: 'ok',
                service,
                dependencies: Object.fromEntries(want.dependencies.map(d => [d, {ok: true}])),
            })
        }
    }, 600_000)

    it("answers the README's GraphQL, REST and SQL examples without error and with data", async () => {
        const queries = readmeBlocks('graphql')
        const routes = readmeBlocks('http').flatMap(b => b.split('\n').filter(Boolean))
        const statements = readmeBlocks('sql').flatMap(b =>
            b
                .split(';')
                .map(q => q.trim())
                .filter(Boolean),
        )
        expect([queries.length, routes.length, statements.length].every(n => n > 0)).toBe(true)
        for (const query of queries) {
            // Every root field answers with data once the devnet's first eras are indexed and the scorer has run.
            const answer = await waitFor(
                `the README's GraphQL example to answer with data:\n${query}`,
                () =>
                    fetch(`http://127.0.0.1:${cfg.api.graphqlPort}/graphql`, {
                        method: 'POST',
                        headers: {'content-type': 'application/json'},
                        body: JSON.stringify({query}),
                    }).then(
                        r => r.json() as Promise<{data?: Record<string, unknown>; errors?: unknown[]}>,
                        () => undefined,
                    ),
                a => !!a && (!!a.errors || (!!a.data && Object.values(a.data).every(hasData))),
                240_000,
                1000,
            )
            expect(answer!.errors).toBeUndefined()
        }
        for (const line of routes) {
            const [method, route] = line.split(' ')
            expect(method).toBe('GET')
            const answer = await waitFor(
                `the README's REST example ${route} to answer with data`,
                () =>
                    fetch(`http://127.0.0.1:${cfg.api.restPort}${route}`).then(
                        async r => ({status: r.status, body: await r.json()}),
                        () => undefined,
                    ),
                a => !!a && (a.status !== 200 && a.status !== 503 ? true : a.status === 200 && hasData(a.body)),
                240_000,
                1000,
            )
            expect(answer!.status, route).toBe(200)
        }
        const client = new pg.Client(pgClientConfig(db.settings))
        await client.connect()
        try {
            for (const sql of statements) {
                const rows = await waitFor(
                    `the README's SQL example to return rows: ${sql}`,
                    async () => (await client.query(sql)).rows,
                    r => r.length > 0,
                    240_000,
                    1000,
                )
                expect(rows.length).toBeGreaterThan(0)
            }
        } finally {
            await client.end()
        }
    }, 600_000)
})
