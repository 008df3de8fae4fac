/**
 * The programme's accounts from config (`nominator.accounts`) with their signing keys: sr25519 pairs made from
 * the seeds (environment or file, never the config file), the stash each nominates and the address that signs.
 * The seed is revealed here and nowhere else; what leaves this module carries addresses only.
 */
import {Keyring} from '@polkadot/keyring'
import type {KeyringPair} from '@polkadot/keyring/types'
import {decodeAddress, encodeAddress} from '@polkadot/util-crypto'
import type {NominatorAccountConfig} from '../config/load'
import type {NominationMode} from './selection/select'

export interface SigningAccount {
    name: string
    mode: NominationMode
    /** SS58 of the nominating (bonded) account. */
    stash: string
    /** SS58 of the account that signs: the stash itself when direct, the proxy otherwise. */
    signer: string
}

export interface Signers {
    accounts: SigningAccount[]
    /** The key pair of a signer address. */
    pairOf(signer: string): KeyringPair
}

/** Needs `cryptoWaitReady()`. Several accounts may share one signer (a proxy serving several stashes). */
export function signingAccounts(configured: readonly NominatorAccountConfig[], ss58Prefix: number): Signers {
    const keyring = new Keyring({type: 'sr25519', ss58Format: ss58Prefix})
    const pairs = new Map<string, KeyringPair>()
    const accounts = configured.map((a, i) => {
        let pair: KeyringPair
        try {
            pair = keyring.addFromUri(a.seed.reveal())
        } catch {
            // The library's message may quote the seed: say only which account's seed is unusable.
            throw new Error(
                `nominator.accounts.${i} (${a.name}): the seed from ${a.seed.source} is not a valid mnemonic, hex seed or secret URI`,
            )
        }
        pairs.set(pair.address, pair)
        const stash = a.mode === 'direct' ? pair.address : encodeAddress(decodeAddress(a.real!), ss58Prefix)
        return {name: a.name, mode: a.mode, stash, signer: pair.address}
    })
    const stashes = new Set<string>()
    for (const a of accounts) {
        if (stashes.has(a.stash)) throw new Error(`nominator.accounts: stash ${a.stash} is configured twice (${a.name})`)
        stashes.add(a.stash)
    }
    return {
        accounts,
        pairOf(signer) {
            const pair = pairs.get(signer)
            if (!pair) throw new Error(`no key for signer ${signer}`)
            return pair
        },
    }
}
