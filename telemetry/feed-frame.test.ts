import fs from 'fs'
import path from 'path'
import {describe, expect, it} from 'vitest'
import {decodeFeedFrame, FeedFrameError, type FeedMessage} from './feed-frame'

/** Real frames captured from the W3F feed (see fixtures/README.md). */
const fixture = JSON.parse(
    fs.readFileSync(path.join(__dirname, 'fixtures/w3f-feed-kusama-polkadot-2024-11.metaspan-dn-dashboard.json'), 'utf8'),
)
const KUSAMA = '0xb0a8d493285c2df73290dfb7e61f870f17b41801197a149ca93654499ea3dafe'
const POLKADOT = '0x91b171bb158e2d3848fa23a9f1c25182fb8e20313b2c1eb49219da7a70ce90c3'

function decodeValid(frame: unknown): FeedMessage[] {
    const d = decodeFeedFrame(JSON.stringify(frame))
    expect(d.rejected).toEqual([])
    expect(d.unknownActions).toEqual([])
    return d.messages
}

function example(label: string): any {
    const e = fixture.examples.find((x: any) => x.label === label)
    if (!e) throw new Error(`fixture has no example ${label}`)
    return e
}

describe('decodeFeedFrame on real W3F frames', () => {
    it('every valid example frame decodes with nothing rejected or unknown', () => {
        const valid = fixture.examples.filter((e: any) => e.validJson)
        expect(valid.length).toBe(10)
        for (const e of valid) {
            const messages = decodeValid(e.frame)
            expect(messages.length).toBe(e.frame.length / 2)
            expect(ACTION_CODE[messages[0].action]).toBe(e.firstAction)
        }
    })

    it('the connect frame: feed version 32 and 46 chains with node counts', () => {
        const messages = decodeValid(fixture.connectFrame.frame)
        expect(messages[0]).toEqual({action: 'FeedVersion', version: 32})
        const chains = messages.filter(m => m.action === 'AddedChain')
        expect(chains.length).toBe(46)
        expect(chains).toContainEqual({action: 'AddedChain', label: 'Kusama', genesisHash: KUSAMA, nodeCount: 909})
        expect(chains).toContainEqual({action: 'AddedChain', label: 'Polkadot', genesisHash: POLKADOT, nodeCount: 383})
    })

    it('SubscribedTo frame: TimeSync, BestBlock, BestFinalized and chain stats ranges', () => {
        const [sub, time, best, fin, stats] = decodeValid(
            example('SubscribedTo (+TimeSync, BestBlock, BestFinalized, ChainStatsUpdate)').frame,
        )
        expect(sub).toEqual({action: 'SubscribedTo', genesisHash: KUSAMA})
        expect(time).toEqual({action: 'TimeSync', timeMs: 1731600437616})
        expect(best).toEqual({action: 'BestBlock', height: 25778216, timestampMs: 1731600432160, avgBlockTimeMs: 6238})
        expect(fin).toEqual({
            action: 'BestFinalized',
            height: 25778212,
            hash: '0xec4ea83dbaa17721d733a30d2375bd292cb4f099f8756144c28ee6bf314d91b1',
        })
        if (stats.action !== 'ChainStatsUpdate') throw new Error('expected ChainStatsUpdate')
        expect(stats.stats.version?.list[0]).toEqual(['1.16.1-835e0767fe8', 517])
        expect(stats.stats.version?.other).toBe(13)
        expect(stats.stats.diskRandomWriteScore?.list.at(-1)).toEqual([[500, null], 11])
        expect(stats.stats.diskRandomWriteScore?.unknown).toBe(49)
        expect(stats.stats.targetOs?.list[0]).toEqual(['linux', 896])
    })

    it('node updates carry their node id and values', () => {
        expect(decodeValid(example('ImportedBlock').frame)).toEqual([
            {
                action: 'ImportedBlock',
                nodeId: 200,
                block: {
                    height: 1400080,
                    hash: '0x885de4c403ed4e1bc31dde5dccca4d2520e5f184d8fd15440854349524796bbd',
                    blockTimeMs: 74,
                    blockTimestampMs: 1731599698617,
                    propagationTimeMs: null,
                },
            },
        ])
        expect(decodeValid(example('FinalizedBlock').frame)).toEqual([
            {
                action: 'FinalizedBlock',
                nodeId: 500,
                height: 1456128,
                hash: '0xa8e2eb03036ce394f20f4e3048130fe4a30b568f679a53d461e51d41a7e1f8e0',
            },
        ])
        expect(decodeValid(example('NodeStatsUpdate').frame)).toEqual([
            {action: 'NodeStatsUpdate', nodeId: 541, stats: {peers: 17, txCount: 0}},
        ])
        expect(decodeValid(example('RemovedNode').frame)).toEqual([{action: 'RemovedNode', nodeId: 5}])
        const [hw] = decodeValid(example('Hardware').frame)
        if (hw.action !== 'Hardware') throw new Error('expected Hardware')
        expect(hw.nodeId).toBe(519)
        expect(hw.hardware.upload.length).toBe(20)
        expect(hw.hardware.upload[0]).toBe(3642780.5625)
        expect(hw.hardware.chartStampsMs[0]).toBe(1731598141178.5)
        const [io] = decodeValid(example('NodeIOUpdate').frame)
        if (io.action !== 'NodeIOUpdate') throw new Error('expected NodeIOUpdate')
        expect(io.io.usedStateCacheSizes[0]).toBe(53854932)
        const chainStatsFrame = decodeValid(example('ChainStatsUpdate (+ImportedBlock)').frame)
        expect(chainStatsFrame[1]).toEqual({
            action: 'ImportedBlock',
            nodeId: 179,
            block: {
                height: 25778181,
                hash: '0x4ff464aea237f8d696874ef56c352a8e8484e6ea5691d774b4d785615eb42a17',
                blockTimeMs: 5959,
                blockTimestampMs: 1731600210492,
                propagationTimeMs: 139,
            },
        })
    })

    it('the Polkadot AddedNode with W3F 8-field details: validator address, IP, sysinfo and hwbench', () => {
        const [m] = decodeValid(fixture.polkadotAddedNodePayload.frame)
        if (m.action !== 'AddedNode') throw new Error('expected AddedNode')
        expect(m.nodeId).toBe(9)
        expect(m.details).toEqual({
            name: 'Sio34',
            implementation: 'Parity Polkadot',
            version: '1.16.2-dba2dd59101',
            validatorAddress: '1614F5TvNUQmPZ964M9KCdJfmQjnkdtHYXPhuX2KeNCnuc7U',
            networkId: '12D3KooWEYsmg5EEeCGqAq32bRGVcCh63nGLXeTyYBDvGZtyLVMy',
            ip: '95.141.47.38',
            sysinfo: {
                cpu: 'AMD Ryzen 9 7950X 16-Core Processor',
                memoryBytes: 8589934592,
                coreCount: 4,
                linuxKernel: '6.5.11-8-pve',
                linuxDistro: 'Ubuntu 22.04 LTS',
                isVirtualMachine: false,
            },
        })
        expect(m.hwbench).toEqual({
            cpuHashrateScore: 1601,
            memoryMemcpyScore: 3737,
            diskSequentialWriteScore: 790,
            diskRandomWriteScore: 166,
        })
        expect(m.stats).toEqual({peers: 40, txCount: 0})
        expect(m.block).toEqual({
            height: 23412447,
            hash: '0x11bfae7499513cf67670035a03720e9d3a0a934847f07839851047036c6d7fbb',
            blockTimeMs: 5618,
            blockTimestampMs: 1731615366358,
            propagationTimeMs: 148,
        })
        expect(m.location).toBeNull()
        expect(m.startupTimeMs).toBe(1731587797635)
        expect(m.io.usedStateCacheSizes.length).toBe(20)
        expect(m.hardware.download.length).toBe(20)
    })

    it('upstream layout (7 detail fields, hwbench as 9th outer element) decodes to the same hwbench', () => {
        const payload = structuredClone(fixture.polkadotAddedNodePayload.frame[1])
        const bench = payload[1].pop()
        payload[6] = [47.5421, 7.5962, 'Basel']
        payload.push(bench)
        const [m] = decodeValid([3, payload])
        if (m.action !== 'AddedNode') throw new Error('expected AddedNode')
        expect(m.hwbench?.cpuHashrateScore).toBe(1601)
        expect(m.location).toEqual({latitude: 47.5421, longitude: 7.5962, city: 'Basel'})
        expect(m.details.sysinfo?.coreCount).toBe(4)
    })

    it('the console-flattened entries are rejected cleanly as frames', () => {
        const invalid = fixture.examples.filter((e: any) => !e.validJson)
        expect(invalid.length).toBe(3)
        for (const e of invalid) {
            expect(() => decodeFeedFrame(e.raw)).toThrow(FeedFrameError)
            expect(() => decodeFeedFrame(e.raw)).toThrow(/not JSON/)
        }
    })

    it('the LocatedNode values in the real wire shape decode', () => {
        expect(decodeValid([5, [528, 47.5421, 7.5962, 'Basel']])).toEqual([
            {action: 'LocatedNode', nodeId: 528, location: {latitude: 47.5421, longitude: 7.5962, city: 'Basel'}},
        ])
    })
})

