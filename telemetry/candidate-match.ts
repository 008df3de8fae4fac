/**
 * Which programme candidate a telemetry node belongs to: by the validator address the node reports
 * (when the feed exposes it, compared as public keys so the SS58 prefix does not matter), else by its
 * exact telemetry name. An address match wins over a name match, because names are typed by hand.
 */
import {decode as decodeSs58} from '@subsquid/ss58'

export interface CandidateRef {
    name: string
    stash: string
}

export type MatchedBy = 'validatorAddress' | 'name'

export interface CandidateMatch {
    stash: string
    by: MatchedBy
}

export interface CandidateIndex {
    byName: Map<string, CandidateRef>
    byKey: Map<string, CandidateRef>
}

export function indexCandidates(candidates: CandidateRef[]): CandidateIndex {
    const byName = new Map<string, CandidateRef>()
    const byKey = new Map<string, CandidateRef>()
    for (const c of candidates) {
        byName.set(c.name, c)
        byKey.set(accountKey(c.stash), c)
    }
    return {byName, byKey}
}

export function matchCandidate(node: {name: string; validatorAddress: string | null}, index: CandidateIndex): CandidateMatch | null {
    if (node.validatorAddress) {
        const c = index.byKey.get(accountKey(node.validatorAddress))
        if (c) return {stash: c.stash, by: 'validatorAddress'}
    }
    const c = index.byName.get(node.name)
    return c ? {stash: c.stash, by: 'name'} : null
}

/** Public key hex of an SS58 address; anything else as it is. */
function accountKey(address: string): string {
    return publicKeyOf(address) ?? address
}

/** The hex public key (as the squid's account ids) of an SS58 address, or null when it is not one. */
export function publicKeyOf(address: string): string | null {
    try {
        return decodeSs58(address).bytes
    } catch {
        return null
    }
}
