import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {Client} from 'pg'
import {TypeormDatabase, type Store} from '@subsquid/typeorm-store'
import {createRequire} from 'node:module'
import path from 'node:path'
import {dbEnv, DB_ENV_KEYS, pgClientConfig} from '../../db/connection'
import {applyMigrations} from '../../db/migrate'
import {useTestDatabase} from '../../test/vitest/database'
import {waitFor} from '../../test/vitest/wait-for'
import {batchOf, type Batch, type BatchTransaction} from './batch-finality'
import {insertBulk} from './bulk-insert'
import {PipelinedDatabase, type CommitListener} from './pipelined-database'

// TypeormDatabase loads the compiled model (as in the processor); its entities must be those classes.
const {Account} = createRequire(__filename)(path.resolve('lib/model')) as typeof import('../../db/model')
const db = useTestDatabase('pipelined_db')
const savedEnv = Object.fromEntries(DB_ENV_KEYS.map(k => [k, process.env[k]]))
let sql: Client

beforeAll(async () => {
    await applyMigrations(db.settings)
    // TypeormDatabase reads its connection from these variables, as in the processor.
    for (const k of DB_ENV_KEYS) delete process.env[k]
    Object.assign(process.env, dbEnv(db.settings))
    sql = new Client(pgClientConfig(db.settings))
    await sql.connect()
})

afterAll(async () => {
    await sql?.end()
    for (const [k, v] of Object.entries(savedEnv)) {
        if (v === undefined) delete process.env[k]
        else process.env[k] = v
    }
})

const GENESIS = {height: -1, hash: '0x'}
const head = (height: number) => ({height, hash: `0x${height.toString(16).padStart(8, '0')}`})
const tick = () => new Promise(resolve => setTimeout(resolve, 50))

/** A database on a state schema of its own, and the failures it reports. */
async function pipeline(schema: string, toBlock?: number, listener?: CommitListener) {
    const failures: unknown[] = []
    const database = new PipelinedDatabase(
        new TypeormDatabase({stateSchema: schema, supportHotBlocks: true, isolationLevel: 'READ COMMITTED'}),
        {toBlock, onFailure: e => failures.push(e), listener},
    )
    await database.connect()
    const status = async () => (await sql.query(`SELECT height FROM ${schema}.status WHERE id = 0`)).rows[0].height as number
    return {database, failures, status}
}

/** Batch handlers that record when they start and end; each stores an account named after its batch. */
function recorder() {
    const events: string[] = []
    let running = 0
    let mostAtOnce = 0
    const batch =
        (name: string, opts: {until?: Promise<void>; fail?: Error} = {}) =>
        async (store: Store) => {
            events.push(`start ${name}`)
            mostAtOnce = Math.max(mostAtOnce, ++running)
            try {
                await opts.until
                if (opts.fail) throw opts.fail
                await store.insert(new Account({id: name}))
                events.push(`end ${name}`)
            } finally {
                running--
            }
        }
    return {events, batch, mostAtOnce: () => mostAtOnce}
}

