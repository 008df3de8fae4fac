import {describe, expect, it} from 'vitest'
import {loadRuntime} from '../runtime/metadata-sources'
import {encodeRewardPoints} from './state-writer'
import type {EraState} from './world'

describe('encodeRewardPoints', () => {
    it('matches the runtime type EraRewardPoints as @polkadot/types encodes it', () => {
        const rt = loadRuntime('polkadot-9420')
        const a = '0x' + '11'.repeat(32)
        const b = '0x' + '02'.repeat(32)
        const era = {points: new Map([[a, 40], [b, 20]]), totalPoints: 60} as unknown as EraState
        const expected = rt.storageValue('Staking', 'ErasRewardPoints', {total: 60, individual: new Map([[a, 40], [b, 20]])})
        expect(encodeRewardPoints(era)).toBe(expected)
    })
})
