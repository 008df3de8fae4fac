import {describe, expect, it} from 'vitest'
import {Secret} from '../config/secret'
import {programmeNominatorKeys} from './programme-nominators'

// //Alice and //Bob (sr25519), as every Substrate dev chain has them.
const ALICE = '0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d'
const BOB_SS58 = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty'
const BOB = '0x8eaf04151687736326c9fea17e25fc5287613693c912909cb226aa4794f26a48'

describe("the programme's nominator accounts", () => {
    it('a proxy account counts its real account, a direct one the key of its seed; sorted, each once', async () => {
        const keys = await programmeNominatorKeys([
            {name: 'direct', mode: 'direct', seed: new Secret('//Alice', 'env A')},
            {name: 'proxy', mode: 'proxy', real: BOB_SS58, seed: new Secret('//Charlie', 'env C')},
            {name: 'again', mode: 'delayedProxy', real: BOB, seed: new Secret('//Dave', 'env D')},
        ])
        expect(keys).toEqual([BOB, ALICE])
    })
})
