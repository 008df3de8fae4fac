/**
 * Drives the devnet as a user's wallet would: sign with @polkadot/api, submit, seal a block, and read back the
 * extrinsic's events and decoded error, so devnet tests can compare outcomes with the pallets' own tests.
 */
import {expect} from 'vitest'
import type {ApiPromise} from '@polkadot/api'
import type {SubmittableExtrinsic} from '@polkadot/api/types'
import type {KeyringPair} from '@polkadot/keyring/types'
import {blake2AsHex} from '@polkadot/util-crypto'
import type {Devnet} from '../../devnet/index'
import type {ChainRole} from '../../devnet/chain/chain-role'

export interface Included {
    /** The extrinsic's events as `section.Method`, in order. */
    events: string[]
    /** Each event's data, in the same order. */
    data: any[]
    /** `section.Name` of the module error when the extrinsic failed (or the DispatchError variant). */
    error?: string
    blockNumber: number
}

/** `section.Name` of a DispatchError value. */
export function dispatchErrorName(api: ApiPromise, de: any): string {
    return de.isModule ? (({section, name}) => `${section}.${name}`)(api.registry.findMetaError(de.asModule)) : de.type
}

/** Sign, submit, produce a block; the extrinsic's events and its error, if any. `role`: the chain `api` talks to, when not the first. */
export async function include(
    api: ApiPromise,
    devnet: Devnet,
    tx: SubmittableExtrinsic<'promise'>,
    signer: KeyringPair,
    role?: ChainRole,
): Promise<Included> {
    await tx.signAsync(signer)
    const hash = (await api.rpc.author.submitExtrinsic(tx)).toHex()
    const [first] = await devnet.produceBlocks(1)
    const block = role ? devnet.chainOf(role).head : first
    const index = block.extrinsics.findIndex(x => blake2AsHex(x, 256) === hash)
    expect(index).toBeGreaterThan(0)
    const records = (await api.query.system.events.at(block.hash)).filter(
        r => r.phase.isApplyExtrinsic && r.phase.asApplyExtrinsic.toNumber() === index,
    )
    const failed = records.find(r => api.events.system.ExtrinsicFailed.is(r.event))
    return {
        events: records.map(r => `${r.event.section}.${r.event.method}`),
        data: records.map(r => r.event.data),
        error: failed ? dispatchErrorName(api, failed.event.data[0]) : undefined,
        blockNumber: block.number,
    }
}

/** The error of the call a proxy dispatched (its `ProxyExecuted` result); undefined when it succeeded. */
export function proxyResultError(api: ApiPromise, r: Included): string | undefined {
    const i = r.events.indexOf('proxy.ProxyExecuted')
    expect(i).toBeGreaterThanOrEqual(0)
    const result = r.data[i][0]
    return result.isOk ? undefined : dispatchErrorName(api, result.asErr)
}
