/**
 * The relay processor survives what a live chain and a host do to it: a reorg of unfinalized blocks
 * it already indexed (hot blocks rolled back, a branch with other content), and a kill -9 mid-run (the restarted run ends with the
 * same database as an uninterrupted one, also when it stopped with an era snapshot still pending or failed),
 * and a node that comes up after it.
 */
import {afterAll, describe, expect, inject, it} from 'vitest'
import type {DbSettings} from '../../db/connection'
import {applyMigrations} from '../../db/migrate'
import {freePort} from '../../db/embedded'
import {createTempDatabase} from '../../db/test-database'
import {startDevnet, type Devnet} from '../../devnet'
import {waitFor} from '../../test/vitest/wait-for'
import {processorHead, processorHeight, startProcessorChild} from '../processor-child'
import {RELAY_STATE_SCHEMA} from './mapping'
import {queryOnce} from '../../db/query-once'

/** Tables whose rows are keyed by the event id `<height>-<hash prefix>-<index>`. */
const EVENT_TABLES = ['payout', 'reward', 'offline_report', 'offence', 'slash', 'chill', 'kick', 'validator_preference', 'identity_change']
const ALL_TABLES = [
    'account',
    'era',
    'session',
    'era_validator',
    'exposure',
    'validator_intention',
    'session_keys',
    'nominator_targets',
    'nominator_bond',
    'pending_era_snapshot',
    'identity',
    'identity_import',
    ...EVENT_TABLES,
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

/** Every row; an era's `snapshot_completed_at` is when its run wrote the snapshot, so only whether it is set is compared. */
async function dump(db: DbSettings): Promise<Record<string, unknown[]>> {
    const out: Record<string, unknown[]> = {}
    for (const t of ALL_TABLES) out[t] = (await queryOnce(db, `SELECT * FROM ${t} ORDER BY id`)).map(withoutCompletionTime)
    return out
}

function withoutCompletionTime(row: Record<string, unknown>): Record<string, unknown> {
    if (!('snapshot_completed_at' in row)) return row
    const {snapshot_completed_at: at, ...rest} = row
    return {...rest, snapshot_completed: at !== null}
}

/** Runs the processor on `db` up to `to` and expects it to exit 0 there. */
async function indexTo(db: DbSettings, devnet: Devnet, to: number): Promise<ReturnType<typeof startProcessorChild>> {
    const run = startProcessorChild({layer: 'relay', db, rpcUrl: devnet.httpUrl, toBlock: to})
    expect(await run.exited, run.log().slice(-2000)).toBe(0)
    return run
}

async function expectSameRows(actual: DbSettings, expected: DbSettings): Promise<Record<string, unknown[]>> {
    const a = await dump(actual)
    const b = await dump(expected)
    for (const t of ALL_TABLES) expect(a[t], t).toEqual(b[t])
    return b
}

async function startedDevnet(seed: number, blocks: number, finalityLagBlocks: number): Promise<Devnet> {
    const devnet = await startDevnet({scenario: 'legacy', seed, port: 0, blockTimeMs: 0, finalityLagBlocks})
    cleanups.push(() => devnet.stop())
    await devnet.produceBlocks(blocks)
    return devnet
}

/** A devnet of `blocks` blocks and a database that one uninterrupted run indexed up to its finalized head. */
async function uninterruptedRun(
    seed: number,
    blocks: number,
    prefix: string,
): Promise<{devnet: Devnet; to: number; reference: DbSettings}> {
    const devnet = await startedDevnet(seed, blocks, 2)
    const to = devnet.finalized().number
    const reference = await freshDb(prefix)
    await indexTo(reference, devnet, to)
    return {devnet, to, reference}
}

describe('relay processor resilience', () => {
    it('indexes unfinalized blocks and rolls them back on a reorg', async () => {
        const devnet = await startedDevnet(3, 44, 6)
        const db = await freshDb('squid_reorg')
        const run = startProcessorChild({layer: 'relay', db, rpcUrl: devnet.httpUrl})
        cleanups.push(async () => run.child.kill('SIGKILL'))
        await waitFor(
            'the processor to index the head',
            () => processorHead(db, RELAY_STATE_SCHEMA),
            h => h === 44,
            60_000,
            200,
        )
        expect(await processorHeight(db, RELAY_STATE_SCHEMA)).toBeLessThan(44)
        const before = new Map(devnet.chain.blocks.slice(40, 45).map(b => [b.number, b.hash]))
        const onAbandonedBranch = await queryOnce(
            db,
            EVENT_TABLES.map(t => `SELECT id FROM ${t} WHERE split_part(id, '-', 1)::int BETWEEN 41 AND 44`).join(' UNION ALL '),
        )
        expect(onAbandonedBranch.length).toBeGreaterThan(0)

        const payoutsAt41 = async () =>
            Number((await queryOnce(db, `SELECT count(*) AS n FROM payout WHERE split_part(id, '-', 1)::int = 41`))[0].n)
        const payoutsBefore = await payoutsAt41()

        // Replace blocks 41..44 with a branch 41'..45' whose block 41' carries one payout more.
        await devnet.fork(4, {variant: 'add-extrinsic'})
        await waitFor(
            'the processor to follow the new branch',
            () => processorHead(db, RELAY_STATE_SCHEMA),
            h => h === 45,
            60_000,
            200,
        )
        // Finality only moves when new blocks come: finalize past the fork.
        await devnet.produceBlocks(8)
        await waitFor(
            'finality past the fork',
            () => processorHeight(db, RELAY_STATE_SCHEMA),
            h => h >= 47,
            60_000,
            200,
        )
        expect(run.child.exitCode).toBeNull()

        const hashes = new Map(devnet.chain.blocks.map(b => [b.number, b.hash]))
        expect(hashes.get(42)).not.toBe(before.get(42))
        // The reorg changed rows, not only their hashes.
        expect(await payoutsAt41()).toBe(payoutsBefore + 1)
        for (const table of EVENT_TABLES) {
            const rows = await queryOnce(db, `SELECT id FROM ${table}`)
            for (const {id} of rows) {
                const [height, hash5] = (id as string).split('-')
                expect(hashes.get(Number(height))!.slice(2, 7), `${table} ${id}`).toBe(hash5)
            }
        }
        // Exactly the events of the current branch, none of the abandoned one.
        const facts = devnet.facts().events
        const upTo = await processorHead(db, RELAY_STATE_SCHEMA)
        const n = (name: string) => (facts[name] ?? []).filter(e => e.block <= upTo).length
        expect(Number((await queryOnce(db, 'SELECT count(*) AS n FROM payout'))[0].n)).toBe(n('Staking.PayoutStarted'))
        expect(Number((await queryOnce(db, 'SELECT count(*) AS n FROM reward'))[0].n)).toBe(n('Staking.Rewarded'))
        const hot = await queryOnce(db, `SELECT height, hash FROM ${RELAY_STATE_SCHEMA}.hot_block ORDER BY height`)
        for (const h of hot) expect(h.hash).toBe(hashes.get(h.height))
        run.child.kill('SIGTERM')
    })

    it('after kill -9 and a restart, ends with the same database as an uninterrupted run', async () => {
        const {devnet, to, reference} = await uninterruptedRun(5, 120, 'squid_ref')

        const crashed = await freshDb('squid_kill')
        // Slow the node down so the kill lands mid-run.
        devnet.faults.latencyMs = 15
        const first = startProcessorChild({layer: 'relay', db: crashed, rpcUrl: devnet.httpUrl, toBlock: to})
        await waitFor(
            'some progress before the kill',
            () => processorHeight(crashed, RELAY_STATE_SCHEMA),
            h => h >= 20,
            60_000,
            50,
        )
        first.child.kill('SIGKILL')
        await first.exited
        const killedAt = await processorHeight(crashed, RELAY_STATE_SCHEMA)
        expect(killedAt).toBeLessThan(to)
        devnet.faults.latencyMs = 0
        await indexTo(crashed, devnet, to)

        expect(await processorHeight(crashed, RELAY_STATE_SCHEMA)).toBe(to)
        expect((await expectSameRows(crashed, reference)).reward.length).toBeGreaterThan(100)
    })

    it('redoes an era snapshot a stop left pending, ending with the same database as an uninterrupted run', async () => {
        const {devnet, to, reference} = await uninterruptedRun(9, 80, 'squid_pending_ref')

        const stopped = await freshDb('squid_pending')
        await indexTo(stopped, devnet, 50)
        // The state a stop leaves between the era-end batch's commit and the snapshot's: the marker, no rows.
        const [{index: era, end_block: block}] = await queryOnce(
            stopped,
            'SELECT index, end_block FROM era WHERE end_block IS NOT NULL ORDER BY index DESC LIMIT 1',
        )
        expect(Number((await queryOnce(stopped, `SELECT count(*) AS n FROM exposure WHERE era = ${era}`))[0].n)).toBeGreaterThan(0)
        await queryOnce(
            stopped,
            `
            DELETE FROM era_validator WHERE era = ${era}; DELETE FROM exposure WHERE era = ${era}; DELETE FROM validator_intention WHERE era = ${era};
            DELETE FROM session_keys WHERE era = ${era + 1}; DELETE FROM nominator_bond WHERE era = ${era + 1};
            DELETE FROM nominator_targets WHERE era = ${era + 1};
            UPDATE nominator_targets t SET latest = true WHERE era = (SELECT max(era) FROM nominator_targets u WHERE u.nominator_id = t.nominator_id);
            UPDATE era SET total_points = NULL, validator_count = NULL WHERE index = ${era};
            INSERT INTO pending_era_snapshot (id, chain, block_number, block_hash) VALUES ('${era}', 'relay', ${block}, '${devnet.chain.blocks[block].hash}')`,
        )

        const second = await indexTo(stopped, devnet, to)
        expect(second.log()).toContain(`era ${era}: redoing the snapshot a stop left pending`)
        await expectSameRows(stopped, reference)
    })

    it('stops when an era snapshot fails, names the era, and a restart redoes it to the same database', async () => {
        const {devnet, to, reference} = await uninterruptedRun(11, 80, 'squid_failed_ref')

        const failed = await freshDb('squid_failed')
        // The first batch's identity copy also lists storage: let it happen before the fault is armed.
        await indexTo(failed, devnet, 3)
        // After that, only the snapshot thread lists storage (at the next era end).
        devnet.faults.failNext(1, {method: 'state_getKeysPaged', message: 'storage listing refused'})
        const broken = startProcessorChild({layer: 'relay', db: failed, rpcUrl: devnet.httpUrl, toBlock: to})
        expect(await broken.exited).not.toBe(0)
        const [{id: era}] = await queryOnce(failed, 'SELECT id FROM pending_era_snapshot')
        expect(broken.log()).toMatch(new RegExp(`era ${era} snapshot: .*storage listing refused`))
        expect(Number((await queryOnce(failed, `SELECT count(*) AS n FROM exposure WHERE era = ${era}`))[0].n)).toBe(0)

        const restarted = await indexTo(failed, devnet, to)
        expect(restarted.log()).toContain(`era ${era}: redoing the snapshot a stop left pending`)
        await expectSameRows(failed, reference)
    })

    it('started before its node, waits for it quietly, then indexes', async () => {
        const port = await freePort()
        const db = await freshDb('squid_node_late')
        const run = startProcessorChild({layer: 'relay', db, rpcUrl: `http://127.0.0.1:${port}`, toBlock: 20})
        cleanups.push(async () => run.child.kill('SIGKILL'))
        await waitFor(
            'the processor to say it waits',
            async () => run.log(),
            log => log.includes(`waiting for the chain node at http://127.0.0.1:${port}`),
            60_000,
            100,
        )
        const devnet = await startDevnet({scenario: 'legacy', seed: 6, port, blockTimeMs: 0, finalityLagBlocks: 2})
        cleanups.push(() => devnet.stop())
        await devnet.produceBlocks(30)
        expect(await run.exited, run.log().slice(-2000)).toBe(0)
        expect(run.log()).not.toContain('connection failure')
        expect(await processorHeight(db, RELAY_STATE_SCHEMA)).toBe(20)
    })

    it('starting above the finalized head, waits until its first block is finalized, then indexes from it', async () => {
        const devnet = await startedDevnet(4, 44, 6)
        const from = devnet.finalized().number + 4
        const db = await freshDb('squid_from_hot')
        const run = startProcessorChild({layer: 'relay', db, rpcUrl: devnet.httpUrl, fromBlock: from, toBlock: from + 10})
        cleanups.push(async () => run.child.kill('SIGKILL'))
        await waitFor(
            'the processor to say it waits',
            async () => run.log(),
            log => log.includes(`BLOCK_FROM ${from} is above the finalized head`),
            60_000,
            100,
        )
        expect(run.child.exitCode).toBeNull()
        await devnet.produceBlocks(30)
        expect(await run.exited, run.log().slice(-2000)).toBe(0)
        expect(await processorHeight(db, RELAY_STATE_SCHEMA)).toBe(from + 10)
        const rewards = await queryOnce(db, 'SELECT block_number FROM reward ORDER BY block_number')
        const expected = (devnet.facts().events['Staking.Rewarded'] ?? []).filter(e => e.block >= from && e.block <= from + 10)
        expect(rewards.map(r => r.block_number)).toEqual(expected.map(e => e.block).sort((a, b) => a - b))
    })
})
