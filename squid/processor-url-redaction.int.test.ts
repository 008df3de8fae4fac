/**
 * A processor whose RPC URL carries an API key never prints it (real devnet, real processor, real Postgres).
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {applyMigrations} from '../db/migrate'
import {startDevnet, type Devnet} from '../devnet'
import {useTestDatabase} from '../test/vitest/database'
import {startProcessorChild} from './processor-child'

const db = useTestDatabase('processor_redaction')
const API_KEY = '0b6c2a5e7d194f4c9b1e3a8f5c2d7e61'
let devnet: Devnet

beforeAll(async () => {
    await applyMigrations(db.settings)
    devnet = await startDevnet({scenario: 'legacy', seed: 3, port: 0, blockTimeMs: 0, finalityLagBlocks: 2})
    await devnet.produceBlocks(20)
})
afterAll(async () => {
    await devnet?.stop()
})

describe('a processor on an RPC URL with an API key', () => {
    it('never prints the key: not in its own lines nor in the RPC client’s warnings (tagged with the URL)', async () => {
        // Rate-limit replies: the SDK's client logs a warning carrying the endpoint and retries.
        devnet.faults.failNext(2, {method: 'chain_getBlock', message: 'rate limit exceeded'})
        const url = `${devnet.url}/public-ws/${API_KEY}?apikey=${API_KEY}`
        const ok = startProcessorChild({layer: 'relay', db: db.settings, rpcUrl: url, toBlock: 8})
        expect(await ok.exited, ok.log()).toBe(0)
        expect(ok.log()).toContain('connection failure')
        expect(ok.log()).toContain(`${devnet.url}/public-ws/***?apikey=***`)
        expect(ok.log()).not.toContain(API_KEY)
    })
})
