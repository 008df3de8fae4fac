/**
 * A plan's call (plain data, nominator/round/plan.ts) as a call of the chain's runtime: arguments ordered by the
 * call's metadata, nested calls built the same way, call hashes computed from the runtime's encoding.
 */
import type {ApiPromise} from '@polkadot/api'
import type {SubmittableExtrinsic} from '@polkadot/api/types'
import {blake2AsHex} from '@polkadot/util-crypto'
import type {Call, CallArg} from '../round/plan'

const camel = (snake: string) => snake.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())

export function runtimeCall(api: ApiPromise, call: Call): SubmittableExtrinsic<'promise'> {
    const section = (api.tx as any)[call.pallet]
    const method = section?.[call.call]
    if (!method) throw new Error(`the runtime has no call ${call.pallet}.${call.call}`)
    const names: string[] = method.meta.args.map((a: any) => camel(a.name.toString()))
    const unknown = Object.keys(call.args).filter(k => !names.includes(k))
    if (unknown.length) throw new Error(`${call.pallet}.${call.call}: no argument ${unknown.join(', ')} (it takes ${names.join(', ')})`)
    const args = names.map(n => {
        if (!(n in call.args)) throw new Error(`${call.pallet}.${call.call}: argument ${n} is missing`)
        return argValue(api, call.args[n])
    })
    return method(...args)
}

function argValue(api: ApiPromise, arg: CallArg): unknown {
    if (Array.isArray(arg)) return arg.map(a => argValue(api, a))
    if (typeof arg === 'object' && arg !== null) {
        if ('hashOf' in arg) return callHash(api, arg.hashOf)
        return runtimeCall(api, arg)
    }
    return arg
}

/** blake2-256 of the call's SCALE encoding: what pallet-proxy announces and matches. */
export function callHash(api: ApiPromise, call: Call): string {
    return blake2AsHex(runtimeCall(api, call).method.toU8a(), 256)
}
