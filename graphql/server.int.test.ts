/**
 * The GraphQL server never shows a client its internals, started both ways it runs in production: by the
 * launcher (`npm start`) and by squid.yaml's api command (`sqd run`, SQD Cloud). Each bad request gets a
 * short JSON error with the right status and code, and no stack, path, SQL or SQL parameters.
 */
import {spawn} from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import {createLogger} from '@subsquid/logger'
import {Manifest} from '@subsquid/manifest'
import pg from 'pg'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {loadConfig} from '../config/load'
import {PROJECT_DIR} from '../config/project-dir'
import {dbEnv, pgClientConfig} from '../db/connection'
import {freePort} from '../db/embedded'
import {applyMigrations} from '../db/migrate'
import {Supervisor} from '../launcher/supervisor'
import {squidServices} from '../squid/services'
import {useTestDatabase} from '../test/vitest/database'
import {waitFor} from '../test/vitest/wait-for'

const db = useTestDatabase('graphql_errors')
const VALIDATOR = '0x' + 'ab'.repeat(32)

const HEAD_SEEN = '2026-01-15T12:00:00.000000Z'

beforeAll(async () => {
    await applyMigrations(db.settings)
    const client = new pg.Client(pgClientConfig(db.settings))
    await client.connect()
    await client.query(`INSERT INTO chain_head (id, finalized_height, seen_at) VALUES ('relay', 1240, $1), ('people', 77, $1)`, [HEAD_SEEN])
    await client.end()
})

interface RunningServer {
    url: string
    /** What the server wrote to stdout and stderr so far. */
    log(): string
    stop(): Promise<void>
}

/** The launcher's graphql service, run by the launcher's supervisor with the environment `npm start` gives it. */
async function startAsLauncher(): Promise<RunningServer> {
    const config = loadConfig(path.join(PROJECT_DIR, 'config', 'devnet.json'))
    const spec = squidServices(config).find(s => s.name === 'graphql')!
    // The launcher runs from lib/, where the spec's script path points; from the sources here it points beside them.
    const script = path.join(PROJECT_DIR, 'lib', path.relative(PROJECT_DIR, spec.script))
    const port = await freePort()
    let output = ''
    // An operator's shell: NODE_ENV unset, as `npm start` leaves it.
    const {NODE_ENV: _, ...env} = process.env
    const supervisor = new Supervisor(
        createLogger('test:launcher'),
        {...env, ...dbEnv(db.settings), CONFIG: config.file, GQL_PORT: String(port)},
        line => (output += line + '\n'),
    )
    supervisor.start([{...spec, script}])
    return {url: `http://127.0.0.1:${port}`, log: () => output, stop: () => supervisor.stop()}
}

/** squid.yaml's api command with the environment `sqd run` gives it (SQD Cloud adds the database and port). */
async function startAsManifest(): Promise<RunningServer> {
    const {value, error} = Manifest.parse(fs.readFileSync(path.join(PROJECT_DIR, 'squid.yaml'), 'utf8'))
    if (!value) throw error
    const manifest = value.eval({
        secrets: {
            RPC_RELAY_URL: 'wss://relay.invalid',
            RPC_ASSET_HUB_URL: 'wss://asset-hub.invalid',
            RPC_PEOPLE_URL: 'wss://people.invalid',
            CONFIG: 'config/devnet.json',
        },
    })
    const api = manifest.deploy!.api as {cmd: string[]; env?: Record<string, string>}
    const port = await freePort()
    // The most revealing NODE_ENV: Express and Apollo Server both show stack traces in development.
    const env = {
        ...process.env,
        ...(manifest.deploy!.env as Record<string, string>),
        ...api.env,
        ...dbEnv(db.settings),
        GQL_PORT: String(port),
        NODE_ENV: 'development',
    }
    const [command, ...args] = api.cmd
    const child = spawn(command, args, {cwd: PROJECT_DIR, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true})
    let output = ''
    for (const stream of [child.stdout, child.stderr]) stream.on('data', d => (output += d))
    return {
        url: `http://127.0.0.1:${port}`,
        log: () => output,
        stop: async () => {
            if (child.exitCode !== null) return
            const exited = new Promise(r => child.once('exit', r))
            // The whole group: the command may be a wrapper (npx) around the server.
            process.kill(-child.pid!, 'SIGTERM')
            await exited
        },
    }
}

interface Answer {
    status: number
    contentType: string
    text: string
    json: {data?: any; errors?: {message: string; extensions?: {code?: string}}[]}
}

async function post(url: string, body: string): Promise<Answer> {
    const res = await fetch(`${url}/graphql`, {method: 'POST', headers: {'content-type': 'application/json'}, body})
    const text = await res.text()
    let json: Answer['json'] = {}
    try {
        json = JSON.parse(text)
    } catch {}
    return {status: res.status, contentType: res.headers.get('content-type') ?? '', text, json}
}

const query = (url: string, q: string) => post(url, JSON.stringify({query: q}))

