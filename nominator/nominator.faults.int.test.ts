/**
 * A round through RPC faults and a reorg, against the devnet's legacy layout with the real @polkadot/api and
 * Postgres: error replies, latency and dropped connections before the batch is sent, while it is sent (the reply
 * lost), between submission and inclusion and while waiting for finality; and a reorg that drops the block
 * holding the batch, or moves it to another block, before finality. In every case the nomination is recorded
 * once, as done only from a finalized block that holds it, and the chain holds the batch exactly once.
 */
import path from 'path'
import pg from 'pg'
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest'
import {Logger} from '@subsquid/logger'
import {encodeAddress} from '@polkadot/util-crypto'
import {startDevnet, type Devnet} from '../devnet/index'
import type {BlockRecord} from '../devnet/chain/devnet-chain'
import {loadConfig} from '../config/load'
import {PROJECT_DIR} from '../config/project-dir'
import {Secret} from '../config/secret'
import {pgClientConfig} from '../db/connection'
import {applyMigrations} from '../db/migrate'
import {useTestDatabase} from '../test/vitest/database'
import {DevnetRoundInputs} from '../test/vitest/devnet-round-inputs'
import {connectStakingChain, type StakingChain} from './chain/staking-chain'
import {Stopped} from './execute/submitter'
import {Nominator} from './nominator'
import {signingAccounts} from './signing-accounts'
import {NominatorStore, type ExtrinsicRecord} from './store/nominator-store'

const FINALITY_LAG = 2
const db = useTestDatabase('nominator_faults')
let devnet: Devnet
let chain: StakingChain
let pool: pg.Pool
const log = new Logger(rec => {
    if (process.env.NOMINATOR_TEST_LOG) console.log(new Date().toISOString(), JSON.stringify(rec))
}, 'nominator-faults-test')
const base = loadConfig(path.join(PROJECT_DIR, 'config', 'devnet.json'), {})

/** Where a test injects its fault; each hook runs once, inside the block producer or the store. */
interface Hooks {
    /** The batch is signed and recorded, not yet sent. */
    recorded?: (e: ExtrinsicRecord) => Promise<void> | void
    /** A submitted extrinsic waits in the pool; the block that will hold it is not sealed yet. */
    pooled?: () => Promise<void> | void
    /** A block holding a submitted extrinsic was sealed; it is not final yet. */
    included?: (block: BlockRecord) => Promise<void> | void
}
let hooks: Hooks = {}

/** The store, with a hook after an extrinsic is recorded (between signing and sending). */
class HookedStore extends NominatorStore {
    async recordExtrinsic(e: ExtrinsicRecord): Promise<void> {
        await super.recordExtrinsic(e)
        const hook = hooks.recorded
        hooks.recorded = undefined
        await hook?.(e)
    }
}

/** Blocks come while a transaction waits in the pool, then until it is final; eras move only when a test produces blocks. */
let producer: NodeJS.Timeout
let busy = false
let toFinality = 0

beforeAll(async () => {
    devnet = await startDevnet({scenario: 'legacy', seed: 17, port: 0, blockTimeMs: 0, finalityLagBlocks: FINALITY_LAG, upgradeAtBlock: 3})
    await devnet.produceBlocks(20)
    producer = setInterval(() => {
        if (busy || (devnet.chain.pool.length === 0 && toFinality <= 0)) return
        busy = true
        void (async () => {
            if (devnet.chain.pool.length > 0 && hooks.pooled) {
                const hook = hooks.pooled
                hooks.pooled = undefined
                await hook()
            }
            const [block] = await devnet.produceBlocks(1)
            toFinality = block.includedHashes.length > 0 ? FINALITY_LAG + 1 : toFinality - 1
            if (block.includedHashes.length > 0 && hooks.included) {
                const hook = hooks.included
                hooks.included = undefined
                await hook(block)
            }
        })().finally(() => (busy = false))
    }, 50)
    await applyMigrations(db.settings)
    pool = new pg.Pool(pgClientConfig(db.settings))
    chain = await connectStakingChain([devnet.url], log, 200)
})

afterAll(async () => {
    clearInterval(producer)
    await chain?.disconnect()
    await pool?.end()
    await devnet?.stop()
})

beforeEach(async () => {
    hooks = {}
    devnet.faults.clear()
    // A round is due once the last nomination is an era old.
    for (let i = 0; i < 2; i++) {
        const era = devnet.chain.world.activeEra
        while (devnet.chain.world.activeEra === era) await devnet.produceBlocks(1)
    }
})

