/**
 * Reduces an election's stake assignment to a forest, as the chain's election miners do before they
 * submit a solution (sp-npos-elections `reduce`): every cycle of the voter–target graph is cancelled
 * by moving stake around it until one of its edges is empty. Each voter's stake and each target's
 * backing stay the same; only the number of edges drops (at most voters + targets - 1 remain).
 * Pure: plain data in, plain data out.
 */

export interface StakeEdge {
    voter: number
    target: number
    weight: bigint
}

/** `edges` of voters `0…voters-1` and targets `0…targets-1`, each pair at most once. */
export function reduceToForest(edges: readonly StakeEdge[], voters: number, targets: number): StakeEdge[] {
    // Forest nodes: voters first, then targets. parent = -1 marks a root.
    const parent = new Int32Array(voters + targets).fill(-1)
    const weight = new Map<number, bigint>()
    const keyOf = (a: number, b: number) => (a < voters ? a * targets + (b - voters) : b * targets + (a - voters))

    const pathToRoot = (x: number) => {
        const path = [x]
        while (parent[x] >= 0) path.push((x = parent[x]))
        return path
    }
    /** Makes x the root of its tree by reversing the parent links on its path to the old root. */
    const evert = (x: number) => {
        let prev = -1
        while (x >= 0) {
            const next = parent[x]
            parent[x] = prev
            prev = x
            x = next
        }
    }
    const link = (voter: number, target: number) => {
        evert(target)
        parent[target] = voter
    }

    for (const e of edges) {
        if (e.weight <= 0n) continue
        const v = e.voter
        const t = voters + e.target
        const fromV = pathToRoot(v)
        const fromT = pathToRoot(t)
        if (fromV[fromV.length - 1] !== fromT[fromT.length - 1]) {
            weight.set(keyOf(v, t), e.weight)
            link(v, t)
            continue
        }
        // A cycle: the new edge v→t, then the tree path t→…→lca→…→v. Its edges alternate between
        // gaining and losing the same amount, so every node on it keeps its total.
        const indexOnV = new Map(fromV.map((x, i) => [x, i]))
        let j = 0
        while (!indexOnV.has(fromT[j])) j++
        const cycle: [number, number][] = []
        for (let k = 0; k < j; k++) cycle.push([fromT[k], fromT[k + 1]])
        for (let k = indexOnV.get(fromT[j])!; k > 0; k--) cycle.push([fromV[k], fromV[k - 1]])
        // cycle[0] follows the new edge, so it loses; the signs alternate from there.
        let delta = -1n
        for (let k = 0; k < cycle.length; k += 2) {
            const w = weight.get(keyOf(...cycle[k]))!
            if (delta < 0n || w < delta) delta = w
        }
        cycle.forEach(([a, b], k) => {
            const key = keyOf(a, b)
            const w = weight.get(key)! + (k % 2 === 0 ? -delta : delta)
            if (w > 0n) {
                weight.set(key, w)
                return
            }
            weight.delete(key)
            if (parent[a] === b) parent[a] = -1
            else parent[b] = -1
        })
        // An emptied edge split the tree path, so v and t are in different trees again.
        weight.set(keyOf(v, t), e.weight + delta)
        link(v, t)
    }
    return [...weight].map(([key, w]) => ({voter: Math.floor(key / targets), target: key % targets, weight: w}))
}
