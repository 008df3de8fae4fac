/**
 * A round's intended calls as plain data: one `utility.batchAll` per signer carrying the round's remark and a
 * nomination (direct, through a proxy, or announced for a delayed proxy) for each stash it signs for. The
 * executor turns these into extrinsics; a dry run prints them; the replay compares them.
 */
import type {NominatorAccount, Selection} from '../selection/select'

/**
 * One call by its `@polkadot/api` section and method (`api.tx[pallet][call]`) with arguments by their metadata
 * names in camelCase; the executor orders them from the call's metadata.
 */
export interface Call {
    pallet: string
    call: string
    args: {[name: string]: CallArg}
}

/** blake2-256 of a call's SCALE encoding, which only the runtime's metadata can produce: the executor computes it. */
export interface CallHashOf {
    hashOf: Call
}

export type CallArg = string | number | CallArg[] | Call | CallHashOf

export function nominate(targets: string[]): Call {
    return {pallet: 'staking', call: 'nominate', args: {targets: [...targets]}}
}

export function proxy(real: string, call: Call): Call {
    return {pallet: 'proxy', call: 'proxy', args: {real, forceProxyType: 'Staking', call}}
}

export function announce(real: string, call: Call): Call {
    return {pallet: 'proxy', call: 'announce', args: {real, callHash: {hashOf: call}}}
}

export function proxyAnnounced(delegate: string, real: string, call: Call): Call {
    return {pallet: 'proxy', call: 'proxyAnnounced', args: {delegate, real, forceProxyType: 'Staking', call}}
}

export function removeAnnouncement(real: string, callHash: string): Call {
    return {pallet: 'proxy', call: 'removeAnnouncement', args: {real, callHash}}
}

/** The round's input hash as the remark's bytes; the `System.Remarked` event carries its blake2-256. */
export function remark(inputHash: string): Call {
    return {pallet: 'system', call: 'remarkWithEvent', args: {remark: inputHash}}
}

export function batchAll(calls: Call[]): Call {
    return {pallet: 'utility', call: 'batchAll', args: {calls}}
}

/** What one signer sends this round. */
export interface SignerBatch {
    signer: string
    /** The stashes it nominates for, in allocation order. */
    stashes: string[]
    /** A `utility.batchAll`. */
    call: Call
}

/** A delayed proxy's nomination: announced in this round's batch, executed once the delay has passed. */
export interface Announced {
    signer: string
    stash: string
    targets: string[]
    /** The announced call; its hash is the announcement's. */
    inner: Call
    /** Sent later, after the announcement decision says so. */
    execute: Call
}

export interface RoundPlan {
    inputHash: string
    /** By signer, in code-point order. */
    batches: SignerBatch[]
    announced: Announced[]
    /** Accounts that send nothing: the ranking left them no target. */
    skipped: {name: string; stash: string; reason: 'noTargets'}[]
}

/** `accounts` are the round's accounts (for mode and signer); `selection` their allocation. */
export function planRound(inputHash: string, accounts: readonly NominatorAccount[], selection: Selection): RoundPlan {
    const byStash = new Map(accounts.map(a => [a.stash, a]))
    const bySigner = new Map<string, {stashes: string[]; calls: Call[]}>()
    const announced: Announced[] = []
    const skipped: RoundPlan['skipped'] = []
    for (const s of selection.accounts) {
        const account = byStash.get(s.stash)
        if (!account) throw new Error(`selection names account ${s.stash}, which is not among the round's accounts`)
        if (s.targets.length === 0) {
            skipped.push({name: s.name, stash: s.stash, reason: 'noTargets'})
            continue
        }
        const inner = nominate(s.targets)
        let call: Call
        switch (account.mode) {
            case 'direct':
                call = inner
                break
            case 'proxy':
                call = proxy(account.stash, inner)
                break
            case 'delayedProxy':
                call = announce(account.stash, inner)
                announced.push({
                    signer: account.signer,
                    stash: account.stash,
                    targets: s.targets,
                    inner,
                    execute: proxyAnnounced(account.signer, account.stash, inner),
                })
                break
        }
        const batch = bySigner.get(account.signer) ?? {stashes: [], calls: []}
        batch.stashes.push(account.stash)
        batch.calls.push(call)
        bySigner.set(account.signer, batch)
    }
    const batches = [...bySigner.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([signer, b]) => ({signer, stashes: b.stashes, call: batchAll([remark(inputHash), ...b.calls])}))
    return {inputHash, batches, announced, skipped}
}
