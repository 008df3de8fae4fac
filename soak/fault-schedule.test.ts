/**
 * The soak's fault schedule is a pure function of (seed, duration): a run is replayed from its seed, every
 * kind of fault comes at least once, faults stay inside the run's middle and reorgs within finality.
 */
import {describe, expect, it} from 'vitest'
import {
    CHAIN_TARGETS,
    describeFault,
    faultSchedule,
    MAX_ERRORS_IN_A_ROW,
    MAX_REORG_DEPTH,
    SERVICE_TARGETS,
    type Fault,
} from './fault-schedule'

const MINUTE = 60_000
const kinds = ['kill', 'reorg', 'rpc-errors', 'latency', 'drop-connections', 'feed-stall', 'postgres-restart']
const endOf = (f: Fault) => f.atMs + ('durationMs' in f ? f.durationMs : 0)

describe('soak fault schedule', () => {
    it('is the same for the same seed and duration, and differs for another seed', () => {
        expect(faultSchedule(7, 30 * MINUTE)).toEqual(faultSchedule(7, 30 * MINUTE))
        expect(faultSchedule(8, 30 * MINUTE)).not.toEqual(faultSchedule(7, 30 * MINUTE))
    })

    it('injects every kind, and kills every service, even in a short run', () => {
        for (const seed of [1, 2, 3]) {
            const faults = faultSchedule(seed, 40_000)
            expect(new Set(faults.map(f => f.kind))).toEqual(new Set(kinds))
            expect(new Set(faults.flatMap(f => (f.kind === 'kill' ? [f.service] : [])))).toEqual(new Set(SERVICE_TARGETS))
            // A fatal error reply (the processor exits) comes at least once.
            expect(faults.some(f => f.kind === 'rpc-errors' && f.message === 'Internal error' && f.count === 1)).toBe(true)
        }
    })

    it('injects more faults in a longer run: a 30-minute run kills each service several times', () => {
        const faults = faultSchedule(1, 30 * MINUTE)
        for (const service of SERVICE_TARGETS) expect(faults.filter(f => f.kind === 'kill' && f.service === service).length).toBe(5)
        expect(faults.filter(f => f.kind === 'reorg').length).toBe(5)
        expect(faults.filter(f => f.kind === 'postgres-restart').length).toBe(3)
        expect(faults.length).toBeGreaterThan(faultSchedule(1, 5 * MINUTE).length)
    })

    it('keeps faults sorted, after the start-up and ended before the settling, with parameters in range', () => {
        for (const [seed, duration] of [
            [1, 40_000],
            [5, 30 * MINUTE],
            [9, 2 * 60 * MINUTE],
        ]) {
            const faults = faultSchedule(seed, duration)
            expect(faults.map(f => f.atMs)).toEqual(faults.map(f => f.atMs).sort((a, b) => a - b))
            for (const f of faults) {
                expect(f.atMs, describeFault(f)).toBeGreaterThanOrEqual(duration * 0.1)
                expect(endOf(f), describeFault(f)).toBeLessThanOrEqual(duration * 0.9)
                if (f.kind === 'reorg') expect(f.depth).toBeGreaterThanOrEqual(1)
                if (f.kind === 'reorg') expect(f.depth).toBeLessThanOrEqual(MAX_REORG_DEPTH)
                if (f.kind === 'rpc-errors') expect(CHAIN_TARGETS).toContain(f.chain)
                // More in a row and the client's own back-off would stall the processor for over a minute.
                if (f.kind === 'rpc-errors') expect(f.count).toBeLessThanOrEqual(MAX_ERRORS_IN_A_ROW)
                if (f.kind === 'latency') expect(f.latencyMs).toBeGreaterThanOrEqual(20)
                if (f.kind === 'postgres-restart') expect(f.downMs).toBeLessThanOrEqual(5000)
            }
        }
    })

    it('refuses a seed or duration it cannot use, naming it', () => {
        expect(() => faultSchedule(-1, MINUTE)).toThrow('soak seed: expected a non-negative integer, got -1')
        expect(() => faultSchedule(1.5, MINUTE)).toThrow('soak seed')
        expect(() => faultSchedule(1, 0)).toThrow('soak duration: expected a positive number of ms, got 0')
    })
})