describe('PipelinedDatabase', () => {
    it('returns before a batch is written, writes batches one at a time in order, and returns the range end only once all are committed', async () => {
        const {database, failures, status} = await pipeline('pipeline_order', 3)
        const r = recorder()
        let open!: () => void
        const gate = new Promise<void>(resolve => (open = resolve))

        await database.transact({prevHead: GENESIS, nextHead: head(1), isOnTop: false}, r.batch('a1', {until: gate}))
        await database.transact({prevHead: head(1), nextHead: head(2), isOnTop: false}, r.batch('a2'))
        let rangeEndReturned = false
        const rangeEnd = database.transact({prevHead: head(2), nextHead: head(3), isOnTop: false}, r.batch('a3')).then(() => {
            rangeEndReturned = true
        })
        await waitFor('the first batch to start', () => r.events.length > 0)
        await tick()
        // The first two calls came back while the first batch still waits; the second has not started.
        expect(r.events).toEqual(['start a1'])
        expect(rangeEndReturned).toBe(false)
        expect(await status()).toBe(-1)

        open()
        await rangeEnd
        expect(r.events).toEqual(['start a1', 'end a1', 'start a2', 'end a2', 'start a3', 'end a3'])
        expect(r.mostAtOnce()).toBe(1)
        expect(await status()).toBe(3)
        expect((await sql.query(`SELECT id FROM account WHERE id LIKE 'a_' ORDER BY id`)).rows.map(x => x.id)).toEqual(['a1', 'a2', 'a3'])
        expect(failures).toEqual([])
    })

    it('waits for a batch that reaches the chain head', async () => {
        const {database, status} = await pipeline('pipeline_head')
        const r = recorder()
        await database.transact({prevHead: GENESIS, nextHead: head(1), isOnTop: false}, r.batch('h1'))
        await database.transact({prevHead: head(1), nextHead: head(2), isOnTop: true}, r.batch('h2'))
        expect(r.events).toEqual(['start h1', 'end h1', 'start h2', 'end h2'])
        expect(await status()).toBe(2)
    })

    it('reports a failed batch once, never runs the batches queued after it, and refuses further writes', async () => {
        const {database, failures, status} = await pipeline('pipeline_failure')
        const r = recorder()
        const boom = new Error('the handler failed')
        await database.transact({prevHead: GENESIS, nextHead: head(1), isOnTop: false}, r.batch('f1'))
        await database.transact({prevHead: head(1), nextHead: head(2), isOnTop: false}, r.batch('f2', {fail: boom}))
        await database.transact({prevHead: head(2), nextHead: head(3), isOnTop: false}, r.batch('f3'))
        while (failures.length === 0) await tick()

        expect(failures).toEqual([boom])
        expect(r.events).toEqual(['start f1', 'end f1', 'start f2'])
        // The failed batch rolled back with its status; the one before it stays committed.
        expect(await status()).toBe(1)
        expect((await sql.query(`SELECT id FROM account WHERE id LIKE 'f_' ORDER BY id`)).rows.map(x => x.id)).toEqual(['f1'])
        await expect(database.transact({prevHead: head(3), nextHead: head(4), isOnTop: false}, r.batch('f4'))).rejects.toBe(boom)
        await expect(
            database.transactHot2({finalizedHead: head(3), baseHead: head(3), newBlocks: [head(4)]}, async () => undefined),
        ).rejects.toBe(boom)
        expect(failures).toEqual([boom])
    })

    it('starts a hot-block transaction only once the queued batches are committed', async () => {
        const {database, status} = await pipeline('pipeline_hot')
        const r = recorder()
        let open!: () => void
        const gate = new Promise<void>(resolve => (open = resolve))
        await database.transact({prevHead: GENESIS, nextHead: head(1), isOnTop: false}, r.batch('k1', {until: gate}))
        const hot = database.transactHot2({finalizedHead: head(1), baseHead: head(1), newBlocks: [head(2)]}, r.batch('k2'))
        await waitFor('the first batch to start', () => r.events.length > 0)
        await tick()
        expect(r.events).toEqual(['start k1'])
        open()
        await hot
        expect(r.events).toEqual(['start k1', 'end k1', 'start k2', 'end k2'])
        expect(await status()).toBe(1)
        expect((await sql.query(`SELECT height FROM pipeline_hot.hot_block`)).rows).toEqual([{height: 2}])
    })

    it('tells each handler call whether its blocks are finalized and what transaction it is in', async () => {
        const {database} = await pipeline('pipeline_finality', 9)
        const seen: (Batch & {blocks: number[]})[] = []
        const note = (blocks: number[]) => async (store: Store) => void seen.push({...batchOf(store), blocks})
        await database.transact({prevHead: GENESIS, nextHead: head(1), isOnTop: true}, note([1]))
        // New blocks 2..5 with 3 finalized: one call for 2..3, then one per hot block, all in one transaction.
        await database.transactHot2(
            {finalizedHead: head(3), baseHead: head(1), newBlocks: [head(2), head(3), head(4), head(5)]},
            async (store, beg, end) => note([2, 3, 4, 5].slice(beg, end))(store),
        )
        await database.transact({prevHead: head(3), nextHead: head(9), isOnTop: false}, note([9]))
        const alone: BatchTransaction = {hot: false, endsRange: false}
        const hot: BatchTransaction = {hot: true, endsRange: false}
        expect(seen).toEqual([
            {finality: 'finalized', transaction: alone, blocks: [1]},
            {finality: 'finalizedSliceOfHot', transaction: hot, blocks: [2, 3]},
            {finality: 'hot', transaction: hot, blocks: [4]},
            {finality: 'hot', transaction: hot, blocks: [5]},
            {finality: 'finalized', transaction: {hot: false, endsRange: true}, blocks: [9]},
        ])
    })

    it('writes finalized blocks with one bulk statement, and hot blocks through the store, which logs them for rollback', async () => {
        const {database} = await pipeline('pipeline_bulk')
        /** The statement this database's open transaction (it holds a lock on its status table) ran last, as Postgres saw it. */
        const lastStatement = async () =>
            (
                await sql.query(`SELECT DISTINCT a.query FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid
            WHERE l.relation = 'pipeline_bulk.status'::regclass AND a.state = 'idle in transaction'`)
            ).rows.map(r => r.query as string)
        const accounts = (prefix: string) => [1, 2, 3].map(i => new Account({id: `${prefix}${i}`}))
        const statements: Record<string, string[]> = {}
        const write = (name: string) => async (store: Store) => {
            await insertBulk(store, accounts(name))
            statements[name] = await lastStatement()
        }
        await database.transact({prevHead: GENESIS, nextHead: head(1), isOnTop: true}, write('bulk-finalized-'))
        await database.transactHot2({finalizedHead: head(2), baseHead: head(1), newBlocks: [head(2), head(3)]}, async (store, beg) =>
            write(beg === 0 ? 'bulk-slice-' : 'bulk-hot-')(store),
        )

        expect(statements['bulk-finalized-']).toEqual([expect.stringMatching(/^INSERT INTO "account" .* FROM unnest\(/)])
        expect(statements['bulk-slice-']).toEqual([expect.stringMatching(/^INSERT INTO "account" .* FROM unnest\(/)])
        expect(statements['bulk-hot-']).toEqual([expect.not.stringMatching(/unnest/)])
        expect((await sql.query(`SELECT count(*)::int AS n FROM pipeline_bulk.hot_change_log WHERE block_height = 3`)).rows[0].n).toBe(3)
        expect((await sql.query(`SELECT count(*)::int AS n FROM account WHERE id LIKE 'bulk-%'`)).rows[0].n).toBe(9)
    })

    it('refuses a store it did not open: whether its blocks are finalized is unknown', async () => {
        const plain = new TypeormDatabase({stateSchema: 'pipeline_plain', supportHotBlocks: true, isolationLevel: 'READ COMMITTED'})
        await plain.connect()
        await expect(
            plain.transact({prevHead: GENESIS, nextHead: head(1), isOnTop: true}, store =>
                insertBulk(store, [new Account({id: 'plain1'})]),
            ),
        ).rejects.toThrow(/not opened by PipelinedDatabase/)
        await plain.disconnect()
    })

    it('tells the listener before each transaction begins, holding no lock, and after it commits', async () => {
        const events: string[] = []
        /** Transactions holding a lock on this database's status table (each of its transactions reads it first). */
        const open = async () =>
            Number(
                (await sql.query(`SELECT count(DISTINCT pid) AS n FROM pg_locks WHERE relation = 'pipeline_listener.status'::regclass`))
                    .rows[0].n,
            )
        const status = async () => (await sql.query(`SELECT height FROM pipeline_listener.status WHERE id = 0`)).rows[0]?.height
        const listener: CommitListener = {
            async beforeTransaction(tx) {
                events.push(`before hot=${tx.hot} open=${await open()} status=${await status()}`)
            },
            committed() {
                events.push('committed')
            },
        }
        const {database} = await pipeline('pipeline_listener', undefined, listener)
        const r = recorder()
        await database.transact({prevHead: GENESIS, nextHead: head(1), isOnTop: false}, r.batch('l1'))
        await database.transactHot2({finalizedHead: head(1), baseHead: head(1), newBlocks: [head(2)]}, async store => {
            events.push('hot batch')
            await r.batch('l2')(store)
        })
        // The status is read after `committed` is told: the transaction it follows is visible to other connections.
        expect(events).toEqual([
            'before hot=false open=0 status=-1',
            'committed',
            'before hot=true open=0 status=1',
            'hot batch',
            'committed',
        ])
    })
})
