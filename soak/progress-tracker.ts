/**
 * What the soak concludes from the chain's heads and the processors' heights over time: stalls (a height
 * that does not move while the finalized head has passed it, for longer than a threshold) and the time
 * from a block's finality to its rows being visible. Plain data in, plain data out; the caller brings the clock.
 */
import type {ChainHeads} from './devnet-host'

/** One processor's progress as read from its state schema. */
export interface ProcessorSample {
    /** Its finalized height (`status.height`), -1 before it has one. */
    height: number
    /** Its unfinalized blocks (`hot_block`): [height, hash]. */
    hot: [number, string][]
}

export interface Stall {
    processor: string
    /** Height it stood at; when the finalized head first passed it, and the last time it was still there. */
    height: number
    fromMs: number
    toMs: number
}

export interface FinalityLag {
    processor: string
    block: number
    lagMs: number
}

interface Watched {
    chain: string
    /** Highest block whose rows are visible on the current branch (finalized, or hot with the canonical hash). */
    visible: number
    height: number
    /** When `height` was first seen. */
    heightSinceMs: number
    stall: Stall | null
    /** Lags count once the processor has reached the finalized head (not its start-up catch-up). */
    caughtUp: boolean
    visibleAtMs: Map<number, number>
    maxLag: FinalityLag | null
}

export class ProgressTracker {
    private readonly canonical = new Map<string, Map<number, string>>()
    private readonly finalizedAtMs = new Map<number, number>()
    private finalized = -1
    private readonly watched = new Map<string, Watched>()
    readonly stalls: Stall[] = []

    /** @param stallAfterMs how long a height may stand still behind the finalized head before it is a stall */
    constructor(private readonly stallAfterMs: number) {}

    /** A processor of `chain` (a chain role of the devnet), under a name unique across stacks. */
    watch(processor: string, chain: string): void {
        this.watched.set(processor, {
            chain,
            visible: -1,
            height: -1,
            heightSinceMs: 0,
            stall: null,
            caughtUp: false,
            visibleAtMs: new Map(),
            maxLag: null,
        })
    }

    /** The devnet made blocks, finalized some, or reorged. */
    onHeads(heads: ChainHeads): void {
        for (const [chain, blocks] of Object.entries(heads.recent)) {
            const known = this.canonical.get(chain) ?? new Map<number, string>()
            this.canonical.set(chain, known)
            const replacedFrom = blocks.find(([n, hash]) => known.has(n) && known.get(n) !== hash)?.[0]
            for (const [n, hash] of blocks) known.set(n, hash)
            // Blocks above the new best are gone with the old branch.
            for (const n of known.keys()) if (n > heads.best) known.delete(n)
            if (replacedFrom === undefined) continue
            // Rows of the abandoned branch did not make these blocks visible.
            for (const w of this.watched.values()) {
                if (w.chain !== chain) continue
                for (const n of w.visibleAtMs.keys()) if (n >= replacedFrom) w.visibleAtMs.delete(n)
                w.visible = Math.min(w.visible, replacedFrom - 1)
            }
        }
        for (let n = this.finalized + 1; n <= heads.finalized; n++) this.finalizedAtMs.set(n, heads.atMs)
        this.finalized = Math.max(this.finalized, heads.finalized)
    }

    onSample(processor: string, sample: ProcessorSample, nowMs: number): void {
        const w = this.watched.get(processor)
        if (!w) throw new Error(`soak progress: ${processor} is not watched`)
        const hashes = this.canonical.get(w.chain)
        let visible = sample.height
        for (const [n, hash] of [...sample.hot].sort((a, b) => a[0] - b[0])) {
            if (n === visible + 1 && hashes?.get(n) === hash) visible = n
        }
        for (let n = Math.max(0, w.visible + 1); n <= visible; n++) if (!w.visibleAtMs.has(n)) w.visibleAtMs.set(n, nowMs)
        w.visible = visible
        if (w.caughtUp) {
            for (const [n, atMs] of w.visibleAtMs) {
                const finalAtMs = this.finalizedAtMs.get(n)
                if (finalAtMs === undefined) continue
                const lagMs = Math.max(0, atMs - finalAtMs)
                if (!w.maxLag || lagMs > w.maxLag.lagMs) w.maxLag = {processor, block: n, lagMs}
                w.visibleAtMs.delete(n)
            }
        } else if (visible >= this.finalized && this.finalized >= 0) {
            w.caughtUp = true
            w.visibleAtMs.clear()
        }

        if (sample.height !== w.height) {
            w.height = sample.height
            w.heightSinceMs = nowMs
            w.stall = null
        }
        // Before its first batch (start-up, a fresh database) a processor has no height to stand still at.
        if (w.height < 0 || this.finalized <= w.height) return
        // Behind since the finalized head passed this height, or since the height was reached if later.
        const behindSinceMs = Math.max(w.heightSinceMs, this.finalizedAtMs.get(w.height + 1) ?? nowMs)
        if (nowMs - behindSinceMs <= this.stallAfterMs) return
        if (!w.stall) {
            w.stall = {processor, height: w.height, fromMs: behindSinceMs, toMs: nowMs}
            this.stalls.push(w.stall)
        }
        w.stall.toMs = nowMs
    }

    /** The longest finality-to-visible time of each processor (null: no block finalized after it caught up). */
    maxLag(processor: string): FinalityLag | null {
        return this.watched.get(processor)?.maxLag ?? null
    }

    /** Every one of these processors has reached the finalized head at least once. */
    caughtUp(processors: string[]): boolean {
        return processors.every(p => this.watched.get(p)?.caughtUp)
    }

    heightOf(processor: string): number {
        return this.watched.get(processor)?.height ?? -1
    }

    get finalizedHead(): number {
        return this.finalized
    }
}
