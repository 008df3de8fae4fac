/**
 * The "era complete" contract (`Era.snapshotCompletedAt`): set only once every row of the era's snapshot is
 * stored, and null while its snapshot is pending (here: a snapshot thread whose storage listing failed, which
 * stops the processor and leaves the marker), in the legacy layout (relay processor) and the current one
 * (Asset Hub processor); the restart completes the era.
 */
import {afterAll, describe, expect, inject, it} from 'vitest'
import {type DbSettings} from '../db/connection'
import {applyMigrations} from '../db/migrate'
import {createTempDatabase} from '../db/test-database'
import {startDevnet, type Devnet} from '../devnet'
import {ChainLayer} from './chain-layer'
import {startProcessorChild} from './processor-child'
import {queryOnce} from '../db/query-once'

const cleanups: (() => Promise<unknown>)[] = []
afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined)
})

interface EraState {
    era: number
    completed: boolean
    pending: boolean
    validators: number
    exposures: number
    intentions: number
    nextBonds: number
    nextKeys: number
    totals: boolean
}

/** Each ended era: whether it is marked complete or pending, and how many of its snapshot's rows are stored. */
async function eraStates(db: DbSettings): Promise<EraState[]> {
    const rows = await queryOnce(
        db,
        `
        SELECT e.index AS era, e.snapshot_completed_at IS NOT NULL AS completed,
               EXISTS (SELECT 1 FROM pending_era_snapshot p WHERE p.id = e.id) AS pending,
               (SELECT count(*) FROM era_validator v WHERE v.era = e.index AND v.active)::int AS validators,
               (SELECT count(*) FROM exposure x WHERE x.era = e.index)::int AS exposures,
               (SELECT count(*) FROM validator_intention i WHERE i.era = e.index)::int AS intentions,
               (SELECT count(*) FROM nominator_bond b WHERE b.era = e.index + 1)::int AS next_bonds,
               (SELECT count(*) FROM session_keys k WHERE k.era = e.index + 1)::int AS next_keys,
               e.total_points IS NOT NULL AND e.validator_count IS NOT NULL AS totals
        FROM era e WHERE e.end_block IS NOT NULL ORDER BY e.index`,
    )
    return rows.map(r => ({
        era: r.era,
        completed: r.completed,
        pending: r.pending,
        validators: r.validators,
        exposures: r.exposures,
        intentions: r.intentions,
        nextBonds: r.next_bonds,
        nextKeys: r.next_keys,
        totals: r.totals,
    }))
}

/** A complete era has every row its snapshot writes (the devnet's exposures exactly); a pending one is not complete. */
function expectContract(states: EraState[], devnet: Devnet, withSessionKeys: boolean): void {
    for (const s of states) {
        if (s.pending) expect(s.completed, `era ${s.era} is pending`).toBe(false)
        if (!s.completed) continue
        const truth = devnet.chain.world.eras.get(s.era)!
        expect(s, `era ${s.era}`).toMatchObject({
            pending: false,
            totals: true,
            validators: truth.exposures.length,
            exposures: truth.exposures.reduce((n, x) => n + new Set(x.others.map(o => o.who)).size, 0),
        })
        // Every Validators entry: the elected and the waiting ones (more than the seats).
        expect(s.intentions, `era ${s.era}: validator intentions`).toBeGreaterThan(truth.exposures.length)
        expect(s.nextBonds, `era ${s.era}: nominator bonds of era ${s.era + 1}`).toBeGreaterThan(0)
        if (withSessionKeys) expect(s.nextKeys, `era ${s.era}: session keys of era ${s.era + 1}`).toBeGreaterThan(0)
    }
}

const LAYOUTS = [
    {name: 'legacy layout (relay processor)', scenario: 'legacy', layer: ChainLayer.relay, role: 'all', withSessionKeys: true},
    {
        name: 'current layout (Asset Hub processor)',
        scenario: 'current',
        layer: ChainLayer.assetHub,
        role: 'assetHub',
        withSessionKeys: false,
    },
] as const

describe('Era.snapshotCompletedAt', () => {
    for (const layout of LAYOUTS) {
        it(`${layout.name}: null while the era's snapshot is pending, set with all of its rows`, async () => {
            const devnet = await startDevnet({scenario: layout.scenario, seed: 13, port: 0, blockTimeMs: 0, finalityLagBlocks: 2})
            cleanups.push(() => devnet.stop())
            await devnet.produceBlocks(64)
            const to = devnet.finalized().number
            const db = await createTempDatabase(inject('dbServer'), `squid_era_complete_${layout.layer.toLowerCase()}`)
            cleanups.push(() => db.drop())
            await applyMigrations(db.settings)
            const rpcUrl = devnet.endpoints.find(e => e.role === layout.role)!.httpUrl
            const run = (toBlock: number) => startProcessorChild({layer: layout.layer, db: db.settings, rpcUrl, toBlock})

            // Past the first era end: its snapshot is written in the range's last batch.
            const first = run(20)
            expect(await first.exited, first.log().slice(-2000)).toBe(0)
            const afterFirst = await eraStates(db.settings)
            expect(afterFirst.length).toBeGreaterThan(0)
            expect(afterFirst.every(s => s.completed)).toBe(true)
            expectContract(afterFirst, devnet, layout.withSessionKeys)

            // From here only the snapshot thread lists storage: its next era end fails and stays pending.
            devnet.faults.failNext(1, {method: 'state_getKeysPaged', message: 'storage listing refused'})
            const broken = run(to)
            expect(await broken.exited).not.toBe(0)
            const stopped = await eraStates(db.settings)
            const pending = stopped.filter(s => s.pending)
            expect(pending.length).toBeGreaterThan(0)
            for (const s of pending) expect(s, `era ${s.era}`).toMatchObject({completed: false, validators: 0, exposures: 0})
            expectContract(stopped, devnet, layout.withSessionKeys)

            const restarted = run(to)
            expect(await restarted.exited, restarted.log().slice(-2000)).toBe(0)
            const done = await eraStates(db.settings)
            expect(done.length).toBeGreaterThan(afterFirst.length + 1)
            expect(done.filter(s => !s.completed)).toEqual([])
            expectContract(done, devnet, layout.withSessionKeys)
        })
    }
})
