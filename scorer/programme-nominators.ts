/**
 * The programme's own nominating (bonded) accounts, from config `nominator.accounts`: their stake follows
 * the scores, so it is left out of the nominator-stake component, and a kick is a fault only when it
 * removes one of them.
 */
import {Keyring} from '@polkadot/keyring'
import {u8aToHex} from '@polkadot/util'
import {cryptoWaitReady, decodeAddress} from '@polkadot/util-crypto'
import type {Config} from '../config/load'

/**
 * 0x hex public keys, sorted. A proxy account nominates for `real`; a direct account nominates itself, so
 * its public key is derived from its seed (the seed is used for that alone and never leaves this function).
 */
export async function programmeNominatorKeys(accounts: Config['nominator']['accounts']): Promise<string[]> {
    const keys = new Set<string>()
    let keyring: Keyring | undefined
    for (const [i, a] of accounts.entries()) {
        if (a.real) {
            keys.add(u8aToHex(decodeAddress(a.real)))
            continue
        }
        if (!keyring) {
            await cryptoWaitReady()
            keyring = new Keyring({type: 'sr25519'})
        }
        try {
            keys.add(u8aToHex(keyring.addFromUri(a.seed.reveal()).publicKey))
        } catch {
            throw new Error(`nominator.accounts.${i} (${a.name}): its seed (${a.seed.source}) does not give a key pair`)
        }
    }
    return [...keys].sort()
}