describe('decodeFeedFrame on every v32 action and on bad input', () => {
    it('decodes the actions the fixtures do not carry', () => {
        const messages = decodeValid([12, KUSAMA, 14, POLKADOT, 15, '42', 20, 7, 1, [10, 1000, null]])
        expect(messages).toEqual([
            {action: 'RemovedChain', genesisHash: KUSAMA},
            {action: 'UnsubscribedFrom', genesisHash: POLKADOT},
            {action: 'Pong', payload: '42'},
            {action: 'StaleNode', nodeId: 7},
            {action: 'BestBlock', height: 10, timestampMs: 1000, avgBlockTimeMs: null},
        ])
    })

    it('counts and skips unknown actions, keeping the rest of the frame', () => {
        const d = decodeFeedFrame(JSON.stringify([16, [1, 2, '0x'], 99, {}, 4, 3]))
        expect(d.unknownActions).toEqual([16, 99])
        expect(d.messages).toEqual([{action: 'RemovedNode', nodeId: 3}])
    })

    it('rejects a bad payload naming the action, pair and field, and keeps the others', () => {
        const d = decodeFeedFrame(JSON.stringify([8, [5, ['many', 0]], 4, 9, 3, [1, ['only name']]]))
        expect(d.messages).toEqual([{action: 'RemovedNode', nodeId: 9}])
        expect(d.rejected).toEqual([
            {
                index: 0,
                action: 8,
                error: 'action 8 (NodeStatsUpdate) at pair 0: NodeStatsUpdate[1].peers: expected a non-negative integer, got "many"',
            },
            {
                index: 2,
                action: 3,
                error: 'action 3 (AddedNode) at pair 2: AddedNode: expected an array of at least 8 elements, got [1,["only name"]]',
            },
        ])
    })

    it.each([
        ['{"a":1}', /not a JSON array/],
        ['[0,32,1]', /odd number of elements \(3\)/],
        ['', /not JSON/],
        ['[0,32', /not JSON/],
    ])('rejects frame %j', (text, error) => {
        expect(() => decodeFeedFrame(text)).toThrow(error)
    })

    it('a non-integer action is rejected for its pair only', () => {
        const d = decodeFeedFrame('["x", 1, 0, 32]')
        expect(d.messages).toEqual([{action: 'FeedVersion', version: 32}])
        expect(d.rejected[0].error).toMatch(/expected an integer, got "x"/)
    })
})

const ACTION_CODE: Record<string, number> = {
    FeedVersion: 0,
    BestBlock: 1,
    BestFinalized: 2,
    AddedNode: 3,
    RemovedNode: 4,
    LocatedNode: 5,
    ImportedBlock: 6,
    FinalizedBlock: 7,
    NodeStatsUpdate: 8,
    Hardware: 9,
    TimeSync: 10,
    AddedChain: 11,
    RemovedChain: 12,
    SubscribedTo: 13,
    UnsubscribedFrom: 14,
    Pong: 15,
    StaleNode: 20,
    NodeIOUpdate: 21,
    ChainStatsUpdate: 22,
}
