/**
 * Subsquid Cloud as its users run it: `commands.json` gives the `sqd` commands they expect, each an npm
 * script of ours; `npm ci` leaves a `.env` for `sqd run .`; and `sqd run .` runs squid.yaml (migrations,
 * one processor per chain, the scorer, the nominator, the GraphQL API) against a database from DB_* until GraphQL answers;
 * each processor records the chain head in the database, the scorer's one way to know it there.
 */
import {spawn} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Ajv2020 from 'ajv/dist/2020'
import {afterAll, describe, expect, it} from 'vitest'
import {PROJECT_DIR} from '../config/project-dir'
import {dbEnv, type DbSettings} from '../db/connection'
import {freePort} from '../db/embedded'
import {type Devnet, startDevnet} from '../devnet'
import {processorHeight} from '../squid/processor-child'
import {ASSET_HUB_STATE_SCHEMA} from '../squid/asset-hub/mapping'
import {PEOPLE_STATE_SCHEMA} from '../squid/people/mapping'
import {RELAY_STATE_SCHEMA} from '../squid/relay/mapping'
import {useTestDatabase} from '../test/vitest/database'
import {waitFor} from '../test/vitest/wait-for'
import {queryOnce} from '../db/query-once'

const SQD = path.join(PROJECT_DIR, 'node_modules', '.bin', 'sqd')
const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, 'package.json'), 'utf8'))
const commands = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, 'commands.json'), 'utf8'))

describe('commands.json', () => {
    it('is valid for the Subsquid CLI, and gives the commands Subsquid users expect', () => {
        const schema = JSON.parse(fs.readFileSync(require.resolve('@subsquid/commands/lib/commands.schema.json'), 'utf8'))
        const validate = new Ajv2020({strict: false}).compile(schema)
        expect(validate(commands), JSON.stringify(validate.errors)).toBe(true)
        expect(Object.keys(commands.commands).sort()).toEqual([
            'build',
            'codegen',
            'migration:apply',
            'migration:generate',
            'process',
            'serve',
            'typegen',
        ])
    })

    it("is what `sqd` lists as the squid's commands", async () => {
        const help = await new Promise<string>(resolve => {
            let out = ''
            const child = spawn(SQD, ['--help'], {cwd: PROJECT_DIR, stdio: ['ignore', 'pipe', 'pipe']})
            child.stdout.on('data', d => (out += d))
            child.on('exit', () => resolve(out))
        })
        const listed = help
            .slice(help.indexOf('SQUID COMMANDS'))
            .split('\n')
            .slice(1)
            .map(l => l.trim().split(/\s+/)[0])
            .filter(Boolean)
        expect(listed.slice(0, Object.keys(commands.commands).length)).toEqual(Object.keys(commands.commands))
    })

    it('calls only npm scripts of this project', () => {
        for (const [name, c] of Object.entries<{cmd: string[]}>(commands.commands)) {
            expect(c.cmd.slice(0, 3), name).toEqual(['npm', 'run', '--silent'])
            expect(pkg.scripts[c.cmd[3]], `npm script ${c.cmd[3]} of sqd ${name}`).toBeDefined()
        }
    })
})

describe('.env for `sqd run .`', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'env-file-'))
    afterAll(() => fs.rmSync(dir, {recursive: true, force: true}))

    it("npm's prepare copies .env.example to a missing .env, and never touches an existing one", async () => {
        expect(pkg.scripts.prepare).toBe('node scripts/ensure-env-file.mjs')
        fs.copyFileSync(path.join(PROJECT_DIR, '.env.example'), path.join(dir, '.env.example'))
        const prepare = () =>
            new Promise<number | null>(resolve =>
                spawn(process.execPath, [path.join(PROJECT_DIR, 'scripts/ensure-env-file.mjs')], {cwd: dir, stdio: 'ignore'}).on(
                    'exit',
                    resolve,
                ),
            )
        expect(await prepare()).toBe(0)
        expect(fs.readFileSync(path.join(dir, '.env'), 'utf8')).toBe(fs.readFileSync(path.join(PROJECT_DIR, '.env.example'), 'utf8'))
        fs.writeFileSync(path.join(dir, '.env'), 'RPC_RELAY_URL=wss://mine.example\n')
        expect(await prepare()).toBe(0)
        expect(fs.readFileSync(path.join(dir, '.env'), 'utf8')).toBe('RPC_RELAY_URL=wss://mine.example\n')
        expect(fs.readFileSync(path.join(PROJECT_DIR, '.gitignore'), 'utf8').split('\n')).toContain('.env')
    })
})