/** A short JSON error of `code`, with nothing of the server in it. */
function expectCleanError(answer: Answer, status: number, code: string): string {
    expect({status: answer.status, contentType: answer.contentType}, answer.text).toEqual({
        status,
        contentType: 'application/json; charset=utf-8',
    })
    expect(
        answer.json.errors?.map(e => e.extensions?.code),
        answer.text,
    ).toEqual([code])
    expect(answer.text).not.toMatch(/stack|exception|\bat .*:\d+:\d+|node_modules|\/lib\/|\.js\b|<html|<pre/i)
    expect(answer.text).not.toContain(PROJECT_DIR)
    expect(answer.text).not.toMatch(/\b(SELECT|FROM|WHERE|LIMIT|JOIN|BETWEEN)\b|\$\d|parameters|driverError|routine/)
    return answer.json.errors![0].message
}

describe.each([
    {how: 'as `npm start` runs it', start: startAsLauncher},
    {how: "as squid.yaml's api command runs it", start: startAsManifest},
])('the GraphQL server $how', ({start}) => {
    let server: RunningServer

    beforeAll(async () => {
        server = await start()
        const answers = async () => (await query(server.url, '{__typename}').catch(() => undefined))?.status
        await waitFor('the GraphQL server to answer', answers, s => s === 200, 90_000, 250).catch(e => {
            throw new Error(`${e.message}; its output: ${server.log().slice(-2000)}`)
        })
    })

    afterAll(async () => {
        await server?.stop()
    })

    it('answers a body over the size limit with 413 and a JSON error', async () => {
        const message = expectCleanError(
            await post(server.url, JSON.stringify({query: '{__typename}', padding: 'x'.repeat(1024 * 1024)})),
            413,
            'PAYLOAD_TOO_LARGE',
        )
        expect(message).toMatch(/^request body larger than the limit of \d+ KB$/)
    })

    it('answers a body that is not JSON with 400 and a JSON error', async () => {
        expect(expectCleanError(await post(server.url, '{not json'), 400, 'BAD_REQUEST')).toBe('request body is not valid JSON')
    })

    it('refuses a negative limit of a generated list query as bad input, naming the argument', async () => {
        expect(expectCleanError(await query(server.url, '{eras(limit: -1) {id}}'), 400, 'BAD_USER_INPUT')).toBe(
            'limit: must not be negative, got -1',
        )
        const viaVariable = await post(server.url, JSON.stringify({query: 'query($n: Int) {eras(offset: $n) {id}}', variables: {n: -3}}))
        expect(expectCleanError(viaVariable, 400, 'BAD_USER_INPUT')).toBe('offset: must not be negative, got -3')
    })

    it('answers an era range that would overflow the era column, and refuses a negative era as bad input', async () => {
        const top = await query(server.url, `{eraPointsHistory(validator: "${VALIDATOR}", fromEra: 2147483647) {era}}`)
        expect({status: top.status, json: top.json}).toEqual({status: 200, json: {data: {eraPointsHistory: []}}})
        const negative = await query(server.url, `{eraPointsHistory(validator: "${VALIDATOR}", fromEra: -1) {era}}`)
        expect(expectCleanError(negative, 200, 'BAD_USER_INPUT')).toBe('fromEra: expected an era from 0 to 2147483647, got -1')
    })

    it('refuses a telemetryUptime window without a valid date as bad input, naming the argument', async () => {
        const answer = await query(server.url, '{telemetryUptime(nodeIds: ["x"], from: 0) {nodeId}}')
        expect(expectCleanError(answer, 200, 'BAD_USER_INPUT')).toMatch(/^from: expected a date-time string/)
    })

    it('says what the response size limit is and how to page when a query would exceed it', async () => {
        const message = expectCleanError(await query(server.url, '{eras(limit: 1000000) {id}}'), 200, 'BAD_USER_INPUT')
        expect(message).toMatch(/size limit of 50000 nodes: .*page through the rest \(limit and offset/)
    })

    it('hides a database failure from the client and logs its cause', async () => {
        const client = new pg.Client(pgClientConfig(db.settings))
        await client.connect()
        await client.query('ALTER TABLE era_validator RENAME TO era_validator_away')
        try {
            for (const q of [`{eraPointsHistory(validator: "${VALIDATOR}") {era}}`, '{eraValidators(limit: 1) {id}}']) {
                const answer = await query(server.url, q)
                expect(expectCleanError(answer, 200, 'INTERNAL_SERVER_ERROR')).toBe(
                    'internal server error (the cause is in the server log)',
                )
                expect(answer.text).not.toContain(VALIDATOR)
            }
            await waitFor(
                'the cause in the server log',
                () => server.log(),
                log => /QueryFailedError: relation \\"era_validator\\" does not exist/.test(log),
                10_000,
            )
        } finally {
            await client.query('ALTER TABLE era_validator_away RENAME TO era_validator')
            await client.end()
        }
    })

    it("serves the chain head each squid's processor last recorded, and when", async () => {
        const answer = await query(server.url, '{chainHeads(orderBy: id_ASC, limit: 3) {id finalizedHeight seenAt}}')
        expect(answer.json).toEqual({
            data: {
                chainHeads: [
                    {id: 'people', finalizedHeight: 77, seenAt: HEAD_SEEN},
                    {id: 'relay', finalizedHeight: 1240, seenAt: HEAD_SEEN},
                ],
            },
        })
    })

    it('still serves its schema to GraphiQL and code generators', async () => {
        const answer = await query(server.url, '{__schema {queryType {name}}}')
        expect(answer.json).toEqual({data: {__schema: {queryType: {name: 'Query'}}}})
    })
})
