import {describe, expect, it} from 'vitest'
import {parseArgs} from './cli'
import path from 'path'
import {loadConfig} from '../config/load'
import {plannedServices} from '../launcher/services'
import {devnetEndpoints, devnetFeedUrl} from './endpoints'
import {PROJECT_DIR} from '../config/project-dir'

describe('devnet CLI', () => {
    it('parses its options and names bad ones', () => {
        expect(parseArgs(['--scenario', 'current', '--port', '9950', '--block-time-ms', '0'])).toMatchObject({
            scenario: 'current',
            port: 9950,
            blockTimeMs: 0,
            seed: 1,
        })
        expect(() => parseArgs(['--scenario', 'mars'])).toThrow(/--scenario mars is unknown/)
        expect(() => parseArgs(['--port', '-1'])).toThrow(/--port expects a whole number/)
        expect(() => parseArgs(['--colour', 'red'])).toThrow(/unknown option --colour/)
    })

    it('puts the chains of a layout on consecutive ports', () => {
        expect(devnetEndpoints('legacy', 9944).map(e => [e.role, e.url])).toEqual([['all', 'ws://127.0.0.1:9944']])
        expect(devnetEndpoints('current', 9944).map(e => [e.role, e.url])).toEqual([
            ['relay', 'ws://127.0.0.1:9944'],
            ['assetHub', 'ws://127.0.0.1:9945'],
            ['people', 'ws://127.0.0.1:9946'],
        ])
    })

    it('announces the telemetry feed on the first chain’s port in the launcher banner', () => {
        expect(devnetFeedUrl(9944)).toBe('ws://127.0.0.1:9944/feed')
        const cfg = loadConfig(path.join(PROJECT_DIR, 'config', 'devnet.json'))
        const devnet = plannedServices(cfg, path.join(PROJECT_DIR, '.data')).find(s => s.name === 'devnet')!
        const port = cfg.devnet!.port
        expect(devnet.urls).toEqual({
            'relay rpc': `ws://127.0.0.1:${port}`,
            'assetHub rpc': `ws://127.0.0.1:${port + 1}`,
            'people rpc': `ws://127.0.0.1:${port + 2}`,
            'telemetry feed': `ws://127.0.0.1:${port}/feed`,
        })
    })
})
