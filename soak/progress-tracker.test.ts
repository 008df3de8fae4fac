/**
 * How the soak judges progress: a stall is a height standing still while the finalized head has passed it
 * for longer than the threshold (not while the chain itself stands still), and the finality lag is measured
 * from a block's finality to its rows on the current branch, hot rows included, reorged rows not.
 */
import {describe, expect, it} from 'vitest'
import type {ChainHeads} from './devnet-host'
import {ProgressTracker} from './progress-tracker'

const hash = (n: number, branch = 0) => `0x${branch}${String(n).padStart(3, '0')}`
/** Heads of a chain 'relay' at `best` (finality lag 2) at time `atMs`; blocks from `forkedFrom` on are of branch 1. */
function heads(best: number, atMs: number, forkedFrom = Infinity): ChainHeads {
    const recent: [number, string][] = []
    for (let n = Math.max(0, best - 7); n <= best; n++) recent.push([n, hash(n, n >= forkedFrom ? 1 : 0)])
    return {atMs, best, finalized: best - 2, recent: {relay: recent}}
}

describe('soak progress tracker', () => {
    it('reports a stall once the finalized head has passed a standing height for longer than the threshold', () => {
        const t = new ProgressTracker(10_000)
        t.watch('soak/relay', 'relay')
        t.onHeads(heads(12, 0))
        t.onSample('soak/relay', {height: 10, hot: []}, 0)
        // The head passes 10 at 1 s; the height stands: 10 s later it is a stall, not before.
        t.onHeads(heads(13, 1_000))
        t.onSample('soak/relay', {height: 10, hot: []}, 10_500)
        expect(t.stalls).toEqual([])
        t.onSample('soak/relay', {height: 10, hot: []}, 11_500)
        t.onSample('soak/relay', {height: 10, hot: []}, 20_000)
        expect(t.stalls).toEqual([{processor: 'soak/relay', height: 10, fromMs: 1_000, toMs: 20_000}])
        // It moves again: the episode ends, one stall in all.
        t.onSample('soak/relay', {height: 11, hot: []}, 21_000)
        t.onSample('soak/relay', {height: 11, hot: []}, 22_000)
        expect(t.stalls.length).toBe(1)
    })

    it('does not call a processor stalled before its first height (start-up), only once it has one', () => {
        const t = new ProgressTracker(10_000)
        t.watch('soak/people', 'people')
        t.onHeads({...heads(12, 0), recent: {people: []}})
        t.onSample('soak/people', {height: -1, hot: []}, 0)
        t.onSample('soak/people', {height: -1, hot: []}, 30_000)
        expect(t.stalls).toEqual([])
        t.onSample('soak/people', {height: 3, hot: []}, 31_000)
        t.onSample('soak/people', {height: 3, hot: []}, 42_000)
        expect(t.stalls).toEqual([{processor: 'soak/people', height: 3, fromMs: 31_000, toMs: 42_000}])
    })

    it('does not call a processor stalled while the chain stands still, however long', () => {
        const t = new ProgressTracker(10_000)
        t.watch('ref/relay', 'relay')
        t.onHeads(heads(20, 0))
        for (let ms = 0; ms <= 60_000; ms += 5_000)
            t.onSample(
                'ref/relay',
                {
                    height: 18,
                    hot: [
                        [19, hash(19)],
                        [20, hash(20)],
                    ],
                },
                ms,
            )
        expect(t.stalls).toEqual([])
    })

    it('measures finality to visible rows after the start-up catch-up, hot rows counting as visible', () => {
        const t = new ProgressTracker(60_000)
        t.watch('soak/relay', 'relay')
        t.onHeads(heads(10, 0))
        // Start-up: it reaches the finalized head (8) at 5 s; that catch-up is not a lag.
        t.onSample('soak/relay', {height: 8, hot: []}, 5_000)
        expect(t.maxLag('soak/relay')).toBeNull()
        // Blocks 9 and 10 were visible as hot rows before their finality: lag 0.
        t.onSample(
            'soak/relay',
            {
                height: 8,
                hot: [
                    [9, hash(9)],
                    [10, hash(10)],
                ],
            },
            5_500,
        )
        t.onHeads(heads(12, 6_000))
        t.onSample(
            'soak/relay',
            {
                height: 10,
                hot: [
                    [11, hash(11)],
                    [12, hash(12)],
                ],
            },
            6_100,
        )
        expect(t.maxLag('soak/relay')).toEqual({processor: 'soak/relay', block: 9, lagMs: 0})
        // Killed: blocks 13–15 come and 11–13 are finalized at 7 s, 8 s, 9 s; it shows them at 12 s.
        t.onHeads(heads(13, 7_000))
        t.onHeads(heads(14, 8_000))
        t.onHeads(heads(15, 9_000))
        t.onSample(
            'soak/relay',
            {
                height: 10,
                hot: [
                    [11, hash(11)],
                    [12, hash(12)],
                ],
            },
            9_500,
        )
        t.onSample(
            'soak/relay',
            {
                height: 13,
                hot: [
                    [14, hash(14)],
                    [15, hash(15)],
                ],
            },
            12_000,
        )
        expect(t.maxLag('soak/relay')).toEqual({processor: 'soak/relay', block: 13, lagMs: 3_000})
    })

    it('does not count rows of a branch that a reorg abandoned as visible', () => {
        const t = new ProgressTracker(60_000)
        t.watch('soak/relay', 'relay')
        t.onHeads(heads(10, 0))
        t.onSample(
            'soak/relay',
            {
                height: 8,
                hot: [
                    [9, hash(9)],
                    [10, hash(10)],
                ],
            },
            1_000,
        )
        // Blocks 9 and 10 are replaced by 9', 10', 11' at 2 s (9' final at once); the processor still shows the old ones.
        t.onHeads(heads(11, 2_000, 9))
        t.onSample(
            'soak/relay',
            {
                height: 8,
                hot: [
                    [9, hash(9)],
                    [10, hash(10)],
                ],
            },
            2_500,
        )
        // 10' is final at 3 s; the new branch's rows appear at 6 s.
        t.onHeads(heads(12, 3_000, 9))
        t.onSample('soak/relay', {height: 10, hot: [[11, hash(11, 1)]]}, 6_000)
        expect(t.maxLag('soak/relay')).toEqual({processor: 'soak/relay', block: 9, lagMs: 4_000})
    })
})