const address = (name: string) => devnet.accounts.find(a => a.name === name)!.address

function nominator(delayed = false): Nominator {
    const accounts = [
        delayed
            ? {
                  name: 'alice-via-charlie',
                  seed: new Secret('//Charlie', 'test alice-via-charlie'),
                  mode: 'delayedProxy' as const,
                  real: address('Alice'),
              }
            : {name: 'alice-via-bob', seed: new Secret('//Bob', 'test alice-via-bob'), mode: 'proxy' as const, real: address('Alice')},
    ]
    return new Nominator({
        api: chain.api,
        url: chain.url,
        store: new HookedStore(pool),
        inputs: new DevnetRoundInputs(devnet),
        signers: signingAccounts(accounts, 0),
        config: {
            ...base,
            nominator: {
                ...base.nominator,
                accounts,
                submission: {
                    ...base.nominator.submission,
                    pollIntervalMs: 50,
                    retryMinDelayMs: 20,
                    retryMaxDelayMs: 300,
                    mortalityBlocks: 64,
                },
            },
        },
        log,
    })
}

async function rows(table: string, roundId: string): Promise<any[]> {
    return (await pool.query(`SELECT * FROM ${table} WHERE ${table === 'nomination_round' ? 'id' : 'round_id'} = $1 ORDER BY 1`, [roundId]))
        .rows
}

async function chainTargets(stash: string): Promise<string[]> {
    const n: any = await chain.api.query.staking.nominators(stash)
    return n.isSome ? n.unwrap().targets.map((t: any) => encodeAddress(t.toU8a(), 0)) : []
}

/** Runs one check, which starts a round; its id. */
async function round(): Promise<string> {
    const report = await nominator().check()
    expect(report.decision.gate.kind).toBe('start')
    return report.roundId!
}

/**
 * The round's nomination is recorded once, done, from the finalized block that holds its transaction; that block is
 * canonical; of all the transactions recorded for the round exactly one is on chain (the landed one), and once.
 */
async function expectRecordedOnce(roundId: string): Promise<{nomination: any; extrinsics: any[]}> {
    const [r] = await rows('nomination_round', roundId)
    expect(r.status).toBe('done')
    const nominations = await rows('nomination', roundId)
    expect(nominations.length).toBe(1)
    const [n] = nominations
    expect(n).toMatchObject({status: 'done', finalized: true, error: null})
    expect(n.block_number).toBeLessThanOrEqual(devnet.finalized().number)
    expect(devnet.chain.blocks[n.block_number].hash).toBe(n.block_hash)
    expect(devnet.chain.blocks[n.block_number].includedHashes).toContain(n.tx_hash)
    const extrinsics = await rows('nominator_extrinsic', roundId)
    expect(extrinsics.filter(e => e.status === 'landed').map(e => e.id)).toEqual([n.tx_hash])
    const onChain = devnet.chain.blocks.flatMap(b => b.includedHashes).filter(h => extrinsics.some(e => e.id === h))
    expect(onChain).toEqual([n.tx_hash])
    expect(await chainTargets(address('Alice'))).toEqual(n.targets)
    return {nomination: n, extrinsics}
}

