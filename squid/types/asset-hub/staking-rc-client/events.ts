import {sts, Block, Bytes, Option, Result, EventType, RuntimeCtx} from '../support'

export const sessionReportReceived =  {
    name: 'StakingRcClient.SessionReportReceived',
    /**
     * A said session report was received.
     */
    v1009003: new EventType(
        'StakingRcClient.SessionReportReceived',
        sts.struct({
            endIndex: sts.number(),
            activationTimestamp: sts.option(() => sts.tuple(() => [sts.bigint(), sts.number()])),
            validatorPointsCounts: sts.number(),
            leftover: sts.boolean(),
        })
    ),
}

export const offenceReceived =  {
    name: 'StakingRcClient.OffenceReceived',
    /**
     * A new offence was reported.
     */
    v1009003: new EventType(
        'StakingRcClient.OffenceReceived',
        sts.struct({
            slashSession: sts.number(),
            offencesCount: sts.number(),
        })
    ),
}
