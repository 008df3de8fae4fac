/**
 * Reads the validator set the relay received from Asset Hub (`StakingAhClient.ValidatorSet`) at the
 * block of its `ValidatorSetReceived`, and the session keys of its validators (`Session.NextKeys`).
 */
import {pickVersion} from '../versioned'
import type {ValidatorSessionKeys} from './era-snapshot'
import {readNextKeys, SnapshotBlock, StakingStorageDefs} from './era-snapshot-reader'

/** The set queued in storage is not the era the event announced: a runtime this reader does not know. */
export class ReceivedValidatorSetMismatchError extends Error {
    override name = 'ReceivedValidatorSetMismatchError'
    constructor(readonly blockNumber: number, readonly announcedEra: number, readonly queuedEra?: number) {
        super(`StakingAhClient.ValidatorSetReceived at block ${blockNumber} announced the set of era ${announcedEra}, ` +
            `but StakingAhClient.ValidatorSet holds ${queuedEra === undefined ? 'none' : `era ${queuedEra}'s`}`)
    }
}

/** Session keys of the validators the relay queued for `era`, read in the block that received them. */
export async function readReceivedSessionKeys(defs: StakingStorageDefs, block: SnapshotBlock, era: number): Promise<ValidatorSessionKeys[]> {
    /* eslint-disable-next-line @typescript-eslint/no-explicit-any */
    const item = pickVersion(defs.stakingAhClient?.validatorSet as any, 'StakingAhClient.ValidatorSet', block, block) as {
        is(b: unknown): boolean
        get(b: unknown): Promise<[number, string[]] | undefined>
    }
    const queued = await item.get(block)
    if (queued?.[0] !== era) throw new ReceivedValidatorSetMismatchError(block.height, era, queued?.[0])
    return readNextKeys(defs, block, queued[1])
}
