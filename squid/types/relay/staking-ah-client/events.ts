import {sts, Block, Bytes, Option, Result, EventType, RuntimeCtx} from '../support'

export const validatorSetReceived =  {
    name: 'StakingAhClient.ValidatorSetReceived',
    /**
     * A new validator set has been received.
     */
    kusamaV1009002: new EventType(
        'StakingAhClient.ValidatorSetReceived',
        sts.struct({
            id: sts.number(),
            newValidatorSetCount: sts.number(),
            pruneUpTo: sts.option(() => sts.number()),
            leftover: sts.boolean(),
        })
    ),
}
