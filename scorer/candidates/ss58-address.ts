/**
 * Reads an SS58 address as the public key it encodes, refusing one that is malformed or encoded for
 * another network: the squid stores hex public keys and telemetry SS58, so candidates are joined on the key.
 */
import {base58Decode, checkAddressChecksum, decodeAddress} from '@polkadot/util-crypto'
import {u8aToHex} from '@polkadot/util'

export type AddressReading = {ok: true; publicKeyHex: string; prefix: number} | {ok: false; reason: string}

const NETWORK_NAMES: Record<number, string> = {0: 'Polkadot', 2: 'Kusama', 42: 'generic Substrate'}

export function networkName(prefix: number): string {
    return NETWORK_NAMES[prefix] ?? `SS58 prefix ${prefix}`
}

const BASE58 = /^[1-9A-HJ-NP-Za-km-z]+$/

export function readAddress(address: string, expectedPrefix: number): AddressReading {
    if (/^0x[0-9a-fA-F]*$/.test(address)) return {ok: false, reason: 'is hex, not an SS58 address'}
    if (!BASE58.test(address)) return {ok: false, reason: 'is not an SS58 address (a character outside base58)'}
    let publicKey: Uint8Array
    try {
        publicKey = decodeAddress(address)
    } catch (e: any) {
        const message = String(e?.message ?? e)
        if (/checksum/i.test(message)) return {ok: false, reason: 'is not a valid SS58 address (its checksum does not match: a typo?)'}
        if (/length/i.test(message)) return {ok: false, reason: 'is not a valid SS58 address (wrong length)'}
        return {ok: false, reason: 'is not a valid SS58 address'}
    }
    if (publicKey.length !== 32) return {ok: false, reason: `encodes a ${publicKey.length}-byte account, not a 32-byte public key`}
    const prefix = ss58Prefix(address)
    if (prefix !== expectedPrefix) {
        return {
            ok: false,
            reason: `is a ${networkName(prefix)} address (prefix ${prefix}), expected ${networkName(expectedPrefix)} (prefix ${expectedPrefix})`,
        }
    }
    return {ok: true, publicKeyHex: u8aToHex(publicKey), prefix}
}

/** The network prefix of a decodable SS58 address (one or two bytes, as the checksum reads it). */
function ss58Prefix(address: string): number {
    const [, , , prefix] = checkAddressChecksum(base58Decode(address))
    return prefix
}