describe('RPC faults during a round', () => {
    it('an error reply while reading the chain fails the check before anything is recorded; the next check records the round once', async () => {
        const before = (await pool.query('SELECT count(*)::int AS n FROM nomination_round')).rows[0].n
        devnet.faults.failNext(1)
        await expect(nominator().check()).rejects.toThrow(/devnet injected fault/)
        expect((await pool.query('SELECT count(*)::int AS n FROM nomination_round')).rows[0].n).toBe(before)
        expect(devnet.chain.pool.length).toBe(0)
        const id = await round()
        const {extrinsics} = await expectRecordedOnce(id)
        expect(extrinsics.length).toBe(1)
    })

    it('error replies to the reads that sign and to the submission: retried, recorded once', async () => {
        devnet.faults.failNext(2, {method: 'system_accountNextIndex', message: 'rate limit'})
        devnet.faults.failNext(3, {method: 'author_submitExtrinsic'})
        const id = await round()
        expect(devnet.faults.pending()).toEqual([])
        const {extrinsics} = await expectRecordedOnce(id)
        expect(extrinsics.length).toBe(1)
    })

    it('latency on every reply: recorded once', async () => {
        devnet.faults.latencyMs = 150
        const id = await round()
        devnet.faults.latencyMs = 0
        const {extrinsics} = await expectRecordedOnce(id)
        expect(extrinsics.length).toBe(1)
    })

    it('a dropped connection after signing, before sending: the same transaction is sent once reconnected', async () => {
        hooks.recorded = () => {
            expect(devnet.faults.dropConnections()).toBeGreaterThan(0)
        }
        const id = await round()
        const {extrinsics} = await expectRecordedOnce(id)
        expect(extrinsics.length).toBe(1)
    })

    it('a dropped connection while the submission is answered (the node took it, the reply is lost): not signed again', async () => {
        // The node handles the submission after the latency; the connection closes before its reply. The latency
        // stays, so the resubmission arrives after the first one is in the pool (or already in a block).
        hooks.recorded = () => {
            devnet.faults.latencyMs = 400
            setTimeout(() => devnet.faults.dropConnections(), 150)
            setTimeout(() => (devnet.faults.latencyMs = 0), 3000)
        }
        const id = await round()
        const {extrinsics} = await expectRecordedOnce(id)
        expect(extrinsics.map(e => e.status)).toEqual(['landed'])
    })

    // The deadline is generous (a normal run takes a few seconds); before the provider stopped caching, one error reply
    // to chain_getBlock(hash) was replayed to every retry of it for over a minute.
    it('a dropped connection and error replies between submission and inclusion: recorded once', async () => {
        let pooled = 0
        hooks.pooled = () => {
            pooled = devnet.chain.pool.length
            devnet.faults.dropConnections()
            devnet.faults.failNext(2, {method: 'system_accountNextIndex'})
        }
        const id = await round()
        expect(pooled).toBe(1)
        const {extrinsics} = await expectRecordedOnce(id)
        expect(extrinsics.length).toBe(1)
    })

    it('another transaction of the signer takes the nonce first: the batch is signed again once that is final, recorded once', async () => {
        hooks.recorded = async e => {
            const other = chain.api.tx.system.remark('the same signer, elsewhere')
            await other.signAsync(devnet.accounts.find(a => a.name === 'Bob')!.pair, {nonce: e.nonce})
            await chain.api.rpc.author.submitExtrinsic(other)
        }
        const id = await round()
        const {nomination, extrinsics} = await expectRecordedOnce(id)
        expect(extrinsics.length).toBe(2)
        const first = extrinsics.find(e => e.attempt === 1)
        expect(first.status).toBe('expired')
        expect(first.error).toMatch(/its nonce \d+ was used by another transaction/)
        expect(extrinsics.find(e => e.attempt === 2).id).toBe(nomination.tx_hash)
    })

    it('a dropped connection and error replies between inclusion and finality: recorded once, only when final', {
        timeout: 60_000,
    }, async () => {
        let seenAtInclusion: any[] = []
        hooks.included = async () => {
            devnet.faults.dropConnections()
            devnet.faults.failNext(3, {method: 'chain_getBlock'})
            devnet.faults.failNext(2, {method: 'chain_getFinalizedHead'})
            seenAtInclusion = (await pool.query(`SELECT status, finalized FROM nomination`)).rows
        }
        const id = await round()
        expect(seenAtInclusion.length).toBeGreaterThan(0)
        expect(seenAtInclusion.some(n => n.status === 'done' && !n.finalized)).toBe(false)
        await expectRecordedOnce(id)
    })
})

