import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadConfig} from '../config/load'
import {squidServices} from './services'

const configDir = path.join(__dirname, '..', 'config')

describe('squidServices', () => {
    it('runs the relay processor against the devnet and the GraphQL server when no chain is configured', () => {
        const cfg = loadConfig(path.join(configDir, 'devnet.json'), {})
        const services = squidServices(cfg)
        expect(services.map(s => s.name)).toEqual(['squid-relay', 'graphql'])
        expect(services[0].env).toEqual({RPC_URL: `ws://127.0.0.1:${cfg.devnet!.port}`, BLOCK_FROM: '0'})
        expect(services[0].script).toMatch(/squid[\\/]relay[\\/]main\.js$/)
        expect(services[1].urls).toEqual({graphql: `http://localhost:${cfg.api.graphqlPort}/graphql`})
    })

    it('runs one processor per configured chain with its endpoint and range', () => {
        const cfg = loadConfig(path.join(configDir, 'devnet.json'), {})
        const live = {...cfg, usesDevnet: false, chains: {
            relay: {rpcUrl: 'wss://relay.example', fromBlock: 100, toBlock: 200},
            people: {rpcUrl: 'wss://people.example', fromBlock: 0},
        }}
        const services = squidServices(live)
        expect(services.map(s => [s.name, s.env])).toEqual([
            ['squid-relay', {RPC_URL: 'wss://relay.example', BLOCK_FROM: '100', BLOCK_TO: '200'}],
            ['squid-people', {RPC_URL: 'wss://people.example', BLOCK_FROM: '0'}],
            ['graphql', undefined],
        ])
    })
})
