/**
 * What to do with each pending proxy announcement: execute it once the delay has passed and every target is
 * still valid, remove it as soon as a target turns invalid, cancel it when it is too old or blacklisted, and
 * otherwise wait; then the calls that carry those decisions out, one batch per signer.
 */
import {batchAll, nominate, proxyAnnounced, remark, removeAnnouncement, type Call} from './plan'

export interface PendingAnnouncement {
    /** The proxy that announced (the delegate). */
    signer: string
    /** The stash it acts for (the real account). */
    stash: string
    callHash: string
    announcedAtBlock: number
    /** Targets of the recorded nomination with this call hash; null = no round of ours recorded it. */
    targets: string[] | null
    /** Input hash of the round that announced it, when recorded. */
    roundInputHash: string | null
}

/** A target's validity now, from every check of the scorer; unknown = a check could not run. */
export type TargetValidity = 'valid' | 'invalid' | 'unknown'

export interface AnnouncementPolicy {
    delayBlocks: number
    cancelAfterBlocks: number
    blacklistedCallHashes: string[]
}

export type AnnouncementDecision =
    | {action: 'execute'}
    | {action: 'remove'; invalidTargets: string[]}
    | {action: 'cancel'; reason: 'blacklisted'}
    | {action: 'cancel'; reason: 'expired'; ageBlocks: number}
    | {action: 'wait'; reason: 'delay'; blocksLeft: number}
    | {action: 'wait'; reason: 'validityUnknown'; targets: string[]}
    | {action: 'wait'; reason: 'unknownCall'}

export function decideAnnouncement(
    a: PendingAnnouncement,
    currentBlock: number,
    validity: ReadonlyMap<string, TargetValidity>,
    policy: AnnouncementPolicy,
): AnnouncementDecision {
    const ageBlocks = currentBlock - a.announcedAtBlock
    if (policy.blacklistedCallHashes.some(h => h.toLowerCase() === a.callHash.toLowerCase()))
        return {action: 'cancel', reason: 'blacklisted'}
    if (ageBlocks > policy.cancelAfterBlocks) return {action: 'cancel', reason: 'expired', ageBlocks}
    // Not ours to execute: we do not know its call. It waits until it expires, so it never blocks for ever.
    if (a.targets === null) return {action: 'wait', reason: 'unknownCall'}
    // A target not among the scorer's results counts as invalid: it is no longer a candidate.
    const invalidTargets = a.targets.filter(t => (validity.get(t) ?? 'invalid') === 'invalid')
    if (invalidTargets.length > 0) return {action: 'remove', invalidTargets}
    // pallet-proxy: executable when now − height ≥ delay.
    if (ageBlocks < policy.delayBlocks) return {action: 'wait', reason: 'delay', blocksLeft: policy.delayBlocks - ageBlocks}
    const unknown = a.targets.filter(t => validity.get(t) === 'unknown')
    if (unknown.length > 0) return {action: 'wait', reason: 'validityUnknown', targets: unknown}
    return {action: 'execute'}
}

export interface AnnouncementBatch {
    signer: string
    /** A `utility.batchAll`. */
    call: Call
}

/**
 * The calls for the decisions taken: `proxy.proxyAnnounced` for executions (with the remark of the round each
 * came from) and `proxy.removeAnnouncement` for removals and cancellations, one batch per signer.
 */
export function planAnnouncementCalls(
    decided: readonly {announcement: PendingAnnouncement; decision: AnnouncementDecision}[],
): AnnouncementBatch[] {
    const bySigner = new Map<string, {remarks: string[]; calls: Call[]}>()
    for (const {announcement: a, decision} of decided) {
        if (decision.action === 'wait') continue
        const batch = bySigner.get(a.signer) ?? {remarks: [], calls: []}
        if (decision.action === 'execute') {
            if (a.targets === null)
                throw new Error(`announcement ${a.callHash} for ${a.stash} cannot be executed: its call is not recorded`)
            if (a.roundInputHash !== null && !batch.remarks.includes(a.roundInputHash)) batch.remarks.push(a.roundInputHash)
            batch.calls.push(proxyAnnounced(a.signer, a.stash, nominate(a.targets)))
        } else {
            batch.calls.push(removeAnnouncement(a.stash, a.callHash))
        }
        bySigner.set(a.signer, batch)
    }
    return [...bySigner.entries()]
        .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
        .map(([signer, b]) => ({signer, call: batchAll([...b.remarks.map(remark), ...b.calls])}))
}
