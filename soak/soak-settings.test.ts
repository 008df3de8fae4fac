/**
 * `npm run soak`'s settings: flags over environment over defaults, in the units their names say, and a bad
 * value stops it with the flag or variable named.
 */
import {describe, expect, it} from 'vitest'
import {soakSettings} from './soak-settings'

describe('soak settings', () => {
    it('defaults to a 30-minute run with a drawn seed and a 60 s stall threshold', () => {
        expect(soakSettings([], {}, () => 42)).toEqual({
            seed: 42,
            durationMs: 30 * 60_000,
            stallAfterMs: 60_000,
            blockTimeMs: 2000,
            blocksPerSession: 5,
            sessionsPerEra: 3,
            settleTimeoutMs: 300_000,
        })
    })

    it('reads the environment, and flags before it', () => {
        const env = {SOAK_SEED: '7', SOAK_DURATION_MIN: '45', SOAK_STALL_AFTER_S: '90', SOAK_DIR: 'soak-run', SOAK_REPORT_FILE: 'r.json'}
        expect(soakSettings(['--seed', '8', '--duration-min=0.5'], env, () => 1)).toMatchObject({
            seed: 8,
            durationMs: 30_000,
            stallAfterMs: 90_000,
            workDir: 'soak-run',
            reportFile: 'r.json',
        })
    })

    it('names the flag or variable of a bad value, and an unknown argument', () => {
        expect(() => soakSettings([], {SOAK_SEED: 'abc'}, () => 1)).toThrow('SOAK_SEED: expected an integer of at least 0')
        expect(() => soakSettings(['--duration-min', '-3'], {}, () => 1)).toThrow('--duration-min: expected a number of at least 0.1')
        expect(() => soakSettings(['--seed'], {}, () => 1)).toThrow('--seed: a value is required')
        expect(() => soakSettings(['--sed', '1'], {}, () => 1)).toThrow('unknown argument "--sed"')
    })
})
