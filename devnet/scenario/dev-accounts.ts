/**
 * The funded test accounts every devnet has: the well-known dev seeds (//Alice …), sr25519 except the
 * scenario's payout bot, which signs with ed25519 so its signatures (and the block hashes) are deterministic.
 */
import {Keyring} from '@polkadot/keyring'
import type {KeyringPair} from '@polkadot/keyring/types'
import {u8aToHex} from '@polkadot/util'

export interface DevAccount {
    name: string
    /** Secret URI, e.g. //Alice. */
    uri: string
    type: 'sr25519' | 'ed25519'
    publicKey: string
    address: string
    pair: KeyringPair
}

const NAMES = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie']

/** Needs `cryptoWaitReady()` to have resolved. */
export function devAccounts(ss58Prefix = 0): DevAccount[] {
    const sr = new Keyring({type: 'sr25519', ss58Format: ss58Prefix})
    const ed = new Keyring({type: 'ed25519', ss58Format: ss58Prefix})
    return NAMES.map(name => {
        const type = name === 'Ferdie' ? 'ed25519' : 'sr25519'
        const pair = (type === 'ed25519' ? ed : sr).addFromUri(`//${name}`)
        return {name, uri: `//${name}`, type, publicKey: u8aToHex(pair.publicKey), address: pair.address, pair}
    })
}
