/**
 * Checks the validator set the relay received from Asset Hub (`StakingAhClient.ValidatorSet`) at the
 * block of its `ValidatorSetReceived`, and reads the session keys then registered (`Session.NextKeys`): the
 * set's validators' and the waiting ones'.
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

/** The session keys in force as `era` starts, read in the block that received its set (the queued set must be `era`'s). */
export async function readReceivedSessionKeys(storage: StakingStorage, block: StorageBlock, era: number): Promise<ValidatorSessionKeys[]> {
    const queued = await storage.queuedValidatorSet(block)
    if (queued?.era !== era) throw new ReceivedValidatorSetMismatchError(block.height, era, queued?.era)
    return storage.sessionKeys(block)
}
