/**
 * docker-compose.yml as the Compose client reads it (`docker compose config`, or Debian's `docker-compose
 * config`): Postgres and each service in its own container from ./Dockerfile's image, health checks and
 * start-up order, every port on 127.0.0.1, no password in the file, and every command a script of the build.
 * Nothing is installed here: `.ci/run` installs the client.
 */
import {spawnSync} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import yaml from 'js-yaml'
import {describe, expect, it} from 'vitest'
import {loadConfig} from '../config/load'
import {PROJECT_DIR} from '../config/project-dir'

const PASSWORD = `pw-${process.pid}-${Date.now()}`

/** `docker compose` (v2) where it works, else `docker-compose` (v1, Debian's package). */
function composeClient(): string[] | undefined {
    for (const cmd of [['docker', 'compose'], ['docker-compose']]) {
        const r = spawnSync(cmd[0], [...cmd.slice(1), 'version'], {encoding: 'utf8'})
        if (r.status === 0) return cmd
    }
    return undefined
}

function composeConfig(env: Record<string, string>): {status: number | null; stdout: string; stderr: string} {
    const client = composeClient()
    if (!client)
        throw new Error(
            "no Compose client: install Debian's docker-compose (`apt-get install -y docker-compose`, as .ci/run does) or the docker compose plugin",
        )
    // An empty env file: the checkout's .env (for `sqd run .`) must not change what is checked.
    const envFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'compose-')), 'empty.env')
    fs.writeFileSync(envFile, '')
    const r = spawnSync(
        client[0],
        [...client.slice(1), '--env-file', envFile, '-f', path.join(PROJECT_DIR, 'docker-compose.yml'), 'config'],
        {
            cwd: PROJECT_DIR,
            encoding: 'utf8',
            env: {PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), ...env},
        },
    )
    fs.rmSync(path.dirname(envFile), {recursive: true, force: true})
    return {status: r.status, stdout: r.stdout, stderr: r.stderr}
}

interface Service {
    image?: string
    build?: {target?: string}
    command?: string[]
    environment?: Record<string, string>
    ports?: (string | {host_ip?: string; published?: string | number; target?: number})[]
    healthcheck?: {test: string[]}
    depends_on?: Record<string, {condition: string}>
    profiles?: string[]
    volumes?: (string | {type?: string; source?: string})[]
}

function composeServices(): Record<string, Service> {
    const r = composeConfig({DB_PASS: PASSWORD})
    expect(r.status, r.stderr).toBe(0)
    return (yaml.load(r.stdout) as {services: Record<string, Service>}).services
}

/** Published ports as host_ip and host port, from either client's output. */
function published(s: Service): {hostIp: string; port: number}[] {
    return (s.ports ?? []).map(p => {
        if (typeof p === 'object') return {hostIp: p.host_ip ?? '0.0.0.0', port: Number(p.published)}
        const parts = p.replace(/\/\w+$/, '').split(':')
        return parts.length === 3 ? {hostIp: parts[0], port: Number(parts[1])} : {hostIp: '0.0.0.0', port: Number(parts[0])}
    })
}

/** The scripts a service runs: its command's and its health check's `lib/….js`. */
function scripts(s: Service): string[] {
    return [...(s.command ?? []), ...(s.healthcheck?.test ?? [])].filter(a => /^lib\/.*\.js$/.test(a))
}

const LATER = ['scorer', 'gateway', 'nominator'].filter(name => fs.existsSync(path.join(PROJECT_DIR, name, 'main.ts')))
const APP = ['squid-relay', 'squid-asset-hub', 'squid-people', 'graphql', 'telemetry', ...LATER]

