import fs from 'node:fs'
import path from 'node:path'
import {Manifest} from '@subsquid/manifest'
import {describe, expect, it} from 'vitest'

const text = fs.readFileSync(path.join(__dirname, '..', 'squid.yaml'), 'utf8')

describe('squid.yaml', () => {
    const {error, value} = Manifest.parse(text)

    it('is a valid SQD Cloud manifest', () => {
        expect(error?.message).toBeUndefined()
        expect(value?.name).toBe('open-nominator')
    })

    it('runs one processor per chain, the scorer and the nominator, each a compiled entry point that exists after the build', () => {
        const processors = value!.deploy!.processor as {name: string; cmd: string[]}[]
        expect(processors.map(p => p.name)).toEqual(['relay-processor', 'asset-hub-processor', 'people-processor', 'scorer', 'nominator'])
        for (const p of processors)
            expect(fs.existsSync(path.join(__dirname, '..', p.cmd[1].replace(/^lib\//, '').replace(/\.js$/, '.ts'))), p.cmd[1]).toBe(true)
    })

    it("keeps secrets in top-level deploy.env only, where `sqd run` substitutes them: the endpoints, the config file, every seed the shipped configs name, and the notification targets'", () => {
        const env = value!.deploy!.env as Record<string, string>
        expect(env.RPC_RELAY_URL).toBe('${{ secrets.RPC_RELAY_URL }}')
        expect(env.CONFIG).toBe('${{ secrets.CONFIG }}')
        const seeds = ['kusama', 'polkadot'].flatMap(network => {
            const cfg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'config', `${network}.json`), 'utf8'))
            return cfg.nominator.accounts.map((a: {seed: {env?: string}}) => a.seed.env)
        })
        expect(seeds.length).toBeGreaterThan(0)
        // The notification targets' secrets by the names of notify/README.md's sample.
        const notify = ['MATRIX_ACCESS_TOKEN', 'NOTIFY_WEBHOOK_URL']
        expect(Object.keys(env).sort()).toEqual(
            ['CONFIG', 'RPC_ASSET_HUB_URL', 'RPC_PEOPLE_URL', 'RPC_RELAY_URL', ...seeds, ...notify].sort(),
        )
        // Without its secret a seed is empty: the nominator then refuses to start naming it, the other services never read it.
        const evaluated = value!.eval({
            secrets: {RPC_RELAY_URL: 'wss://r', RPC_ASSET_HUB_URL: 'wss://a', RPC_PEOPLE_URL: 'wss://p', CONFIG: 'config/kusama.json'},
        })
        expect((evaluated.deploy!.env as Record<string, string>)[seeds[0]]).toBe('')
        expect((evaluated.deploy!.env as Record<string, string>).MATRIX_ACCESS_TOKEN).toBe('')
        const services = [...(value!.deploy!.processor as {env?: object}[]), value!.deploy!.api as {env?: object}]
        expect(services.filter(s => JSON.stringify(s.env ?? {}).includes('secrets.'))).toEqual([])
    })

    it('serves GraphQL with root-field, response-size and SQL-timeout limits', () => {
        const cmd = (value!.deploy!.api as {cmd: string[]}).cmd
        for (const flag of ['--max-root-fields', '--max-response-size', '--sql-statement-timeout']) expect(cmd).toContain(flag)
    })

    it("serves GraphQL through the project's server (graphql/), not the bare squid-graphql-server, which shows clients its internals", () => {
        const [command, script] = (value!.deploy!.api as {cmd: string[]}).cmd
        expect([command, script]).toEqual(['node', 'lib/graphql/squid-graphql-server.js'])
        expect(fs.existsSync(path.join(__dirname, '..', 'graphql', 'squid-graphql-server.ts'))).toBe(true)
    })

    it('names only commands that exist: the migration tool, and compiled entry points whose sources are in the repo', () => {
        const root = path.join(__dirname, '..')
        const services = [value!.deploy!.init, value!.deploy!.api, ...(value!.deploy!.processor as object[])] as {cmd: string[]}[]
        for (const {
            cmd: [command, script],
        } of services) {
            if (command === 'npx') expect(fs.existsSync(path.join(root, 'node_modules', '.bin', script)), script).toBe(true)
            else {
                expect(command).toBe('node')
                expect(script).toMatch(/^lib\/.*\.js$/)
                expect(fs.existsSync(path.join(root, script.replace(/^lib\//, '').replace(/\.js$/, '.ts'))), script).toBe(true)
            }
        }
        expect((value!.deploy!.init as {cmd: string[]}).cmd).toEqual(['npx', 'squid-typeorm-migration', 'apply'])
    })
})
