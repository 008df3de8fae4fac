/**
 * The bare squid-graphql-server finds the project's custom resolvers where the build links them
 * (lib/server-extension/resolvers) and serves telemetry uptime over a real Postgres database holding a
 * hand-made interval history.
 */
import pg from 'pg'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {pgClientConfig} from '../db/connection'
import {applyMigrations} from '../db/migrate'
import {type SquidGraphqlServer, startSquidGraphqlServer} from '../test/vitest/squid-graphql-server'
import {useTestDatabase} from '../test/vitest/database'
import {TelemetryStore, type NodeRow} from '../telemetry/telemetry-store'

const db = useTestDatabase('telemetry_gql')
const CHAIN = '0xde7e000000000000000000000000000000000000000000000000000000000001'
const T0 = Date.parse('2026-01-01T00:00:00Z')
const s = (seconds: number) => T0 + seconds * 1000
let gql: SquidGraphqlServer

function node(name: string, firstSeenS: number): NodeRow {
    return {
        id: `${CHAIN}:${name}`,
        genesis_hash: CHAIN,
        name,
        implementation: 'Parity Polkadot',
        version: '1.16.2',
        validator_address: null,
        validator_public_key: null,
        network_id: null,
        ip: null,
        startup_time: null,
        sysinfo: null,
        hwbench: null,
        feed_latitude: null,
        feed_longitude: null,
        feed_city: null,
        first_seen_at: new Date(s(firstSeenS)).toISOString(),
        last_seen_at: new Date(s(firstSeenS)).toISOString(),
        online: true,
        connections: 1,
        stale: false,
        candidate_stash: null,
        candidate_public_key: null,
        matched_by: null,
    }
}

beforeAll(async () => {
    await applyMigrations(db.settings)
    const pool = new pg.Pool(pgClientConfig(db.settings))
    const store = new TelemetryStore(pool)
    const alice = `${CHAIN}:alice`
    // Feed up [0, 80) and [90, alive until 100); alice seen at 10: online [10, 50), offline [50, 70), online [70, 80), online [90, …).
    await store.write({
        genesisHash: CHAIN,
        feedUrl: 'ws://devnet/feed',
        nodes: [node('alice', 10), node('bob', 200)],
        aliveUntilMs: null,
        feed: [
            {op: 'open', startMs: s(0)},
            {op: 'close', startMs: s(0), endMs: s(80)},
            {op: 'open', startMs: s(90)},
        ],
        intervals: [
            {op: 'open', nodeKey: alice, kind: 'online', startMs: s(10)},
            {op: 'close', nodeKey: alice, kind: 'online', startMs: s(10), endMs: s(50)},
            {op: 'open', nodeKey: alice, kind: 'offline', startMs: s(50)},
            {op: 'close', nodeKey: alice, kind: 'offline', startMs: s(50), endMs: s(70)},
            {op: 'open', nodeKey: alice, kind: 'online', startMs: s(70)},
            {op: 'close', nodeKey: alice, kind: 'online', startMs: s(70), endMs: s(80)},
            {op: 'open', nodeKey: alice, kind: 'online', startMs: s(90)},
        ],
    })
    await store.write({genesisHash: CHAIN, feedUrl: 'ws://devnet/feed', nodes: [], intervals: [], feed: [], aliveUntilMs: s(100)})
    await pool.end()

    gql = await startSquidGraphqlServer(db.settings)
})

afterAll(async () => {
    await gql?.stop()
})

const query = (q: string) => gql.query(q)

describe('GraphQL telemetryUptime (squid-graphql-server)', () => {
    it('online, offline and unknown over a window with a feed gap and an open interval', async () => {
        const r = await query(
            `{ telemetryUptime(nodeIds: ["${CHAIN}:alice", "${CHAIN}:bob", "nobody"], from: "${new Date(s(0)).toISOString()}", to: "${new Date(s(100)).toISOString()}") { nodeId onlineMs offlineMs unknownMs } }`,
        )
        expect(r.errors).toBeUndefined()
        const byId = Object.fromEntries(r.data.telemetryUptime.map((u: any) => [u.nodeId, u]))
        // Known: feed up ∩ after first seen = [10, 80) ∪ [90, 100) = 80 s; online 40 + 10 + 10 s.
        expect(byId[`${CHAIN}:alice`]).toEqual({nodeId: `${CHAIN}:alice`, onlineMs: 60_000, offlineMs: 20_000, unknownMs: 20_000})
        // Bob was first seen after the window: all of it is unknown.
        expect(byId[`${CHAIN}:bob`]).toEqual({nodeId: `${CHAIN}:bob`, onlineMs: 0, offlineMs: 0, unknownMs: 100_000})
        expect(r.data.telemetryUptime.length).toBe(2)
    })

    it('the generated entity queries serve the intervals', async () => {
        const r = await query(
            `{ telemetryNodes(where: {name_eq: "alice"}) { name online intervals(orderBy: start_ASC) { kind start end } } feedConnectionIntervals(orderBy: start_ASC) { start end aliveUntil } }`,
        )
        expect(r.errors).toBeUndefined()
        expect(r.data.telemetryNodes[0].intervals.map((i: any) => [i.kind, i.end === null])).toEqual([
            ['online', false],
            ['offline', false],
            ['online', false],
            ['online', true],
        ])
        expect(Date.parse(r.data.feedConnectionIntervals[1].aliveUntil)).toBe(s(100))
    })

    it('a window that ends before it starts is refused as bad input, with the argument named', async () => {
        const r = await query(
            `{ telemetryUptime(nodeIds: ["x"], from: "${new Date(s(100)).toISOString()}", to: "${new Date(s(0)).toISOString()}") { nodeId } }`,
        )
        expect(r.errors[0].message).toMatch(/^to: must not be before from/)
        expect(r.errors[0].extensions.code).toBe('BAD_USER_INPUT')
    })
})
