import fs from 'fs'
import path from 'path'
import {describe, expect, it} from 'vitest'
import {indexCandidates, matchCandidate} from './candidate-match'
import {decodeFeedFrame, type FeedMessage} from './feed-frame'
import {ChainNodeState, nodeKey, type IntervalOp} from './node-state'

const CHAIN = '0xchain'
const GRACE = 300_000
const key = (name: string) => nodeKey(CHAIN, name)

function added(nodeId: number, name: string, version = '1.16.2-dba2dd59101'): FeedMessage {
    return {
        action: 'AddedNode',
        nodeId,
        details: {name, implementation: 'Parity Polkadot', version, validatorAddress: null, networkId: null, ip: null, sysinfo: null},
        stats: {peers: 10, txCount: 0},
        io: {usedStateCacheSizes: []},
        hardware: {upload: [], download: [], chartStampsMs: []},
        block: {height: 1, hash: '0x01', blockTimeMs: 6000, blockTimestampMs: 0, propagationTimeMs: null},
        location: null,
        startupTimeMs: 1000,
        hwbench: null,
    }
}
const removed = (nodeId: number): FeedMessage => ({action: 'RemovedNode', nodeId})

function fresh(): ChainNodeState {
    const s = new ChainNodeState(CHAIN, GRACE)
    s.subscribed(0)
    return s
}

