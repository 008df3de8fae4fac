import {describe, expect, it} from 'vitest'
import {describeStall, judgeProgress, type ProgressSample, type StallWatch} from './stall'

const settings = {timeoutMs: 1000, fromBlock: 0}

/** Runs samples through the decision and returns each verdict's `stalled` and `stalledMs`. */
function run(samples: [atMs: number, indexedHeight: number, finalizedHeight: number][], s: Parameters<typeof judgeProgress>[2] = settings) {
    let watch: StallWatch | undefined
    return samples.map(([atMs, indexedHeight, finalizedHeight]) => {
        const sample: ProgressSample = {atMs, indexedHeight, finalizedHeight}
        const v = judgeProgress(watch, sample, s)
        watch = v.watch
        return [v.stalled, v.stalledMs]
    })
}

describe('judgeProgress', () => {
    it('finds a stall once the height has stood still longer than the timeout while finalized blocks wait', () => {
        expect(
            run([
                [0, 10, 12],
                [600, 10, 14],
                [1000, 10, 15],
                [1001, 10, 15],
            ]),
        ).toEqual([
            [false, 0],
            [false, 600],
            [false, 1000],
            [true, 1001],
        ])
    })

    it('restarts the clock whenever the height moves', () => {
        expect(
            run([
                [0, 10, 20],
                [900, 11, 21],
                [1800, 12, 22],
                [2700, 12, 23],
                [3800, 12, 24],
            ]),
        ).toEqual([
            [false, 0],
            [false, 0],
            [false, 0],
            [false, 900],
            [true, 2000],
        ])
    })

    it('is no stall while the processor is caught up, however long the chain stops finalizing', () => {
        expect(
            run([
                [0, 10, 10],
                [5000, 10, 10],
                [9000, 10, 10],
            ]),
        ).toEqual([
            [false, 0],
            [false, 0],
            [false, 0],
        ])
        // The clock starts when a finalized block waits, not when the height last moved.
        expect(
            run([
                [0, 10, 10],
                [5000, 10, 11],
                [5500, 10, 11],
                [6001, 10, 12],
            ]),
        ).toEqual([
            [false, 0],
            [false, 0],
            [false, 500],
            [true, 1001],
        ])
    })

    it('waits for no block outside the range: before BLOCK_FROM is finalized, or past BLOCK_TO', () => {
        expect(
            run(
                [
                    [0, -1, 40],
                    [5000, -1, 49],
                ],
                {...settings, fromBlock: 50},
            ),
        ).toEqual([
            [false, 0],
            [false, 0],
        ])
        expect(
            run(
                [
                    [0, -1, 50],
                    [1001, -1, 51],
                ],
                {...settings, fromBlock: 50},
            ),
        ).toEqual([
            [false, 0],
            [true, 1001],
        ])
        expect(
            run(
                [
                    [0, 30, 40],
                    [5000, 30, 45],
                ],
                {...settings, toBlock: 30},
            ),
        ).toEqual([
            [false, 0],
            [false, 0],
        ])
    })
})

describe('describeStall', () => {
    it('names the heights, the waiting statement, what blocks it, and the pending snapshots, on one line', () => {
        const line = describeStall({
            chain: 'relay',
            indexedHeight: 23,
            finalizedHeight: 31,
            waitedMs: 300_400,
            lockWaits: [
                {
                    pid: 41,
                    waitingMs: 12_000.4,
                    query: 'UPDATE era\n   SET total_points = $2 WHERE id = $1',
                    blockedBy: [
                        {
                            pid: 40,
                            application: 'squid processor squid_processor',
                            state: 'idle in transaction',
                            query: 'INSERT INTO "squid_processor".hot_block (height, hash) VALUES ($1, $2)',
                        },
                    ],
                },
            ],
            pendingEras: [],
            queuedEras: [1],
        })
        expect(line).not.toContain('\n')
        expect(line).toBe(
            "relay processor stalled: its indexed height 23 has not moved for 300400 ms while the chain's finalized head is 31; " +
                'waiting for: pid 41 has waited 12000 ms on "UPDATE era SET total_points = $2 WHERE id = $1", blocked by pid 40 ' +
                '(squid processor squid_processor, idle in transaction) "INSERT INTO "squid_processor".hot_block (height, hash) VALUES ($1, $2)"; ' +
                'era snapshots pending: none, queued in the snapshot thread: 1. Exiting so it is restarted.',
        )
    })
})
