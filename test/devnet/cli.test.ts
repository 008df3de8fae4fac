import {describe, expect, it} from 'vitest'
import {parseArgs} from './cli'
import {devnetEndpoints} from './endpoints'

describe('devnet CLI', () => {
    it('parses its options and names bad ones', () => {
        expect(parseArgs(['--scenario', 'current', '--port', '9950', '--block-time-ms', '0'])).toMatchObject({scenario: 'current', port: 9950, blockTimeMs: 0, seed: 1})
        expect(() => parseArgs(['--scenario', 'mars'])).toThrow(/--scenario mars is unknown/)
        expect(() => parseArgs(['--port', '-1'])).toThrow(/--port expects a whole number/)
        expect(() => parseArgs(['--colour', 'red'])).toThrow(/unknown option --colour/)
    })

    it('puts the chains of a layout on consecutive ports', () => {
        expect(devnetEndpoints('legacy', 9944).map(e => [e.role, e.url])).toEqual([['all', 'ws://127.0.0.1:9944']])
        expect(devnetEndpoints('current', 9944).map(e => [e.role, e.url])).toEqual([
            ['relay', 'ws://127.0.0.1:9944'], ['assetHub', 'ws://127.0.0.1:9945'], ['people', 'ws://127.0.0.1:9946'],
        ])
    })
})