describe('ChainNodeState', () => {
    it('a new node opens an online interval at the time it is added', () => {
        const s = fresh()
        s.apply(added(1, 'alice'), 10)
        const c = s.drain()
        expect(c.feed).toEqual([{op: 'open', startMs: 0}])
        expect(c.intervals).toEqual([{op: 'open', nodeKey: key('alice'), kind: 'online', startMs: 10}])
        expect(s.snapshot(key('alice'))).toMatchObject({online: true, connections: 1, firstSeenMs: 10})
    })

    it('a node back within the grace period has no outage', () => {
        const s = fresh()
        s.apply(added(1, 'alice'), 10)
        s.drain()
        s.apply(removed(1), 1000)
        s.tick(1000 + GRACE - 1)
        s.apply(added(2, 'alice'), 1000 + GRACE - 1)
        s.tick(10_000_000)
        expect(s.drain().intervals).toEqual([])
        expect(s.openIntervalOf(key('alice'))).toEqual({kind: 'online', startMs: 10})
    })

    it('a node gone past the grace period is offline from the time it left', () => {
        const s = fresh()
        s.apply(added(1, 'alice'), 10)
        s.drain()
        s.apply(removed(1), 1000)
        s.tick(1000 + GRACE)
        expect(s.drain().intervals).toEqual<IntervalOp[]>([
            {op: 'close', nodeKey: key('alice'), kind: 'online', startMs: 10, endMs: 1000},
            {op: 'open', nodeKey: key('alice'), kind: 'offline', startMs: 1000},
        ])
        expect(s.snapshot(key('alice'))?.online).toBe(false)
        s.apply(added(7, 'alice'), 900_000)
        expect(s.drain().intervals).toEqual<IntervalOp[]>([
            {op: 'close', nodeKey: key('alice'), kind: 'offline', startMs: 1000, endMs: 900_000},
            {op: 'open', nodeKey: key('alice'), kind: 'online', startMs: 900_000},
        ])
    })

    it('two connections with one name (an upgrade: new before old leaves) are no outage', () => {
        const s = fresh()
        s.apply(added(1, 'alice', '1.15.0'), 10)
        s.apply(added(2, 'alice', '1.16.0'), 20)
        expect(s.snapshot(key('alice'))?.connections).toBe(2)
        s.apply(removed(1), 30)
        s.tick(30 + GRACE * 10)
        const c = s.drain()
        expect(c.intervals).toEqual([{op: 'open', nodeKey: key('alice'), kind: 'online', startMs: 10}])
        expect(s.snapshot(key('alice'))).toMatchObject({online: true, connections: 1})
        expect(s.snapshot(key('alice'))?.details?.version).toBe('1.16.0')
    })

    it('a duplicate AddedNode for the same id (resubscribe) is not counted twice', () => {
        const s = fresh()
        s.apply(added(1, 'alice'), 10)
        s.apply(added(1, 'alice'), 20)
        s.apply(removed(1), 30)
        expect(s.snapshot(key('alice'))?.connections).toBe(0)
        s.tick(30 + GRACE)
        expect(s.snapshot(key('alice'))?.online).toBe(false)
    })

    it('a feed id reused by another name leaves the old name', () => {
        const s = fresh()
        s.apply(added(1, 'alice'), 10)
        s.apply(added(1, 'bob'), 20)
        expect(s.snapshot(key('alice'))?.connections).toBe(0)
        expect(s.snapshot(key('bob'))?.connections).toBe(1)
    })

    it('a feed outage closes every interval: the gap is unknown, and online nodes re-added after it are online again', () => {
        const s = fresh()
        s.apply(added(1, 'alice'), 10)
        s.apply(added(2, 'bob'), 10)
        s.apply(removed(2), 100)
        s.tick(100 + GRACE)
        s.drain()
        s.connectionLost(500_000)
        expect(s.drain()).toEqual({
            feed: [{op: 'close', startMs: 0, endMs: 500_000}],
            intervals: [
                {op: 'close', nodeKey: key('alice'), kind: 'online', startMs: 10, endMs: 500_000},
                {op: 'close', nodeKey: key('bob'), kind: 'offline', startMs: 100, endMs: 500_000},
            ],
            nodes: [key('alice'), key('bob')],
        })
        s.subscribed(2_000_000)
        s.apply(added(31, 'alice'), 2_000_005)
        s.tick(2_000_000 + GRACE)
        expect(s.drain().intervals).toEqual([
            {op: 'open', nodeKey: key('alice'), kind: 'online', startMs: 2_000_000},
            {op: 'open', nodeKey: key('bob'), kind: 'offline', startMs: 2_000_000},
        ])
    })

    it('a node online before an outage and absent after it goes offline from the resubscription, after the grace period', () => {
        const s = fresh()
        s.apply(added(1, 'alice'), 10)
        s.connectionLost(1000)
        s.subscribed(5000)
        s.drain()
        s.tick(5000 + GRACE - 1)
        expect(s.drain().intervals).toEqual([])
        s.tick(5000 + GRACE)
        expect(s.drain().intervals).toEqual([
            {op: 'close', nodeKey: key('alice'), kind: 'online', startMs: 5000, endMs: 5000},
            {op: 'open', nodeKey: key('alice'), kind: 'offline', startMs: 5000},
        ])
    })

    it('restored nodes (after a restart) keep their first-seen time and are reconciled by name', () => {
        const s = new ChainNodeState(CHAIN, GRACE)
        s.restore([
            {chain: CHAIN, name: 'alice', firstSeenMs: 5, lastSeenMs: 50, online: true},
            {chain: 'other', name: 'zed', firstSeenMs: 5, lastSeenMs: 50, online: true},
        ])
        s.subscribed(1000)
        s.apply(added(4, 'alice'), 1001)
        const c = s.drain()
        expect(c.intervals).toEqual([{op: 'open', nodeKey: key('alice'), kind: 'online', startMs: 1000}])
        expect(s.nodes().map(n => n.name)).toEqual(['alice'])
        expect(s.snapshot(key('alice'))?.firstSeenMs).toBe(5)
    })

    it('stale flag, location and unknown node ids', () => {
        const s = fresh()
        s.apply(added(1, 'alice'), 10)
        s.apply({action: 'StaleNode', nodeId: 1}, 20)
        expect(s.snapshot(key('alice'))?.stale).toBe(true)
        s.apply(
            {
                action: 'ImportedBlock',
                nodeId: 1,
                block: {height: 2, hash: '0x02', blockTimeMs: 1, blockTimestampMs: 1, propagationTimeMs: 1},
            },
            30,
        )
        expect(s.snapshot(key('alice'))?.stale).toBe(false)
        s.apply({action: 'LocatedNode', nodeId: 1, location: {latitude: 1, longitude: 2, city: 'Basel'}}, 40)
        expect(s.snapshot(key('alice'))?.location?.city).toBe('Basel')
        s.apply(removed(99), 50)
        s.apply({action: 'NodeStatsUpdate', nodeId: 98, stats: {peers: 1, txCount: 0}}, 50)
        expect(s.unknownNodeIds).toBe(2)
        expect(s.onlineCount()).toBe(1)
    })

    it('the real Sio34 AddedNode from the W3F feed: one online node whose validator address matches its candidate', () => {
        const fixture = JSON.parse(
            fs.readFileSync(path.join(__dirname, 'fixtures/w3f-feed-kusama-polkadot-2024-11.metaspan-dn-dashboard.json'), 'utf8'),
        )
        const s = fresh()
        for (const m of decodeFeedFrame(JSON.stringify(fixture.polkadotAddedNodePayload.frame)).messages) s.apply(m, 100)
        const node = s.snapshot(key('Sio34'))!
        expect(node).toMatchObject({
            online: true,
            connections: 1,
            startupTimeMs: 1731587797635,
            hwbench: {cpuHashrateScore: 1601, memoryMemcpyScore: 3737, diskSequentialWriteScore: 790, diskRandomWriteScore: 166},
        })
        expect(node.details?.validatorAddress).toBe('1614F5TvNUQmPZ964M9KCdJfmQjnkdtHYXPhuX2KeNCnuc7U')
        // A candidate entered under another name is still found by the address the node reports.
        const index = indexCandidates([{name: 'Sio 34', stash: '1614F5TvNUQmPZ964M9KCdJfmQjnkdtHYXPhuX2KeNCnuc7U'}])
        expect(matchCandidate({name: node.name, validatorAddress: node.details!.validatorAddress}, index)).toEqual({
            stash: '1614F5TvNUQmPZ964M9KCdJfmQjnkdtHYXPhuX2KeNCnuc7U',
            by: 'validatorAddress',
        })
        s.apply({action: 'RemovedNode', nodeId: 9}, 200)
        s.tick(200 + GRACE)
        expect(s.snapshot(key('Sio34'))?.online).toBe(false)
    })
})

