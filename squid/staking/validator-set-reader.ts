/**
 * Reads the validator set the relay received from Asset Hub (`StakingAhClient.ValidatorSet`) at the
 * block of its `ValidatorSetReceived`, and the session keys of its validators (`Session.NextKeys`).
 */
import type {StakingStorage, StorageBlock, ValidatorSessionKeys} from './staking-storage'

/** The set queued in storage is not the era the event announced: a runtime this reader does not know. */
export class ReceivedValidatorSetMismatchError extends Error {
    override name = 'ReceivedValidatorSetMismatchError'
    constructor(
        readonly blockNumber: number,
        readonly announcedEra: number,
        readonly queuedEra?: number,
    ) {
        super(
            `StakingAhClient.ValidatorSetReceived at block ${blockNumber} announced the set of era ${announcedEra}, ` +
                `but StakingAhClient.ValidatorSet holds ${queuedEra === undefined ? 'none' : `era ${queuedEra}'s`}`,
        )
    }
}

/** Session keys of the validators the relay queued for `era`, read in the block that received them. */
export async function readReceivedSessionKeys(storage: StakingStorage, block: StorageBlock, era: number): Promise<ValidatorSessionKeys[]> {
    const queued = await storage.queuedValidatorSet(block)
    if (queued?.era !== era) throw new ReceivedValidatorSetMismatchError(block.height, era, queued?.era)
    return storage.nextKeys(block, queued.validators)
}