describe('sqd run .', () => {
    const db = useTestDatabase('sqd_run')
    let devnet: Devnet | undefined
    let group: number | undefined
    afterAll(async () => {
        if (group) killGroup(group, 'SIGKILL')
        await devnet?.stop()
    })

    it('runs squid.yaml on this machine: migrations at init, a processor per chain, the scorer and the nominator, and GraphQL answering', async () => {
        expect(
            fs.existsSync(path.join(PROJECT_DIR, '.env')),
            '.env is missing: `npm ci` creates it (package.json "prepare"), or run `node scripts/ensure-env-file.mjs`',
        ).toBe(true)
        devnet = await startDevnet({scenario: 'current', seed: 3, port: 0, blockTimeMs: 0, finalityLagBlocks: 2})
        await devnet.produceBlocks(12)
        const finalized = devnet.finalized().number
        const rpc = (role: string) => devnet!.endpoints.find(e => e.role === role)!.url
        const port = await freePort()
        // The scorer and the nominator read the network's config: here one that names the devnet's chains.
        const cfg = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, 'config', 'devnet.json'), 'utf8'))
        cfg.candidatesFile = path.join(PROJECT_DIR, 'config', cfg.candidatesFile)
        cfg.chains = Object.fromEntries(['relay', 'assetHub', 'people'].map(role => [role, {rpcUrl: rpc(role), fromBlock: 0}]))
        delete cfg.devnet
        // The devnet's public development keys are refused on named chains: this run nominates with no account.
        cfg.nominator.accounts = []
        cfg.telemetry.enabled = false
        cfg.metrics.ports = Object.fromEntries(Object.keys(cfg.metrics.ports).map(k => [k, 0]))
        const configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqd-run-'))
        fs.writeFileSync(path.join(configDir, 'network.json'), JSON.stringify(cfg))
        // Variables set here win over .env (dotenv does not override), as the Cloud's secrets would.
        const env = {
            ...withoutDb(process.env),
            ...dbEnv(db.settings),
            GQL_PORT: String(port),
            RPC_RELAY_URL: rpc('relay'),
            RPC_ASSET_HUB_URL: rpc('assetHub'),
            RPC_PEOPLE_URL: rpc('people'),
            CONFIG: path.join(configDir, 'network.json'),
        }
        // A process group of its own: stopping it stops every service `sqd run` started.
        const child = spawn(SQD, ['run', '.'], {cwd: PROJECT_DIR, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true})
        group = child.pid!
        let out = ''
        child.stdout.on('data', d => (out += d))
        child.stderr.on('data', d => (out += d))
        const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)))

        const status = await waitFor(
            'GraphQL to answer under `sqd run .`',
            async () => {
                if (child.exitCode !== null) throw new Error(`sqd run exited with ${child.exitCode}:\n${out.slice(-4000)}`)
                return squidStatus(port)
            },
            h => h !== undefined,
            90_000,
            500,
        )
        expect(status).toBeGreaterThanOrEqual(-1)
        for (const schema of [RELAY_STATE_SCHEMA, ASSET_HUB_STATE_SCHEMA, PEOPLE_STATE_SCHEMA]) {
            await waitFor(
                `${schema} to index the finalized head under \`sqd run .\``,
                () => processorHeight(db.settings, schema),
                h => h >= finalized,
                90_000,
                500,
            )
        }
        // With no metrics endpoint served (ports 0), each processor recorded the chain head it read in the database,
        // where the scorer reads how far behind the chain the squid is.
        await waitFor(
            'each processor to record the chain head',
            () => chainHeads(db.settings),
            heads => heads.length === 3 && heads.every(h => h.finalized_height >= finalized && h.age_s < 60),
            90_000,
            500,
        )
        // The scorer has run a pass and the nominator a check over what the processors wrote.
        await waitFor(
            "the scorer's first pass and the nominator's first check",
            () => out,
            o => /\[scorer\].*start pass/.test(o) && /\[nominator\].*no round/.test(o),
            90_000,
            500,
        )
        expect(out).toMatch(/\[init\]/)
        for (const name of ['api', 'relay-processor', 'asset-hub-processor', 'people-processor', 'scorer', 'nominator'])
            expect(out).toContain(`[${name}]`)
        // No service failed and was restarted by `sqd run`.
        expect(out).not.toMatch(/restarting\.\.\./)

        killGroup(group, 'SIGTERM')
        await Promise.race([exited, new Promise(resolve => setTimeout(resolve, 20_000))])
        await waitFor(
            'every process of `sqd run` to stop',
            () => !groupAlive(group!),
            v => v,
            20_000,
            100,
        )
        group = undefined
    })
})

async function squidStatus(port: number): Promise<number | undefined> {
    try {
        const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
            method: 'POST',
            headers: {'content-type': 'application/json'},
            body: JSON.stringify({query: '{ squidStatus { height } }'}),
        })
        const json = (await res.json()) as {data?: {squidStatus?: {height?: number | null}}}
        return res.ok && json.data?.squidStatus ? (json.data.squidStatus.height ?? -1) : undefined
    } catch {
        return undefined
    }
}

async function chainHeads(db: DbSettings): Promise<{id: string; finalized_height: number; age_s: number}[]> {
    return queryOnce(db, 'SELECT id, finalized_height, extract(epoch FROM now() - seen_at)::float8 AS age_s FROM chain_head ORDER BY id')
}

function withoutDb(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
    const out = {...env}
    for (const k of ['DB_URL', 'DB_HOST', 'DB_PORT', 'DB_NAME', 'DB_USER', 'DB_PASS']) delete out[k]
    return out
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
    try {
        process.kill(-pid, signal)
    } catch {
        // Already gone.
    }
}

function groupAlive(pid: number): boolean {
    try {
        process.kill(-pid, 0)
        return true
    } catch {
        return false
    }
}
