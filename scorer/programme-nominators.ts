/**
 * The programme's own nominating (bonded) accounts, from config `nominator.accounts`: their stake follows
 * the scores, so it is left out of the nominator-stake component, and a kick is a fault only when it
 * removes one of them.
 */
import {u8aToHex} from '@polkadot/util'
import {decodeAddress} from '@polkadot/util-crypto'
import type {Config} from '../config/load'

/** What the nominator recorded of one account at its last check (`nominator_status`: the config's name, the stash). */
export interface RecordedNominator {
    account: string
    stash: string
}

/**
 * 0x hex public keys, sorted. A proxy account nominates for `real`; a direct account nominates itself, and its
 * stash is the one the nominator recorded for it (the scorer never reads seeds: only the nominator holds them).
 * A direct account the nominator has not checked yet is not known here.
 */
export function programmeNominatorKeys(accounts: Config['nominator']['accounts'], recorded: readonly RecordedNominator[]): string[] {
    const keys = new Set<string>()
    for (const a of accounts) {
        const stash = a.real ?? recorded.find(r => r.account === a.name)?.stash
        if (stash) keys.add(u8aToHex(decodeAddress(stash)))
    }
    return [...keys].sort()
}
