/**
 * Addresses at the gateway's edge: a path parameter must be an SS58 address of the configured network
 * (read to the account hex the tables are keyed by, or a 400 naming the parameter and the reason), and
 * account hexes go out as that network's SS58.
 */
import {encodeAddress} from '@polkadot/util-crypto'
import {readAddress} from '../scorer/candidates/ss58-address'
import {badParameter} from './api-error'

/** The path-parameter schema of an address (the precise check is `accountHex`, which names the reason). */
export function addressParamSchema(ss58Prefix: number) {
    return {type: 'string', description: `SS58 address of the network (prefix ${ss58Prefix})`} as const
}

export function accountHex(parameter: string, address: string, ss58Prefix: number): string {
    const r = readAddress(address, ss58Prefix)
    if (!r.ok) throw badParameter(parameter, `${JSON.stringify(address)} ${r.reason}`)
    return r.publicKeyHex
}

/** Account hex → SS58, memoised: the same few thousand validators recur across every era of a response. */
export class AddressEncoder {
    private readonly cache = new Map<string, string>()

    constructor(readonly ss58Prefix: number) {}

    ss58(hex: string): string {
        let a = this.cache.get(hex)
        if (a === undefined) {
            a = encodeAddress(hex, this.ss58Prefix)
            if (this.cache.size > 100_000) this.cache.clear()
            this.cache.set(hex, a)
        }
        return a
    }
}
