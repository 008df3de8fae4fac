/**
 * Deterministic randomness for scenarios: the same seed and label always give the same sequence, so a
 * restarted devnet rebuilds the same world and the same chain.
 */
export class SeededRandom {
    private state: number

    constructor(seed: number, label = '') {
        let h = (seed ^ 0x9e3779b9) >>> 0
        for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x85ebca6b) >>> 0
        this.state = h || 1
    }

    /** Uniform in [0, 1). mulberry32. */
    next(): number {
        let t = (this.state = (this.state + 0x6d2b79f5) >>> 0)
        t = Math.imul(t ^ (t >>> 15), t | 1)
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296
    }

    int(maxExclusive: number): number {
        return Math.floor(this.next() * maxExclusive)
    }

    pick<T>(items: readonly T[]): T {
        return items[this.int(items.length)]
    }

    chance(p: number): boolean {
        return this.next() < p
    }

    /** `count` distinct items (partial Fisher-Yates). */
    sample<T>(items: readonly T[], count: number): T[] {
        const copy = items.slice()
        const n = Math.min(count, copy.length)
        for (let i = 0; i < n; i++) {
            const j = i + this.int(copy.length - i)
            const t = copy[i]
            copy[i] = copy[j]
            copy[j] = t
        }
        return copy.slice(0, n)
    }

    bytes(length: number): Uint8Array {
        const out = new Uint8Array(length)
        for (let i = 0; i < length; i++) out[i] = this.int(256)
        return out
    }
}
