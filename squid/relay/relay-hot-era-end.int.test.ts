/**
 * The relay processor at the chain's head, when an era ends in the finalized slice of a hot-block
 * transaction (typeorm-store's `transactHot2` calls the handler for the new blocks at or below the
 * finalized head, then once per hot block, all in one transaction): it writes the era's snapshot and goes
 * on, where it used to deadlock with its snapshot thread (issue 12, item 1).
 */
import {afterAll, describe, expect, inject, it} from 'vitest'
import {type DbSettings} from '../../db/connection'
import {applyMigrations} from '../../db/migrate'
import {createTempDatabase} from '../../db/test-database'
import {startDevnet} from '../../devnet'
import {waitFor} from '../../test/vitest/wait-for'
import {processorHead, processorHeight, startProcessorChild} from '../processor-child'
import {RELAY_STATE_SCHEMA} from './mapping'
import {queryOnce} from '../../db/query-once'

const SNAPSHOT_TABLES = [
    'era',
    'era_validator',
    'exposure',
    'validator_intention',
    'session_keys',
    'nominator_targets',
    'nominator_bond',
    'pending_era_snapshot',
]

const cleanups: (() => Promise<unknown>)[] = []
afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined)
})

async function freshDb(prefix: string): Promise<DbSettings> {
    const db = await createTempDatabase(inject('dbServer'), prefix)
    cleanups.push(() => db.drop())
    await applyMigrations(db.settings)
    return db.settings
}

function withoutCompletionTime(row: Record<string, unknown>): Record<string, unknown> {
    if (!('snapshot_completed_at' in row)) return row
    const {snapshot_completed_at: at, ...rest} = row
    return {...rest, snapshot_completed: at !== null}
}

describe('relay processor at the head', () => {
    it('writes the snapshot of an era that ends in the finalized slice of a hot-block transaction, and goes on', async () => {
        // Legacy eras end every 15 blocks; finality trails the best block by 2.
        const devnet = await startDevnet({scenario: 'legacy', seed: 7, port: 0, blockTimeMs: 0, finalityLagBlocks: 2})
        cleanups.push(() => devnet.stop())
        await devnet.produceBlocks(25)
        const db = await freshDb('squid_hot_era_end')
        const run = startProcessorChild({layer: 'relay', db, rpcUrl: devnet.httpUrl})
        cleanups.push(async () => run.child.kill('SIGKILL'))
        await waitFor(
            'the processor to index the head',
            () => processorHead(db, RELAY_STATE_SCHEMA),
            h => h === 25,
            60_000,
            100,
        )

        // Eight blocks at once: the processor's next transaction gets 26..33, finalized up to 31, hot 32 and 33.
        // Era 1 ends at block 30, inside the finalized slice.
        await devnet.produceBlocks(8)
        const eraEnd = devnet.facts().eras.find(e => e.index === 2)!.startBlock
        expect(eraEnd).toBeGreaterThan(25)
        expect(eraEnd).toBeLessThanOrEqual(devnet.finalized().number)
        expect(devnet.finalized().number).toBe(31)

        // The old code never committed this transaction: the height stayed at 23.
        await waitFor(
            'the processor to commit the transaction with the era end',
            () => processorHeight(db, RELAY_STATE_SCHEMA),
            h => h >= 31,
            30_000,
            100,
        )
        await waitFor(
            'the processor to index the hot blocks',
            () => processorHead(db, RELAY_STATE_SCHEMA),
            h => h === 33,
            30_000,
            100,
        )
        expect(run.child.exitCode, run.log().slice(-2000)).toBeNull()
        expect(await queryOnce(db, 'SELECT id FROM pending_era_snapshot')).toEqual([])
        const [era] = await queryOnce(db, 'SELECT total_points, end_block FROM era WHERE index = 1')
        expect(era.end_block).toBe(eraEnd)
        expect(era.total_points).toBe(devnet.facts().eras[1].totalPoints)
        expect(Number((await queryOnce(db, 'SELECT count(*) AS n FROM exposure WHERE era = 1'))[0].n)).toBeGreaterThan(0)

        // The same snapshot rows as a run that indexed these blocks as finalized batches.
        const reference = await freshDb('squid_hot_era_end_ref')
        const finalizedRun = startProcessorChild({layer: 'relay', db: reference, rpcUrl: devnet.httpUrl, toBlock: 31})
        expect(await finalizedRun.exited, finalizedRun.log().slice(-2000)).toBe(0)
        // An era's `snapshot_completed_at` is when its run wrote the snapshot: only whether it is set is compared.
        const table = async (d: DbSettings, t: string) => (await queryOnce(d, `SELECT * FROM ${t} ORDER BY id`)).map(withoutCompletionTime)
        for (const t of SNAPSHOT_TABLES) expect(await table(db, t), t).toEqual(await table(reference, t))
        run.child.kill('SIGTERM')
    })
})
