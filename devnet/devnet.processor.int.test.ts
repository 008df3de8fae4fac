/**
 * The real @subsquid/substrate-processor, run as a child process, indexes the devnet's events across
 * the 9420 → 1002005 runtime upgrade over WebSocket and over HTTP, with the shapes of each runtime.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startDevnet, type Devnet} from './index'
import {runProcessorProbe} from './processor-probe-run'

const UPGRADE = 20
const TO = 40
let devnet: Devnet

beforeAll(async () => {
    devnet = await startDevnet({scenario: 'legacy', seed: 3, finalityLagBlocks: 2, upgradeAtBlock: UPGRADE})
    await devnet.produceBlocks(TO + 3)
})

afterAll(async () => {
    await devnet?.stop()
})

describe('Subsquid processor against the devnet', () => {
    it('indexes staking, session, offline and identity events across the runtime upgrade (WebSocket)', async () => {
        const run = await runProcessorProbe(devnet.url, TO)
        expect(run.exitCode, run.stderr.slice(-2000)).toBe(0)
        const facts = devnet.facts()
        const expected = (name: string) => (facts.events[name] ?? []).filter(e => e.block <= TO)
        const seen = (name: string) => run.lines.filter(l => l.name === name)
        for (const name of [
            'Staking.Rewarded',
            'Staking.PayoutStarted',
            'Staking.EraPaid',
            'Session.NewSession',
            'Staking.Slashed',
            'ImOnline.SomeOffline',
            'Offences.Offence',
        ]) {
            expect(seen(name).length, name).toBe(expected(name).length)
        }
        expect(seen('Staking.EraPaid').length).toBeGreaterThanOrEqual(2)
        // Events of block N are decoded with the runtime of block N-1: Rewarded gains `dest` after the upgrade.
        const rewarded = seen('Staking.Rewarded')
        const before = rewarded.filter(r => r.block <= UPGRADE)
        const after = rewarded.filter(r => r.block > UPGRADE)
        expect(before.length).toBeGreaterThan(0)
        expect(after.length).toBeGreaterThan(0)
        expect(before.every(r => !('dest' in r.args) && typeof r.args.amount === 'string')).toBe(true)
        expect(after.every(r => r.args.dest?.__kind === 'Staked')).toBe(true)
        expect(seen('System.CodeUpdated').map(r => r.block)).toEqual([UPGRADE])
        expect(new Set(run.lines.filter(l => l.block > UPGRADE).map(l => l.specVersion))).toEqual(new Set([1002005]))
        // Amounts and accounts are the scenario's.
        const first = expected('Staking.Rewarded')[0]
        expect(before[0].args.stash).toBe(first.fields.stash)
        expect(BigInt(before[0].args.amount)).toBe(first.fields.amount)
        // Timestamps come from each block's Timestamp.set.
        expect(rewarded[0].timestamp).toBe(devnet.chain.blocks[rewarded[0].block].timestampMs)
        // Offline reports exist only while ImOnline does; offences after.
        expect(seen('ImOnline.SomeOffline').every(r => r.block <= UPGRADE)).toBe(true)
        expect(seen('Offences.Offence').every(r => r.block > UPGRADE)).toBe(true)
    })

    it('indexes the same events over HTTP', async () => {
        const run = await runProcessorProbe(devnet.httpUrl, TO, {PROBE_EVENTS: 'Staking.EraPaid,Staking.Rewarded'})
        expect(run.exitCode, run.stderr.slice(-2000)).toBe(0)
        const facts = devnet.facts()
        expect(run.lines.filter(l => l.name === 'Staking.Rewarded').length).toBe(
            facts.events['Staking.Rewarded'].filter(e => e.block <= TO).length,
        )
        expect(run.lines.filter(l => l.name === 'Staking.EraPaid').map(l => l.args.eraIndex)).toEqual(
            facts.events['Staking.EraPaid'].filter(e => e.block <= TO).map(e => e.fields.eraIndex),
        )
    })
})
