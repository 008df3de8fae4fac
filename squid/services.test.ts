import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadConfig} from '../config/load'
import {squidServices} from './services'

const configDir = path.join(__dirname, '..', 'config')

describe('squidServices', () => {
    it("runs the relay processor against the legacy devnet's one chain and the GraphQL server when no chain is configured", () => {
        const sample = loadConfig(path.join(configDir, 'devnet.json'), {})
        const cfg = {...sample, devnet: {...sample.devnet!, scenario: 'legacy'}}
        const services = squidServices(cfg)
        expect(services.map(s => s.name)).toEqual(['squid-relay', 'graphql'])
        expect(services[0].env).toEqual({
            RPC_URL: `ws://127.0.0.1:${cfg.devnet!.port}`,
            BLOCK_FROM: '0',
            STALL_TIMEOUT_MS: String(cfg.squid.stallTimeoutMs),
        })
        expect(services[0].script).toMatch(/squid[\\/]relay[\\/]main\.js$/)
        expect(services[0].urls).toEqual({
            metrics: `http://127.0.0.1:${cfg.metrics.ports.squidRelay}/metrics`,
            health: `http://127.0.0.1:${cfg.metrics.ports.squidRelay}/health`,
        })
        expect(services[1].urls).toEqual({
            graphql: `http://localhost:${cfg.api.graphqlPort}/graphql`,
            metrics: `http://127.0.0.1:${cfg.metrics.ports.graphql}/metrics`,
            health: `http://127.0.0.1:${cfg.metrics.ports.graphql}/health`,
        })
    })

    it("runs a processor for each chain of the devnet's current layout (the sample's), on consecutive ports", () => {
        const cfg = loadConfig(path.join(configDir, 'devnet.json'), {})
        expect(cfg.devnet!.scenario).toBe('current')
        const services = squidServices({...cfg, devnet: {...cfg.devnet!, port: 9950}})
        expect(services.map(s => [s.name, s.env?.RPC_URL])).toEqual([
            ['squid-relay', 'ws://127.0.0.1:9950'],
            ['squid-asset-hub', 'ws://127.0.0.1:9951'],
            ['squid-people', 'ws://127.0.0.1:9952'],
            ['graphql', undefined],
        ])
    })

    it('runs one processor per configured chain with its endpoint and range', () => {
        const cfg = loadConfig(path.join(configDir, 'devnet.json'), {})
        const live = {
            ...cfg,
            usesDevnet: false,
            squid: {stallTimeoutMs: 60_000},
            chains: {
                relay: {rpcUrl: 'wss://relay.example', fromBlock: 100, toBlock: 200},
                people: {rpcUrl: 'wss://people.example', fromBlock: 0},
            },
        }
        const services = squidServices(live)
        expect(services.map(s => [s.name, s.env])).toEqual([
            ['squid-relay', {RPC_URL: 'wss://relay.example', BLOCK_FROM: '100', BLOCK_TO: '200', STALL_TIMEOUT_MS: '60000'}],
            ['squid-people', {RPC_URL: 'wss://people.example', BLOCK_FROM: '0', STALL_TIMEOUT_MS: '60000'}],
            ['graphql', undefined],
        ])
    })
})
