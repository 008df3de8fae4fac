import fs from 'fs'
import path from 'path'
import {describe, expect, it} from 'vitest'
import {ConfigError, parseConfig} from '../config/load'

const CONFIG_DIR = path.join(__dirname, '../config')
const ENV = {KUSAMA_NOMINATOR_1_SEED: 'x', POLKADOT_NOMINATOR_1_SEED: 'x'}
const sample = (name: string) => JSON.parse(fs.readFileSync(path.join(CONFIG_DIR, `${name}.json`), 'utf8'))

function problems(json: unknown): string[] {
    try {
        parseConfig(json, path.join(CONFIG_DIR, 'test.json'), ENV)
        return []
    } catch (e) {
        if (e instanceof ConfigError) return e.problems
        throw e
    }
}

describe('telemetry config keys', () => {
    it.each(['devnet', 'kusama', 'polkadot'])('%s sets the flush period and the metrics port', name => {
        const cfg = parseConfig(sample(name), path.join(CONFIG_DIR, `${name}.json`), ENV)
        const t = cfg.telemetry
        expect(t.flushIntervalMs).toBe(1000)
        expect(cfg.metrics.ports.telemetry).toBe(9620)
        expect(t.offlineGraceMs).toBe(300_000)
    })

    it('a feed URL without chains to subscribe to is refused, naming the key', () => {
        const c = sample('kusama')
        delete c.telemetry.chains
        expect(problems(c)).toEqual(['telemetry.chains: required when feedUrl is set: the genesis hashes to subscribe to'])
    })

    it('a flush period below 10 ms and a port above 65535 are refused', () => {
        const c = sample('devnet')
        c.telemetry.flushIntervalMs = 0
        c.metrics.ports.telemetry = 70000
        expect(problems(c)).toEqual([
            'telemetry.flushIntervalMs: must be at least 10, got 0',
            'metrics.ports.telemetry: must be at most 65535, got 70000',
        ])
    })
})