describe('docker-compose.yml', () => {
    const services = composeServices()

    it('runs Postgres, the migrations once, and each service in its own container from the one image', () => {
        expect(Object.keys(services).sort()).toEqual(['db', 'devnet', 'migrate', ...APP].sort())
        expect(services.db.image).toMatch(/^postgres:\d+/)
        for (const name of ['migrate', ...APP]) {
            expect(services[name].image, name).toBe(services.migrate.image)
            expect(services[name].build?.target, name).toBe('runtime')
        }
        expect(services.migrate.command).toEqual(['node', 'lib/db/migrate-cli.js'])
    })

    it('starts in order: Postgres healthy, then the migrations complete, then the services', () => {
        expect(services.migrate.depends_on).toEqual({db: {condition: 'service_healthy'}})
        for (const name of APP) expect(services[name].depends_on, name).toEqual({migrate: {condition: 'service_completed_successfully'}})
    })

    it('runs only scripts the build produces: every lib/….js has its source in the repo', () => {
        for (const [name, s] of Object.entries(services)) {
            for (const script of scripts(s)) {
                expect(
                    fs.existsSync(path.join(PROJECT_DIR, script.replace(/^lib\//, '').replace(/\.js$/, '.ts'))),
                    `${name}: ${script}`,
                ).toBe(true)
            }
        }
        for (const name of [...APP, 'migrate']) expect(scripts(services[name]).length, name).toBeGreaterThan(0)
    })

    it("checks each service's health on the port it publishes; metrics ports are the config's", () => {
        const cfg = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, 'config', 'docker.json'), 'utf8'))
        const metricsPort: Record<string, number> = {
            'squid-relay': cfg.metrics.ports.squidRelay,
            'squid-asset-hub': cfg.metrics.ports.squidAssetHub,
            'squid-people': cfg.metrics.ports.squidPeople,
            telemetry: cfg.metrics.ports.telemetry,
            graphql: cfg.api.graphqlPort,
            scorer: cfg.metrics.ports.scorer,
            gateway: cfg.metrics.ports.gateway,
            nominator: cfg.metrics.ports.nominator,
        }
        for (const name of ['devnet', ...APP]) {
            const test = services[name].healthcheck?.test ?? []
            expect(test.slice(0, 3), name).toEqual(['CMD', 'node', 'lib/service/health-probe.js'])
            const port = Number(/^http:\/\/127\.0\.0\.1:(\d+)/.exec(test.at(-1)!)?.[1])
            expect(
                published(services[name]).map(p => p.port),
                name,
            ).toContain(port)
            if (name !== 'devnet') expect(port, name).toBe(metricsPort[name])
        }
        // The services' config: endpoints on every interface of their container, the devnet reached by its container's name.
        const loaded = loadConfig(path.join(PROJECT_DIR, 'config', 'docker.json'), {})
        expect(loaded.metrics.host).toBe('0.0.0.0')
        expect(loaded.devnet).toMatchObject({host: 'devnet', port: 9944, scenario: 'current'})
    })

    it("reaches other services only through Postgres: no container is given another's address, the config names none", () => {
        // The scorer reads each squid's chain head from Postgres (ChainHead), the gateway and GraphQL their rows: none
        // calls another container, which it could not reach by 127.0.0.1 or the config's metrics.host.
        const hostOf = (name: string) => new RegExp(`(^|[/@"=])${name}(:|"|$)`)
        for (const name of APP) {
            const given = JSON.stringify({environment: services[name].environment, command: services[name].command})
            for (const other of APP) if (other !== name) expect(given, `${name} is given ${other}'s address`).not.toMatch(hostOf(other))
            expect(given, name).not.toMatch(/127\.0\.0\.1|localhost/)
        }
        const strings = (v: unknown): string[] =>
            typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : []
        const loaded = loadConfig(path.join(PROJECT_DIR, 'config', 'docker.json'), {})
        const addresses = strings(loaded).filter(s => /:\/\/|^(127\.0\.0\.1|localhost)$/.test(s))
        for (const a of addresses) {
            expect(a).not.toMatch(/127\.0\.0\.1|localhost/)
            for (const name of APP) expect(a).not.toMatch(hostOf(name))
        }
    })

    it('publishes every port on 127.0.0.1 only', () => {
        const all = Object.entries(services).flatMap(([name, s]) => published(s).map(p => ({name, ...p})))
        expect(all.length).toBeGreaterThan(APP.length)
        expect(all.filter(p => p.hostIp !== '127.0.0.1')).toEqual([])
        expect(published(services.db)).toEqual([{hostIp: '127.0.0.1', port: 5432}])
    })

    it("holds no password: Postgres' comes from DB_PASS, which it requires", () => {
        const text = fs.readFileSync(path.join(PROJECT_DIR, 'docker-compose.yml'), 'utf8')
        // A key naming a secret, with a value that is not a ${VARIABLE}.
        expect(text).not.toMatch(/\w*(PASSWORD|PASS|SEED|TOKEN)\w*:\s+(?!["']?\$\{)\S/)
        expect(services.db.environment?.POSTGRES_PASSWORD).toBe(PASSWORD)
        for (const name of APP) expect(services[name].environment?.DB_PASS, name).toBe(PASSWORD)
        const without = composeConfig({})
        expect(without.status).not.toBe(0)
        expect(without.stderr).toContain('set DB_PASS, the database password, in the environment')
    })

    it("gives the nominator's seeds to the nominator's container alone", () => {
        const seeded = Object.entries(services)
            .filter(([, s]) => Object.keys(s.environment ?? {}).some(k => k.endsWith('_SEED')))
            .map(([name]) => name)
        expect(seeded).toEqual(['nominator'])
        expect(Object.keys(services.nominator.environment!)).toEqual(
            expect.arrayContaining(['KUSAMA_NOMINATOR_1_SEED', 'POLKADOT_NOMINATOR_1_SEED']),
        )
    })

    it("gives the notification targets' secrets to the services that notify alone", () => {
        const notifying = Object.entries(services)
            .filter(([, s]) => Object.keys(s.environment ?? {}).some(k => k === 'MATRIX_ACCESS_TOKEN' || k === 'NOTIFY_WEBHOOK_URL'))
            .map(([name]) => name)
            .sort()
        expect(notifying).toEqual(['nominator', 'scorer', 'squid-asset-hub', 'squid-people', 'squid-relay', 'telemetry'])
    })

    it('adds the devnet with the devnet profile, listening on every interface of its container', () => {
        expect(services.devnet.profiles).toEqual(['devnet'])
        expect(services.devnet.build?.target).toBe('devnet')
        const cmd = services.devnet.command!
        expect(cmd[cmd.indexOf('--host') + 1]).toBe('0.0.0.0')
        for (const name of ['db', 'migrate', ...APP]) expect(services[name].profiles ?? [], name).toEqual([])
        expect(published(services.devnet).map(p => p.port)).toEqual([9944, 9945, 9946])
    })

    it('mounts no checkout into a container and installs nothing at start-up', () => {
        for (const [name, s] of Object.entries(services)) {
            for (const v of s.volumes ?? []) {
                const source = typeof v === 'string' ? v.split(':')[0] : (v.source ?? '')
                expect(source.startsWith('/') || source.startsWith('.'), `${name} mounts ${source}`).toBe(false)
            }
            expect((s.command ?? []).join(' '), name).not.toMatch(/npm (ci|install)/)
        }
    })
})

describe('Dockerfile', () => {
    const text = fs.readFileSync(path.join(PROJECT_DIR, 'Dockerfile'), 'utf8')
    const stages = Object.fromEntries(
        text
            .split(/^FROM /m)
            .slice(1)
            .map(s => [/ AS (\w+)/.exec(s.split('\n')[0])?.[1] ?? '', s]),
    )

    it('builds in one stage and runs from another with production dependencies, the compiled lib/ and a non-root user', () => {
        expect(stages.build).toMatch(/RUN npm ci\b/)
        expect(stages.build).toMatch(/RUN npm run build/)
        expect(stages.runtime).toMatch(/RUN npm ci --omit=dev\b/)
        expect(stages.runtime).toMatch(/COPY --from=build \/app\/lib \.\/lib/)
        expect(stages.runtime).toMatch(/^USER node$/m)
        expect(stages.devnet).toMatch(/^USER node$/m)
        // The runtime stage is the last, so a plain `docker build` gives it.
        expect(Object.keys(stages).at(-1)).toBe('runtime')
    })

    it('leaves local state and secrets out of the build context', () => {
        const ignored = fs.readFileSync(path.join(PROJECT_DIR, '.dockerignore'), 'utf8').split('\n')
        for (const entry of ['node_modules', 'lib', '.data', '.env']) expect(ignored).toContain(entry)
    })
})