describe('ChainNodeState invariants over seeded random sequences', () => {
    /** Small deterministic generator (mulberry32), so a failure replays from its seed. */
    function rng(seed: number): () => number {
        return () => {
            seed = (seed + 0x6d2b79f5) | 0
            let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
            t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
            return ((t ^ (t >>> 14)) >>> 0) / 4294967296
        }
    }

    it.each([1, 2, 3, 4, 5, 6, 7, 8])(
        'seed %i: intervals never overlap, always lie inside feed-up time, and connections are never double counted',
        seed => {
            const random = rng(seed)
            const names = ['a', 'b', 'c', 'd']
            const s = new ChainNodeState(CHAIN, 1000)
            const live = new Map<number, string>()
            let nextId = 0
            let now = 0
            let up = false
            const ops: IntervalOp[] = []
            const feedSpans: [number, number][] = []
            let feedStart = 0
            for (let step = 0; step < 2000; step++) {
                now += Math.floor(random() * 400)
                const r = random()
                if (!up) {
                    if (r < 0.5) {
                        s.subscribed(now)
                        up = true
                        feedStart = now
                    }
                } else if (r < 0.35) {
                    const id = random() < 0.2 && live.size ? [...live.keys()][Math.floor(random() * live.size)] : nextId++
                    const name = names[Math.floor(random() * names.length)]
                    s.apply(added(id, name), now)
                    live.set(id, name)
                } else if (r < 0.6 && live.size) {
                    const id = [...live.keys()][Math.floor(random() * live.size)]
                    s.apply(removed(id), now)
                    live.delete(id)
                } else if (r < 0.63) {
                    s.connectionLost(now)
                    up = false
                    live.clear()
                    feedSpans.push([feedStart, now])
                } else {
                    s.tick(now)
                }
                ops.push(...s.drain().intervals)
                for (const name of names) {
                    const expected = [...live.values()].filter(n => n === name).length
                    expect(s.snapshot(key(name))?.connections ?? 0).toBe(expected)
                }
            }
            if (up) feedSpans.push([feedStart, Infinity])
            const open = new Map<string, {kind: string; startMs: number}>()
            const closed = new Map<string, [number, number][]>()
            for (const op of ops) {
                if (op.op === 'open') {
                    expect(open.has(op.nodeKey)).toBe(false)
                    open.set(op.nodeKey, {kind: op.kind, startMs: op.startMs})
                } else {
                    expect(open.get(op.nodeKey)).toEqual({kind: op.kind, startMs: op.startMs})
                    expect(op.endMs).toBeGreaterThanOrEqual(op.startMs)
                    open.delete(op.nodeKey)
                    closed.set(op.nodeKey, [...(closed.get(op.nodeKey) ?? []), [op.startMs, op.endMs]])
                }
            }
            for (const [k, o] of open) closed.set(k, [...(closed.get(k) ?? []), [o.startMs, Infinity]])
            for (const spans of closed.values()) {
                for (let i = 1; i < spans.length; i++) expect(spans[i][0]).toBeGreaterThanOrEqual(spans[i - 1][1])
                for (const [a, b] of spans) expect(feedSpans.some(([fa, fb]) => a >= fa && b <= fb)).toBe(true)
            }
            expect(ops.length).toBeGreaterThan(50)
        },
    )
})