describe('a reorg before finality', () => {
    it('drops the block holding the batch: nothing recorded from it; the same transaction lands again and is recorded once', async () => {
        let orphan: BlockRecord | undefined
        let atFork: any[] = []
        hooks.included = async block => {
            orphan = block
            await devnet.fork(1)
            expect(devnet.chain.blocks[block.number].hash).not.toBe(block.hash)
            atFork = (await pool.query(`SELECT status, finalized, block_hash FROM nomination`)).rows
        }
        const id = await round()
        expect(orphan).toBeDefined()
        expect(atFork.filter(n => n.block_hash === orphan!.hash)).toEqual([])
        const {nomination, extrinsics} = await expectRecordedOnce(id)
        expect(nomination.block_hash).not.toBe(orphan!.hash)
        expect(orphan!.includedHashes).toContain(nomination.tx_hash)
        expect(extrinsics.map(e => [e.status, e.attempt])).toEqual([['landed', 1]])
    })

    it('a restart while the batch waits for finality, its block reorged away meanwhile: the new process follows the same transaction, recorded once', async () => {
        const first = nominator()
        let orphan: BlockRecord | undefined
        hooks.included = async block => {
            orphan = block
            first.stop()
            await devnet.fork(1)
        }
        await expect(first.check()).rejects.toThrow(Stopped)
        const [left] = (await pool.query(`SELECT * FROM nominator_extrinsic WHERE status = 'submitted'`)).rows
        expect(orphan!.includedHashes).toEqual([left.id])
        const id = left.round_id
        expect((await rows('nomination', id)).map(n => [n.status, n.finalized])).toEqual([['submitted', false]])
        const again = await nominator().check()
        expect(again.decision.gate.kind).toMatch(/roundAlreadyRecorded|noAccountDue/)
        const {nomination, extrinsics} = await expectRecordedOnce(id)
        expect(nomination.tx_hash).toBe(left.id)
        expect(extrinsics.map(e => [e.status, e.attempt])).toEqual([['landed', 1]])
    })

    it('moves the batch to another block of the new branch: recorded from the block that is final', async () => {
        let orphan: BlockRecord | undefined
        hooks.included = async block => {
            orphan = block
            const [e] = (await pool.query(`SELECT hex FROM nominator_extrinsic WHERE id = $1`, [block.includedHashes[0]])).rows
            // The new branch starts one block lower and carries the same signed bytes in its first block.
            await devnet.fork(2, {variant: 'add-extrinsic', extrinsics: [e.hex]})
        }
        const id = await round()
        const {nomination} = await expectRecordedOnce(id)
        expect(nomination.block_number).toBe(orphan!.number - 1)
        expect(nomination.block_hash).not.toBe(orphan!.hash)
    })
})

describe('a time-delayed proxy through a reorg and a lost reply', () => {
    it('the announcement reorged away is announced again by the same bytes; the execution whose reply is lost runs once', async () => {
        let orphan: BlockRecord | undefined
        hooks.included = async block => {
            orphan = block
            await devnet.fork(1)
        }
        const report = await nominator(true).check()
        expect(report.decision.gate.kind).toBe('start')
        const id = report.roundId!
        const nominationId = `${id}:${address('Alice')}`
        const announced = (await pool.query('SELECT * FROM proxy_announcement WHERE id = $1', [nominationId])).rows[0]
        expect(announced.status).toBe('announced')
        expect(devnet.chain.blocks[announced.announced_block].includedHashes).toContain(announced.announced_tx_hash)
        expect(orphan!.includedHashes).toContain(announced.announced_tx_hash)
        expect(announced.announced_block).toBeGreaterThan(orphan!.number)
        const [onChain]: any = await chain.api.query.proxy.announcements(address('Charlie'))
        expect(onChain.map((a: any) => a.callHash.toHex())).toEqual([announced.call_hash])

        await devnet.produceBlocks(devnet.spec.proxyDelayBlocks + 1)
        hooks.recorded = () => {
            devnet.faults.latencyMs = 400
            setTimeout(() => devnet.faults.dropConnections(), 150)
            setTimeout(() => (devnet.faults.latencyMs = 0), 3000)
        }
        const executed = await nominator(true).check()
        expect(executed.announcements.map(a => a.decision.action)).toEqual(['execute'])
        const after = (await pool.query('SELECT * FROM proxy_announcement WHERE id = $1', [nominationId])).rows[0]
        expect(after.status).toBe('executed')
        const nominations = await rows('nomination', id)
        expect(nominations.length).toBe(1)
        const [n] = nominations
        expect(n).toMatchObject({status: 'done', finalized: true, error: null, tx_hash: after.executed_tx_hash})
        expect(devnet.chain.blocks[n.block_number].hash).toBe(n.block_hash)
        expect(n.block_number).toBeLessThanOrEqual(devnet.finalized().number)
        // One announce and one execution recorded and on chain, each once.
        const extrinsics = await rows('nominator_extrinsic', id)
        expect(extrinsics.map(e => [e.purpose, e.status]).sort()).toEqual([
            ['announcements', 'landed'],
            ['round', 'landed'],
        ])
        const onChainHashes = devnet.chain.blocks.flatMap(b => b.includedHashes).filter(h => extrinsics.some(e => e.id === h))
        expect(onChainHashes.sort()).toEqual(extrinsics.map(e => e.id).sort())
        expect(await chainTargets(address('Alice'))).toEqual(n.targets)
        const [left]: any = await chain.api.query.proxy.announcements(address('Charlie'))
        expect(left.length).toBe(0)
    })
})
