/**
 * The chain's key/value state at every block: each key keeps its history of (block, value) in block
 * order, so a read at block n is a binary search. (A reorg rebuilds the chain by replay: see index.ts fork.)
 */

interface History {
    blocks: number[]
    values: (string | null)[]
}

export class VersionedStorage {
    private readonly histories = new Map<string, History>()
    private sortedKeys: string[] | undefined
    /** Keys written in each block, for storage subscriptions. */
    private readonly changed = new Map<number, Set<string>>()

    set(block: number, key: string, value: string | null): void {
        let h = this.histories.get(key)
        if (!h) {
            if (value == null) return
            h = {blocks: [], values: []}
            this.histories.set(key, h)
            this.sortedKeys = undefined
        }
        const last = h.blocks.length - 1
        if (last >= 0 && h.blocks[last] === block) {
            h.values[last] = value
        } else {
            if (last >= 0 && h.blocks[last] > block)
                throw new Error(`storage write at block ${block} after a write at block ${h.blocks[last]} (key ${key})`)
            if (last >= 0 && h.values[last] === value) return
            h.blocks.push(block)
            h.values.push(value)
        }
        let c = this.changed.get(block)
        if (!c) this.changed.set(block, (c = new Set()))
        c.add(key)
    }

    get(block: number, key: string): string | null {
        const h = this.histories.get(key)
        if (!h) return null
        let lo = 0,
            hi = h.blocks.length - 1,
            found = -1
        while (lo <= hi) {
            const mid = (lo + hi) >> 1
            if (h.blocks[mid] <= block) {
                found = mid
                lo = mid + 1
            } else {
                hi = mid - 1
            }
        }
        return found < 0 ? null : h.values[found]
    }

    changedAt(block: number): ReadonlySet<string> {
        return this.changed.get(block) ?? new Set()
    }

    /** Keys with a value at `block` that start with `prefix`, in order, after `startKey`. */
    keysPaged(block: number, prefix: string, count: number, startKey?: string | null): string[] {
        const keys = this.keys()
        let i = lowerBound(keys, startKey && startKey > prefix ? startKey : prefix)
        if (startKey && keys[i] === startKey) i++
        const out: string[] = []
        for (; i < keys.length && out.length < count; i++) {
            const k = keys[i]
            if (!k.startsWith(prefix)) break
            if (this.get(block, k) != null) out.push(k)
        }
        return out
    }

    private keys(): string[] {
        if (!this.sortedKeys) this.sortedKeys = [...this.histories.keys()].sort()
        return this.sortedKeys
    }
}

function lowerBound(arr: string[], x: string): number {
    let lo = 0,
        hi = arr.length
    while (lo < hi) {
        const mid = (lo + hi) >> 1
        if (arr[mid] < x) lo = mid + 1
        else hi = mid
    }
    return lo
}
