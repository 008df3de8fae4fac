/**
 * What a finalized extrinsic did, from its events: success or the decoded dispatch error, and per call of its
 * batch whether that call took effect (a proxied call can fail inside a successful batch: ProxyExecuted Err;
 * utility.batch stops at BatchInterrupted). Module errors are decoded with the runtime's metadata.
 */
import type {Registry} from '@polkadot/types/types'
import type {Call} from '../round/plan'

export interface ItemOutcome {
    ok: boolean
    /** Decoded error, e.g. `Staking.BadTarget: …`; null when ok. */
    error: string | null
}

export interface ExtrinsicOutcome {
    success: boolean
    error: string | null
    /** One per call of the batch (or one for a call that is not a batch). */
    items: ItemOutcome[]
    /** `System.Remarked` hashes in the extrinsic. */
    remarkHashes: string[]
}

export interface EventLike {
    section: string
    method: string
    data: any[]
}

/** `Pallet.Error: docs` for a DispatchError codec (or a plain variant's name). */
export function decodeDispatchError(registry: Registry, dispatchError: any): string {
    if (dispatchError?.isModule) {
        const meta = registry.findMetaError(dispatchError.asModule)
        const pallet = meta.section.charAt(0).toUpperCase() + meta.section.slice(1)
        const docs = meta.docs.join(' ').trim()
        return `${pallet}.${meta.name}${docs ? `: ${docs}` : ''}`
    }
    if (dispatchError?.isToken) return `Token.${dispatchError.asToken.type}`
    if (dispatchError?.isArithmetic) return `Arithmetic.${dispatchError.asArithmetic.type}`
    return String(dispatchError?.type ?? dispatchError)
}

const isProxyCall = (c: Call) => c.pallet === 'proxy' && (c.call === 'proxy' || c.call === 'proxyAnnounced')

/** @param call the plan's call the extrinsic carried; @param events its events, in order */
export function extrinsicOutcome(registry: Registry, call: Call, events: readonly EventLike[]): ExtrinsicOutcome {
    const items: Call[] =
        call.pallet === 'utility' && (call.call === 'batchAll' || call.call === 'batch') ? (call.args.calls as Call[]) : [call]
    const remarkHashes = events.filter(e => e.section === 'system' && e.method === 'Remarked').map(e => e.data[1].toHex() as string)
    const failed = events.find(e => e.section === 'system' && e.method === 'ExtrinsicFailed')
    if (failed) {
        const error = decodeDispatchError(registry, failed.data[0])
        return {success: false, error, items: items.map(() => ({ok: false, error})), remarkHashes}
    }
    if (!events.some(e => e.section === 'system' && e.method === 'ExtrinsicSuccess')) {
        throw new Error('the extrinsic has neither ExtrinsicSuccess nor ExtrinsicFailed among its events')
    }
    const interrupted = events.find(e => e.section === 'utility' && e.method === 'BatchInterrupted')
    const stopAt = interrupted ? Number(interrupted.data[0].toString()) : items.length
    const stopError = interrupted ? decodeDispatchError(registry, interrupted.data[1]) : null
    const proxied = events.filter(e => e.section === 'proxy' && e.method === 'ProxyExecuted')
    let nextProxied = 0
    const outcomes = items.map((item, i): ItemOutcome => {
        if (i === stopAt) return {ok: false, error: stopError}
        if (i > stopAt) return {ok: false, error: `not run: the batch stopped at call ${stopAt}`}
        if (!isProxyCall(item)) return {ok: true, error: null}
        const executed = proxied[nextProxied++]
        if (!executed) return {ok: false, error: 'no ProxyExecuted event for this proxy call'}
        const result = executed.data[0]
        return result.isOk ? {ok: true, error: null} : {ok: false, error: decodeDispatchError(registry, result.asErr)}
    })
    return {success: true, error: null, items: outcomes, remarkHashes}
}
