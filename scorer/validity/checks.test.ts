import path from 'path'
import {describe, expect, it} from 'vitest'
import {loadConfig} from '../../config/load'
import {validityCheckNames} from '../../config/schema'
import {enabledChecks, ONEKV_TYPES} from './checks'
import {exampleFacts} from './example-facts'

const ENV = {KUSAMA_NOMINATOR_1_SEED: '//Alice', POLKADOT_NOMINATOR_1_SEED: '//Alice'}
const config = (name: string) => loadConfig(path.join(__dirname, '../../config', `${name}.json`), ENV)

describe('the check registry: config selects and parameterises the checks', () => {
    it('Polkadot runs every check but unclaimed rewards (skipped in production, as in 1KV)', () => {
        const checks = enabledChecks(config('polkadot'))
        expect(checks.map(c => c.name)).toEqual(validityCheckNames.filter(n => n !== 'unclaimedRewards'))
    })

    it('Kusama has no Kusama-rank check', () => {
        expect(enabledChecks(config('kusama')).map(c => c.name)).not.toContain('kusamaRank')
    })

    it("thresholds come from config: the same facts pass Kusama's 15 % and fail Polkadot's 5 %", () => {
        const facts = exampleFacts()
        facts.prefs!.value = {commissionPerbill: 100_000_000, blocked: false}
        const run = (name: string) =>
            enabledChecks(config(name))
                .find(c => c.name === 'commission')!
                .run(facts).status
        expect([run('kusama'), run('polkadot')]).toEqual(['valid', 'invalid'])
    })

    it('skip flags and empty lists switch checks off; per-check hysteresis overrides the default', () => {
        const cfg = config('polkadot')
        cfg.validity.beefy.skip = true
        cfg.validity.provider.blacklisted = []
        cfg.validity.hysteresis.checks.online = {passes: 1, minMs: 0}
        const checks = enabledChecks(cfg)
        expect(checks.map(c => c.name)).not.toContain('beefy')
        expect(checks.map(c => c.name)).not.toContain('provider')
        expect(checks.find(c => c.name === 'online')!.hysteresis).toEqual({passes: 1, minMs: 0})
        expect(checks.find(c => c.name === 'commission')!.hysteresis).toEqual({passes: 3, minMs: 900_000})
    })

    it('the example candidate passes every enabled Polkadot check', () => {
        const results = enabledChecks(config('polkadot')).map(c => c.run(exampleFacts()))
        expect(results.filter(r => r.status !== 'valid').map(r => `${r.check}: ${r.sentence}`)).toEqual([])
    })

    it('every check has a 1KV type name, the old ones spelt as 1KV spelt them', () => {
        expect(Object.keys(ONEKV_TYPES).sort()).toEqual([...validityCheckNames].sort())
        expect(ONEKV_TYPES.commission).toBe('COMMISION')
        expect(ONEKV_TYPES.accumulatedOffline).toBe('ACCUMULATED_OFFLINE_TIME')
    })
})
