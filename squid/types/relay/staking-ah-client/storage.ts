import {sts, Block, Bytes, Option, Result, StorageType, RuntimeCtx} from '../support'
import * as kusamaV1009002 from '../kusamaV1009002'

export const validatorSet =  {
    /**
     *  The queued validator sets for a given planning session index.
     * 
     *  This is received via a call from AssetHub.
     */
    kusamaV1009002: new StorageType('StakingAhClient.ValidatorSet', 'Optional', [], sts.tuple(() => [sts.number(), sts.array(() => kusamaV1009002.AccountId32)])) as ValidatorSetKusamaV1009002,
}

/**
 *  The queued validator sets for a given planning session index.
 * 
 *  This is received via a call from AssetHub.
 */
export interface ValidatorSetKusamaV1009002  {
    is(block: RuntimeCtx): boolean
    get(block: Block): Promise<([number, kusamaV1009002.AccountId32[]] | undefined)>
}
