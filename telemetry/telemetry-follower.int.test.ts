/**
 * Scripted sequences against the devnet feed (real WebSocket, real protocol) and real Postgres.
 * Times are short (grace 400 ms, silence 600 ms) so the sequences run in seconds; nothing asserts
 * wall-clock durations, only what ends up in the tables.
 */
import path from 'path'
import {createLogger} from '@subsquid/logger'
import {decode as decodeSs58} from '@subsquid/ss58'
import pg from 'pg'
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest'
import {pgClientConfig} from '../db/connection'
import {applyMigrations} from '../db/migrate'
import {nodesFromCandidates} from '../devnet/telemetry/feed-encoding'
import {startTelemetryFeed, type TelemetryFeed} from '../devnet/telemetry/feed-server'
import {useTestDatabase} from '../test/vitest/database'
import {waitFor} from '../test/vitest/wait-for'
import {indexCandidates} from './candidate-match'
import {readCandidates} from './candidates-file'
import {OfflineIpLocator} from './ip-location'
import {TelemetryFollower} from './telemetry-follower'
import {TelemetryStore} from './telemetry-store'

const db = useTestDatabase('telemetry')
const candidates = readCandidates(path.join(__dirname, '../config/candidates/polkadot.json'))
const nodes = nodesFromCandidates(candidates, {count: 6})
const GRACE_MS = 400
const locator = new OfflineIpLocator()

let pool: pg.Pool
let store: TelemetryStore
const running: {stop(): Promise<void>}[] = []

beforeAll(async () => {
    await applyMigrations(db.settings)
    pool = new pg.Pool(pgClientConfig(db.settings))
    store = new TelemetryStore(pool)
})
afterEach(async () => {
    for (const r of running.splice(0).reverse()) await r.stop()
    await pool.query('TRUNCATE telemetry_node_interval, telemetry_node_location, feed_connection_interval, telemetry_node CASCADE')
})
afterAll(async () => {
    await pool.end()
})

async function feedWith(n = nodes): Promise<TelemetryFeed> {
    const feed = await startTelemetryFeed({port: 0, nodes: n, nodesPerFrame: 4})
    running.push(feed)
    return feed
}

function follower(feed: TelemetryFeed, opts: {silenceTimeoutMs?: number} = {}): TelemetryFollower {
    const f = new TelemetryFollower({
        feedUrl: feed.url,
        chain: feed.chain.genesisHash,
        offlineGraceMs: GRACE_MS,
        reconnectMinDelayMs: 20,
        reconnectMaxDelayMs: 200,
        silenceTimeoutMs: opts.silenceTimeoutMs ?? 10_000,
        flushIntervalMs: 50,
        locationRefreshAfterMs: 172_800_000,
        candidates: indexCandidates(candidates),
        locator,
        store,
        log: createLogger('test:telemetry'),
    })
    running.push(f)
    return f
}

const nodeId = (feed: TelemetryFeed, name: string) => `${feed.chain.genesisHash}:${name}`

async function nodeRow(id: string) {
    const {rows} = await pool.query('SELECT * FROM telemetry_node WHERE id = $1', [id])
    return rows[0]
}

async function intervals(id: string): Promise<{kind: string; open: boolean}[]> {
    const {rows} = await pool.query(
        `SELECT kind, "end" IS NULL AS open FROM telemetry_node_interval WHERE node_id = $1 ORDER BY start, "end" NULLS LAST`,
        [id],
    )
    return rows
}

async function feedIntervals(chain: string): Promise<{open: boolean}[]> {
    const {rows} = await pool.query(`SELECT "end" IS NULL AS open FROM feed_connection_interval WHERE genesis_hash = $1 ORDER BY start`, [
        chain,
    ])
    return rows
}

async function onlineCount(chain: string): Promise<number> {
    const {rows} = await pool.query('SELECT count(*)::int AS n FROM telemetry_node WHERE genesis_hash = $1 AND online', [chain])
    return rows[0].n
}

