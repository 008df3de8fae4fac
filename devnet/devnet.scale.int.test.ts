/**
 * A Kusama-size world runs: 2,000 validators, 12,500 nominators with 24 targets, 1,000 seats elected
 * by sequential Phragmén, all of it in storage under the runtime's keys.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {hexToU8a} from '@polkadot/util'
import {startDevnet, type Devnet} from './index'

let devnet: Devnet

beforeAll(async () => {
    devnet = await startDevnet({scenario: 'kusama-scale', seed: 1})
    await devnet.produceBlocks(2)
}, 300_000)

afterAll(async () => {
    await devnet?.stop()
})

async function rpc(method: string, params: unknown[]): Promise<any> {
    const res = await fetch(devnet.httpUrl, {method: 'POST', body: JSON.stringify({jsonrpc: '2.0', id: 1, method, params})})
    const reply = await res.json()
    if (reply.error) throw new Error(reply.error.message)
    return reply.result
}

describe('kusama-scale scenario', () => {
    it('holds every nominator and validator in storage and elects the full active set', async () => {
        const rt = devnet.chain.rtAt(devnet.head().number)
        const prefix = rt.storagePrefix('Staking', 'Nominators')
        expect(prefix).toBe('0x5f3e4907f716ac89b6347d15ececedca9c6a637f62ae2af1c7e31eed7e96be04')
        let keys: string[] = []
        let start: string | null = null
        for (;;) {
            const page: string[] = await rpc('state_getKeysPaged', [prefix, 1000, start])
            keys = keys.concat(page)
            if (page.length < 1000) break
            start = page[page.length - 1]
        }
        expect(keys.length).toBe(12_501)
        const world = devnet.chain.world
        expect(world.validators.size).toBe(2000)
        expect(world.currentEra.exposures).toHaveLength(1000)
        expect([...world.nominators.values()].filter(n => n.targets.length === 24).length).toBe(12_500)
        const count = await rpc('state_getStorage', [rt.storageKey('Staking', 'CounterForValidators')])
        expect(rt.registry.createType('u32', hexToU8a(count)).toNumber()).toBe(2000)
        const sessionValidators = await rpc('state_getStorage', [rt.storageKey('Session', 'Validators')])
        expect(rt.registry.createType('Vec<AccountId32>', hexToU8a(sessionValidators)).length).toBe(1000)
    })
})
