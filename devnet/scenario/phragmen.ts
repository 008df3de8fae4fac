/**
 * Sequential Phragmén election (the algorithm Substrate's staking ran on-chain): picks `seats` winners
 * from candidates backed by their self-stake and by nominators' stakes, and splits each nominator's
 * stake over its elected targets by load, optionally reduced to a forest. Pure: plain data in, plain data out.
 */
import {reduceToForest, type StakeEdge} from './reduce'

export interface ElectionVoter {
    who: string
    stakePlanck: bigint
    targets: readonly string[]
}

export interface ElectionCandidate {
    who: string
    selfStakePlanck: bigint
}

export interface ElectedExposure {
    validator: string
    ownPlanck: bigint
    totalPlanck: bigint
    /** Nominator backings, largest first. */
    others: {who: string; valuePlanck: bigint}[]
}

export interface ElectionOptions {
    /** Reduce the assignment to a forest (sp-npos-elections `reduce`), as submitted solutions are. */
    reduce?: boolean
}

export function seqPhragmen(
    candidates: readonly ElectionCandidate[],
    voters: readonly ElectionVoter[],
    seats: number,
    options: ElectionOptions = {},
): ElectedExposure[] {
    const index = new Map<string, number>()
    candidates.forEach((c, i) => index.set(c.who, i))
    const nC = candidates.length
    // Self-stake votes as a voter for its own candidate, as in Substrate.
    const vStake: number[] = []
    const vEdges: number[][] = []
    const vWho: string[] = []
    candidates.forEach((c, i) => {
        vStake.push(Number(c.selfStakePlanck))
        vEdges.push([i])
        vWho.push(c.who)
    })
    for (const v of voters) {
        // A target named twice is one edge (sp-npos-elections skips duplicate edges; the relay stores duplicates).
        const edges = [...new Set(v.targets)].map(t => index.get(t)).filter((i): i is number => i !== undefined)
        if (edges.length === 0) continue
        vStake.push(Number(v.stakePlanck))
        vEdges.push(edges)
        vWho.push(v.who)
    }
    const approval = new Float64Array(nC)
    const backers: number[][] = Array.from({length: nC}, () => [])
    vEdges.forEach((edges, v) => {
        for (const c of edges) {
            approval[c] += vStake[v]
            backers[c].push(v)
        }
    })
    const voterLoad = new Float64Array(vStake.length)
    const elected = new Uint8Array(nC)
    const candLoad = new Float64Array(nC)
    const winners: number[] = []
    const want = Math.min(seats, nC)
    for (let round = 0; round < want; round++) {
        let best = -1
        let bestScore = Infinity
        for (let c = 0; c < nC; c++) {
            if (elected[c] || approval[c] <= 0) continue
            let s = 1
            for (const v of backers[c]) s += vStake[v] * voterLoad[v]
            const score = s / approval[c]
            if (score < bestScore) {
                bestScore = score
                best = c
            }
        }
        if (best < 0) break
        elected[best] = 1
        candLoad[best] = bestScore
        winners.push(best)
        for (const v of backers[best]) voterLoad[v] = bestScore
    }
    // Edge weight = stake × (load the winner added to the voter) / voter's final load.
    const assigned: StakeEdge[] = []
    vEdges.forEach((edges, v) => {
        const load = voterLoad[v]
        if (load <= 0) return
        const chosen = edges.filter(c => elected[c])
        if (chosen.length === 0) return
        // Each edge's share of the voter's load, by the order winners were picked.
        const ordered = chosen.slice().sort((a, b) => candLoad[a] - candLoad[b])
        let prev = 0
        const stake = BigInt(Math.round(vStake[v]))
        let sum = 0n
        ordered.forEach((c, k) => {
            const edgeLoad = Math.min(candLoad[c], load) - prev
            prev = Math.min(candLoad[c], load)
            let value = k === ordered.length - 1 ? stake - sum : BigInt(Math.floor((vStake[v] * Math.max(edgeLoad, 0)) / load))
            if (value < 0n) value = 0n
            sum += value
            assigned.push({voter: v, target: c, weight: value})
        })
    })
    const exposures = new Map<number, ElectedExposure>()
    for (const w of winners) {
        exposures.set(w, {validator: candidates[w].who, ownPlanck: 0n, totalPlanck: 0n, others: []})
    }
    for (const {voter, target, weight} of options.reduce ? reduceToForest(assigned, vStake.length, nC) : assigned) {
        const e = exposures.get(target)!
        if (voter < nC && vWho[voter] === e.validator) e.ownPlanck += weight
        else if (weight > 0n) e.others.push({who: vWho[voter], valuePlanck: weight})
        e.totalPlanck += weight
    }
    const out = winners.map(w => exposures.get(w)!)
    for (const e of out)
        e.others.sort((a, b) => (b.valuePlanck > a.valuePlanck ? 1 : b.valuePlanck < a.valuePlanck ? -1 : a.who < b.who ? -1 : 1))
    return out
}
