import {describe, expect, it} from 'vitest'
import {Secret} from '../config/secret'
import {programmeNominatorKeys} from './programme-nominators'

// //Alice and //Bob (sr25519), as every Substrate dev chain has them.
const ALICE_SS58 = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'
const ALICE = '0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d'
const BOB_SS58 = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty'
const BOB = '0x8eaf04151687736326c9fea17e25fc5287613693c912909cb226aa4794f26a48'

describe("the programme's nominator accounts", () => {
    it('a proxy account counts its real account, a direct one the stash the nominator recorded for it; sorted, each once; no seed is read', () => {
        const accounts = [
            {name: 'direct', mode: 'direct' as const, seed: Secret.withheld('nominator.accounts.0.seed')},
            {name: 'proxy', mode: 'proxy' as const, real: BOB_SS58, seed: Secret.withheld('nominator.accounts.1.seed')},
            {name: 'again', mode: 'delayedProxy' as const, real: BOB, seed: Secret.withheld('nominator.accounts.2.seed')},
        ]
        expect(programmeNominatorKeys(accounts, [{account: 'direct', stash: ALICE_SS58}])).toEqual([BOB, ALICE])
        // Before the nominator's first check, only the proxied accounts are known.
        expect(programmeNominatorKeys(accounts, [])).toEqual([BOB])
    })
})
