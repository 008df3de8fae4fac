/**
 * A processor records the genesis of the chain it first indexes and refuses, before writing anything,
 * an endpoint that serves another chain (real devnets, real processor, real Postgres).
 */
import pg from 'pg'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {pgClientConfig} from '../db/connection'
import {applyMigrations} from '../db/migrate'
import {startDevnet, type Devnet} from '../devnet'
import {useTestDatabase} from '../test/vitest/database'
import {genesisConflict} from './genesis-guard'
import {startProcessorChild} from './processor-child'

const db = useTestDatabase('genesis_guard')
const API_KEY = '0b6c2a5e7d194f4c9b1e3a8f5c2d7e61'
const devnets: Devnet[] = []
let client: pg.Client

beforeAll(async () => {
    await applyMigrations(db.settings)
    client = new pg.Client(pgClientConfig(db.settings))
    await client.connect()
})
afterAll(async () => {
    await client?.end()
    for (const d of devnets) await d.stop()
})

async function legacyDevnet(seed: number): Promise<Devnet> {
    const devnet = await startDevnet({scenario: 'legacy', seed, port: 0, blockTimeMs: 0, finalityLagBlocks: 2})
    devnets.push(devnet)
    await devnet.produceBlocks(20)
    return devnet
}

/** Every table of the chain data and of the relay processor's state, each as a digest of its rows. */
async function tableDigests(): Promise<Record<string, string>> {
    const {rows: tables} = await client.query(`SELECT table_schema, table_name FROM information_schema.tables
        WHERE table_schema IN ('public', 'squid_processor') AND table_type = 'BASE TABLE' ORDER BY 1, 2`)
    const out: Record<string, string> = {}
    for (const t of tables) {
        const name = `"${t.table_schema}"."${t.table_name}"`
        const {rows} = await client.query(
            `SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) AS digest FROM ${name} x`,
        )
        out[name] = `${rows[0].n} ${rows[0].digest}`
    }
    return out
}

async function runRelay(devnet: Devnet, toBlock: number, rpcUrl = devnet.url) {
    const run = startProcessorChild({layer: 'relay', db: db.settings, rpcUrl, toBlock})
    return {code: await run.exited, log: run.log()}
}

describe('genesisConflict', () => {
    const recordedAt = new Date('2026-01-02T03:04:05Z')
    it('accepts the recorded chain (in any hex case) and a first start, and names the reader, both hashes and the endpoint otherwise', () => {
        const a = '0x' + 'ab'.repeat(32)
        const b = '0x' + 'cd'.repeat(32)
        expect(genesisConflict('relay', null, a, 'ws://node:9944')).toBeNull()
        expect(genesisConflict('relay', {genesisHash: a, recordedAt}, a.toUpperCase().replace('0X', '0x'), 'ws://node:9944')).toBeNull()
        const message = genesisConflict('assetHub', {genesisHash: a, recordedAt}, b, 'the chain at wss://rpc.example.com/ws/***')!
        expect(message).toContain(`assetHub: the chain at wss://rpc.example.com/ws/*** has genesis ${b}`)
        expect(message).toContain(`assetHub data of the chain with genesis ${a} (recorded 2026-01-02T03:04:05.000Z)`)
    })
})

describe('a processor restarted against another chain', () => {
    it('records the genesis on its first start, resumes on the same chain, and refuses another genesis without writing anything', async () => {
        const a = await legacyDevnet(1)
        const b = await legacyDevnet(2)
        expect(a.chain.genesisHash).not.toBe(b.chain.genesisHash)

        const first = await runRelay(a, 8)
        expect(first.code, first.log).toBe(0)
        const {rows} = await client.query('SELECT id, genesis_hash FROM chain_genesis')
        expect(rows).toEqual([{id: 'relay', genesis_hash: a.chain.genesisHash}])

        // A restart on the same chain goes on where it stopped.
        const again = await runRelay(a, 12)
        expect(again.code, again.log).toBe(0)
        const before = await tableDigests()
        expect(before['"squid_processor"."status"']).toMatch(/^1 /)

        // With an API key in the URL, as a provider's endpoint has: the refusal shows it redacted.
        const wrong = await runRelay(b, 16, `${b.url}/ws/${API_KEY}`)
        expect(wrong.code, wrong.log).toBe(1)
        expect(wrong.log).toContain(`relay: the chain at ${b.url}/ws/*** has genesis ${b.chain.genesisHash}`)
        expect(wrong.log).not.toContain(API_KEY)
        expect(wrong.log).toContain(`relay data of the chain with genesis ${a.chain.genesisHash}`)
        expect(await tableDigests()).toEqual(before)
    })
})
