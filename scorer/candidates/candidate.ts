/**
 * A programme candidate as the scorer knows it, and what was wrong with an entry of the list it came
 * from: one problem per entry and field, naming the entry's position and slot.
 */
import {readAddress} from './ss58-address'

export interface Candidate {
    /** The 1KV slot id; null for lists without one (Decentralized Nodes). */
    slotId: number | null
    /** Telemetry node name (1KV) or on-chain identity (Decentralized Nodes). */
    name: string
    /** SS58, as the list gives it. */
    stash: string
    /** 0x hex of the stash's public key: what the squid's tables are keyed by. */
    stashPublicKeyHex: string
    /** Polkadot candidates' Kusama stash (SS58, Kusama prefix 2). */
    kusamaStash: string | null
    kusamaStashPublicKeyHex: string | null
    riotHandles: string[]
    kyc: boolean
    /** The programme waives the self-stake rule for this candidate. */
    skipSelfStake: boolean
    /** The list's own status where it has one (Decentralized Nodes: Active, Pending, Graduated, Removed, Backup). */
    status: string | null
}

export interface CandidateProblem {
    /** Position in the file's list, from 0 (for Decentralized Nodes lists: in `list`). */
    index: number
    /** The list the entry is in, when a file has several (Decentralized Nodes: selected, backups). */
    list?: string
    slotId: number | null
    field: string
    reason: string
    /** rejected: the entry is not loaded; loaded: it is, without the field. */
    outcome: 'rejected' | 'loaded'
}

/** The candidates a file gave and what was wrong with the others. */
export interface CandidateList {
    file: string
    candidates: Candidate[]
    problems: CandidateProblem[]
}

/** One line: `candidates[12] (slotId 12) stash: is a Kusama address …; entry rejected`. */
export function describeProblem(p: CandidateProblem): string {
    const where = `${p.list ?? 'candidates'}[${p.index}]` + (p.slotId === null ? '' : ` (slotId ${p.slotId})`)
    return `${where} ${p.field}: ${p.reason}; ${p.outcome === 'rejected' ? 'entry rejected' : 'entry loaded without it'}`
}

/** A file that has no candidate list at all: the scorer cannot start from it. */
export class CandidateListError extends Error {
    constructor(
        readonly file: string,
        readonly reason: string,
        readonly line?: number,
        readonly column?: number,
    ) {
        super(`candidates file ${file}: ${reason}` + (line === undefined ? '' : ` at line ${line}, column ${column}`))
    }
}

/** An entry that passed its own field rules, with where it was. */
export interface ParsedEntry {
    index: number
    list?: string
    candidate: Candidate
}

/**
 * Drops the entries whose name or stash (compared as a public key) an earlier entry already has: the
 * first keeps its place, so adding a duplicate at the end of a list never unseats the original.
 */
export function withoutDuplicates(entries: ParsedEntry[]): {candidates: Candidate[]; problems: CandidateProblem[]} {
    const byName = new Map<string, ParsedEntry>()
    const byKey = new Map<string, ParsedEntry>()
    const candidates: Candidate[] = []
    const problems: CandidateProblem[] = []
    const at = (e: ParsedEntry) =>
        `${e.list ?? 'candidates'}[${e.index}]` + (e.candidate.slotId === null ? '' : ` (slotId ${e.candidate.slotId})`)
    for (const e of entries) {
        const c = e.candidate
        const sameName = byName.get(c.name)
        const sameKey = byKey.get(c.stashPublicKeyHex)
        const reject = (field: string, reason: string) =>
            problems.push({index: e.index, list: e.list, slotId: c.slotId, field, reason, outcome: 'rejected'})
        if (sameName) reject('name', `duplicate: ${JSON.stringify(c.name)} is already the name of ${at(sameName)}`)
        if (sameKey)
            reject(
                'stash',
                `duplicate: ${at(sameKey)} already has this stash${sameKey.candidate.stash === c.stash ? '' : ` (as ${sameKey.candidate.stash})`}`,
            )
        if (sameName || sameKey) continue
        byName.set(c.name, e)
        byKey.set(c.stashPublicKeyHex, e)
        candidates.push(c)
    }
    return {candidates, problems}
}

/** Reads an address field, or the reason it is not one of `prefix`'s network. */
export function addressField(value: string, prefix: number): {publicKeyHex: string} | {reason: string} {
    const r = readAddress(value, prefix)
    return r.ok ? {publicKeyHex: r.publicKeyHex} : {reason: `${JSON.stringify(value)} ${r.reason}`}
}