describe('telemetry follower against the devnet feed', () => {
    it('normal churn: nodes are stored with details, candidate match and location; a removed node goes offline after the grace period', async () => {
        const feed = await feedWith()
        const f = follower(feed)
        await f.start()
        await waitFor(
            '6 nodes online',
            () => onlineCount(feed.chain.genesisHash),
            n => n === 6,
        )
        const first = await nodeRow(nodeId(feed, nodes[0].name))
        expect(first).toMatchObject({
            name: nodes[0].name,
            version: nodes[0].version,
            validator_address: nodes[0].validatorAddress,
            ip: nodes[0].ip,
            online: true,
            connections: 1,
            candidate_stash: candidates[0].stash,
            matched_by: 'validatorAddress',
        })
        expect(first.hwbench).toEqual({
            cpuHashrateScore: 1500,
            memoryMemcpyScore: 3700,
            diskSequentialWriteScore: 800,
            diskRandomWriteScore: 170,
        })
        expect(first.sysinfo).toMatchObject({cpu: 'AMD Ryzen 9 7950X 16-Core Processor', coreCount: 16})
        const loc = await waitFor(
            'location of node 0',
            async () => (await pool.query('SELECT * FROM telemetry_node_location WHERE node_id = $1', [first.id])).rows[0],
        )
        expect(loc).toMatchObject({ip: nodes[0].ip, country: 'IT', asn: 49367})
        expect(loc.source).toMatch(/^offline:@ip-location-db\/asn@/)

        feed.removeNode(nodes[1].name)
        await waitFor(
            'node 1 offline',
            async () => (await nodeRow(nodeId(feed, nodes[1].name))).online,
            v => v === false,
        )
        expect(await intervals(nodeId(feed, nodes[1].name))).toEqual([
            {kind: 'online', open: false},
            {kind: 'offline', open: true},
        ])
        feed.addNode(nodes[1])
        await waitFor(
            'node 1 back',
            async () => (await nodeRow(nodeId(feed, nodes[1].name))).online,
            v => v === true,
        )
        expect(await intervals(nodeId(feed, nodes[1].name))).toEqual([
            {kind: 'online', open: false},
            {kind: 'offline', open: false},
            {kind: 'online', open: true},
        ])
        expect(await intervals(nodeId(feed, nodes[0].name))).toEqual([{kind: 'online', open: true}])
        expect(f.metrics.connected).toBe(true)
    })

    it('stores the hex public key beside each SS58 address (validator address, candidate stash), as the squid keys accounts', async () => {
        const feed = await feedWith()
        const f = follower(feed)
        await f.start()
        await waitFor(
            '6 nodes online',
            () => onlineCount(feed.chain.genesisHash),
            n => n === 6,
        )
        const {rows} = await pool.query(
            'SELECT genesis_hash, validator_address, validator_public_key, candidate_stash, candidate_public_key FROM telemetry_node WHERE genesis_hash = $1',
            [feed.chain.genesisHash],
        )
        expect(rows.length).toBe(6)
        const matched = rows.filter(r => r.candidate_stash !== null)
        expect(matched.length).toBeGreaterThan(0)
        for (const r of rows) {
            expect(r.validator_public_key).toBe(r.validator_address === null ? null : decodeSs58(r.validator_address).bytes)
            expect(r.candidate_public_key).toBe(r.candidate_stash === null ? null : decodeSs58(r.candidate_stash).bytes)
        }
        // The squid's account ids are lower-case 0x hex of 32 bytes.
        for (const r of matched) expect(r.candidate_public_key).toMatch(/^0x[0-9a-f]{64}$/)
    })

    it('reconnect with resubscribe: known nodes are matched again, never double counted, and the gap is a feed gap', async () => {
        const feed = await feedWith()
        const f = follower(feed)
        await f.start()
        await waitFor(
            '6 nodes online',
            () => onlineCount(feed.chain.genesisHash),
            n => n === 6,
        )
        feed.dropConnections()
        await waitFor(
            'resubscribed',
            () => feed.stats().subscribeRequests,
            n => n >= 2,
        )
        await waitFor(
            'second feed interval',
            () => feedIntervals(feed.chain.genesisHash),
            v => v.length === 2 && v[1].open,
        )
        await waitFor(
            '6 nodes online again',
            () => onlineCount(feed.chain.genesisHash),
            n => n === 6,
        )
        await f.flush()
        const {rows} = await pool.query('SELECT count(*)::int AS n, max(connections) AS max FROM telemetry_node WHERE genesis_hash = $1', [
            feed.chain.genesisHash,
        ])
        expect(rows[0]).toEqual({n: 6, max: 1})
        expect(await feedIntervals(feed.chain.genesisHash)).toEqual([{open: false}, {open: true}])
        // One closed online interval before the drop and one open after it; no offline time.
        expect(await intervals(nodeId(feed, nodes[2].name))).toEqual([
            {kind: 'online', open: false},
            {kind: 'online', open: true},
        ])
        expect(f.metrics.reconnects).toBe(1)
    })

    it('feed outage (stalled feed): the watchdog reconnects and the outage is unknown time, not offline', async () => {
        const feed = await feedWith()
        const f = follower(feed, {silenceTimeoutMs: 600})
        await f.start()
        await waitFor(
            '6 nodes online',
            () => onlineCount(feed.chain.genesisHash),
            n => n === 6,
        )
        const windowStartMs = Date.now()
        feed.stall()
        await waitFor(
            'feed interval closed by the watchdog',
            () => feedIntervals(feed.chain.genesisHash),
            v => v.length === 1 && !v[0].open,
        )
        // Longer than the grace period: the old client would have marked everyone offline here.
        await new Promise(r => setTimeout(r, GRACE_MS * 2))
        feed.resume()
        await waitFor(
            'feed back',
            () => feedIntervals(feed.chain.genesisHash),
            v => v.length === 2 && v[1].open,
        )
        await waitFor(
            '6 nodes online',
            () => onlineCount(feed.chain.genesisHash),
            n => n === 6,
        )
        await new Promise(r => setTimeout(r, GRACE_MS * 2))
        await f.flush()
        // Freeze the tables (a running follower moves aliveUntil forward between two reads).
        await f.halt()
        const windowEndMs = Date.now()
        const ids = nodes.map(n => nodeId(feed, n.name))
        const up = await store.readUptime(ids, {startMs: windowStartMs, endMs: windowEndMs}, windowEndMs)
        expect(await store.readUptimeInSql(ids, {startMs: windowStartMs, endMs: windowEndMs}, windowEndMs)).toEqual(up)
        for (const id of ids) {
            const u = up.get(id)!
            expect(u.offlineMs).toBe(0)
            expect(u.unknownMs).toBeGreaterThan(GRACE_MS)
            expect(u.onlineMs + u.unknownMs).toBe(windowEndMs - windowStartMs)
        }
        expect(await intervals(ids[0])).toEqual([
            {kind: 'online', open: false},
            {kind: 'online', open: true},
        ])
    })

    it('malformed frames are skipped and counted, and the connection is kept', async () => {
        const feed = await feedWith()
        const f = follower(feed)
        await f.start()
        await waitFor(
            '6 nodes online',
            () => onlineCount(feed.chain.genesisHash),
            n => n === 6,
        )
        feed.sendMalformed()
        feed.sendMalformed('{"not": "an array"}')
        feed.sendMalformed('[4]')
        feed.sendFrame([8, [0, ['many', 0]], 99, {future: true}, 4, feed.nodeIds(nodes[3].name)[0]])
        await waitFor(
            'node 3 left (the frame after the bad pair still applied)',
            () => f.state.snapshot(nodeId(feed, nodes[3].name))?.connections,
            n => n === 0,
        )
        feed.addNode({...nodes[0], name: 'late joiner', validatorAddress: null})
        await waitFor('late joiner stored', () => nodeRow(nodeId(feed, 'late joiner')))
        expect(f.metrics).toMatchObject({malformedFrames: 3, rejectedMessages: 1, unknownActions: 1, connected: true, reconnects: 0})
        expect(feed.stats().accepted).toBe(1)
        expect((await nodeRow(nodeId(feed, 'late joiner'))).candidate_stash).toBeNull()
    })

    it('duplicate names: two connections with one name, an upgrade with and without overlap, are no outage', async () => {
        const feed = await feedWith()
        const f = follower(feed)
        await f.start()
        await waitFor(
            '6 nodes online',
            () => onlineCount(feed.chain.genesisHash),
            n => n === 6,
        )
        const id4 = nodeId(feed, nodes[4].name)
        feed.addNode(nodes[4])
        await waitFor(
            'two connections',
            async () => (await nodeRow(id4)).connections,
            n => n === 2,
        )
        feed.removeNode(nodes[4].name)
        feed.addNode(nodes[4])
        feed.changeVersion(nodes[5].name, '1.17.0-aaaaaaaaaaa', {overlap: true})
        feed.changeVersion(nodes[4].name, '1.17.0-aaaaaaaaaaa', {overlap: false})
        await waitFor(
            'versions stored',
            async () => [(await nodeRow(id4)).version, (await nodeRow(nodeId(feed, nodes[5].name))).version],
            v => v.every(x => x === '1.17.0-aaaaaaaaaaa'),
        )
        await new Promise(r => setTimeout(r, GRACE_MS * 2))
        await f.flush()
        for (const n of [nodes[4], nodes[5]]) {
            expect(await nodeRow(nodeId(feed, n.name))).toMatchObject({online: true, connections: 1})
            expect(await intervals(nodeId(feed, n.name))).toEqual([{kind: 'online', open: true}])
        }
        const {rows} = await pool.query('SELECT count(*)::int AS n FROM telemetry_node WHERE genesis_hash = $1', [feed.chain.genesisHash])
        expect(rows[0].n).toBe(6)
    })

    it('a crash and restart in the middle keeps every interval and first-seen time, and counts the down time as unknown', async () => {
        const feed = await feedWith()
        const before = follower(feed)
        const windowStartMs = Date.now()
        await before.start()
        await waitFor(
            '6 nodes online',
            () => onlineCount(feed.chain.genesisHash),
            n => n === 6,
        )
        feed.removeNode(nodes[0].name)
        await waitFor(
            'node 0 offline',
            async () => (await nodeRow(nodeId(feed, nodes[0].name))).online,
            v => v === false,
        )
        await before.flush()
        const firstSeen = (await nodeRow(nodeId(feed, nodes[2].name))).first_seen_at.getTime()
        await before.halt()
        await new Promise(r => setTimeout(r, GRACE_MS * 2))

        const after = follower(feed)
        await after.start()
        await waitFor(
            'second feed interval',
            () => feedIntervals(feed.chain.genesisHash),
            v => v.length === 2 && v[1].open,
        )
        await waitFor(
            '5 online',
            () => after.state.onlineCount(),
            n => n === 5,
        )
        await new Promise(r => setTimeout(r, GRACE_MS * 2))
        await after.flush()
        const windowEndMs = Date.now()

        const id2 = nodeId(feed, nodes[2].name)
        expect((await nodeRow(id2)).first_seen_at.getTime()).toBe(firstSeen)
        // Node 0 never came back after the restart: its last known details and candidate stay.
        expect(await nodeRow(nodeId(feed, nodes[0].name))).toMatchObject({
            online: false,
            connections: 0,
            version: nodes[0].version,
            validator_address: nodes[0].validatorAddress,
            ip: nodes[0].ip,
            candidate_stash: candidates[0].stash,
            matched_by: 'validatorAddress',
            hwbench: {cpuHashrateScore: 1500},
        })
        expect(await intervals(id2)).toEqual([
            {kind: 'online', open: false},
            {kind: 'online', open: true},
        ])
        expect(await intervals(nodeId(feed, nodes[0].name))).toEqual([
            {kind: 'online', open: false},
            {kind: 'offline', open: false},
            {kind: 'offline', open: true},
        ])
        const {rows} = await pool.query(
            'SELECT count(*)::int AS n, sum(connections)::int AS c FROM telemetry_node WHERE genesis_hash = $1',
            [feed.chain.genesisHash],
        )
        expect(rows[0]).toEqual({n: 6, c: 5})
        await after.halt()
        const up = (await store.readUptime([id2], {startMs: windowStartMs, endMs: windowEndMs}, windowEndMs)).get(id2)!
        const id0 = nodeId(feed, nodes[0].name)
        const all = await store.readUptime([id0, id2], {startMs: windowStartMs, endMs: windowEndMs}, windowEndMs)
        expect(await store.readUptimeInSql([id0, id2], {startMs: windowStartMs, endMs: windowEndMs}, windowEndMs)).toEqual(all)
        // Node 0 left before the crash and never came back: offline while the feed was up, unknown across the crash.
        expect(all.get(id0)!.offlineMs).toBeGreaterThan(0)
        expect(all.get(id0)!.unknownMs).toBe(up.unknownMs)
        expect(up.offlineMs).toBe(0)
        expect(up.unknownMs).toBeGreaterThan(GRACE_MS)
        const {rows: overlaps} = await pool.query(
            `SELECT count(*)::int AS n FROM telemetry_node_interval a JOIN telemetry_node_interval b
               ON a.node_id = b.node_id AND a.id < b.id AND tstzrange(a.start, a."end") && tstzrange(b.start, b."end")
              WHERE a.node_id LIKE $1`,
            [`${feed.chain.genesisHash}:%`],
        )
        expect(overlaps[0].n).toBe(0)
    })

    it('a clean stop closes every interval; the next start reopens them for the same nodes', async () => {
        const feed = await feedWith()
        const first = follower(feed)
        await first.start()
        await waitFor(
            '6 nodes online',
            () => onlineCount(feed.chain.genesisHash),
            n => n === 6,
        )
        await first.stop()
        const open = async () =>
            (
                await pool.query(
                    `SELECT (SELECT count(*) FROM telemetry_node_interval WHERE "end" IS NULL)::int AS nodes, (SELECT count(*) FROM feed_connection_interval WHERE "end" IS NULL)::int AS feeds`,
                )
            ).rows[0]
        expect(await open()).toEqual({nodes: 0, feeds: 0})
        const second = follower(feed)
        await second.start()
        await waitFor('reopened', open, v => v.nodes === 6 && v.feeds === 1)
        const {rows} = await pool.query('SELECT count(*)::int AS n FROM telemetry_node')
        expect(rows[0].n).toBe(6)
        expect(await intervals(nodeId(feed, nodes[3].name))).toEqual([
            {kind: 'online', open: false},
            {kind: 'online', open: true},
        ])
        // A node gone while the service was down keeps its last known details through the next run.
        feed.removeNode(nodes[1].name)
        await second.stop()
        const third = follower(feed)
        await third.start()
        await waitFor(
            'node 1 offline',
            async () => (await nodeRow(nodeId(feed, nodes[1].name))).online,
            v => v === false,
            20_000,
        )
        await third.stop()
        expect(await nodeRow(nodeId(feed, nodes[1].name))).toMatchObject({
            online: false,
            version: nodes[1].version,
            validator_address: nodes[1].validatorAddress,
            candidate_stash: candidates[1].stash,
            sysinfo: expect.objectContaining({coreCount: 16}),
        })
    })
})
