import {describe, expect, it} from 'vitest'
import {processorSettingsFromEnv} from './processor-settings'

describe('processorSettingsFromEnv', () => {
    it('reads the endpoint and range', () => {
        expect(processorSettingsFromEnv({RPC_URL: 'ws://127.0.0.1:9944', BLOCK_FROM: '10', BLOCK_TO: '20'})).toEqual({
            rpcUrl: 'ws://127.0.0.1:9944',
            fromBlock: 10,
            toBlock: 20,
        })
        expect(processorSettingsFromEnv({RPC_URL: 'http://node:9933'})).toEqual({
            rpcUrl: 'http://node:9933',
            fromBlock: 0,
            toBlock: undefined,
        })
    })
    it("falls back to the chain's own variable when RPC_URL is not set", () => {
        expect(processorSettingsFromEnv({RPC_RELAY_URL: 'wss://relay.example'}, 'RPC_RELAY_URL').rpcUrl).toBe('wss://relay.example')
        expect(processorSettingsFromEnv({RPC_URL: 'ws://a', RPC_RELAY_URL: 'wss://b'}, 'RPC_RELAY_URL').rpcUrl).toBe('ws://a')
        expect(() => processorSettingsFromEnv({RPC_PEOPLE_URL: 'x'}, 'RPC_PEOPLE_URL')).toThrow(/RPC_PEOPLE_URL: expected a ws/)
        expect(() => processorSettingsFromEnv({}, 'RPC_PEOPLE_URL')).toThrow(/RPC_URL or RPC_PEOPLE_URL: required/)
    })
    it('names the bad variable', () => {
        expect(() => processorSettingsFromEnv({})).toThrow(/RPC_URL: required/)
        expect(() => processorSettingsFromEnv({RPC_URL: 'node:9944'})).toThrow(/RPC_URL: expected a ws/)
        expect(() => processorSettingsFromEnv({RPC_URL: 'ws://a', BLOCK_FROM: '-1'})).toThrow(
            /BLOCK_FROM: expected a block number, got "-1"/,
        )
        expect(() => processorSettingsFromEnv({RPC_URL: 'ws://a', BLOCK_FROM: '5', BLOCK_TO: '4'})).toThrow(
            /BLOCK_TO \(4\) is below BLOCK_FROM \(5\)/,
        )
    })
})
