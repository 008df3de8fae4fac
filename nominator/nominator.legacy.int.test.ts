/**
 * The nominator against the devnet's legacy layout with the real @polkadot/api and Postgres: a round through
 * a Staking proxy and a direct one land in finalized blocks with the round's remark and are recorded once;
 * a wrong proxy and a bad target are recorded as failed with their decoded module errors; a dry run signs
 * nothing; a recorded round replays to the same targets; the seed appears in no log line, error or row.
 * Each step's notifications reach a local webhook: rounds decided and landed with their input hash, failures
 * with the decoded module error, announcements executed and removed with the reason.
 */
import path from 'path'
import pg from 'pg'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {Logger} from '@subsquid/logger'
import {hexToU8a} from '@polkadot/util'
import {blake2AsHex, encodeAddress} from '@polkadot/util-crypto'
import {startDevnet, type Devnet} from '../devnet/index'
import {loadConfig, type Config, type NominatorAccountConfig} from '../config/load'
import {PROJECT_DIR} from '../config/project-dir'
import {Secret} from '../config/secret'
import {pgClientConfig} from '../db/connection'
import {applyMigrations} from '../db/migrate'
import type {NotifyEvent} from '../notify/events'
import {createNotifier, type Notifier} from '../notify/notifier'
import type {WebhookBody} from '../notify/targets'
import {useTestDatabase} from '../test/vitest/database'
import {DevnetRoundInputs} from '../test/vitest/devnet-round-inputs'
import {finalizingProducer} from '../test/vitest/finalizing-producer'
import {RecordingLog, ScriptedServer, stopServers} from '../test/vitest/notify-servers'
import {connectStakingChain, type StakingChain} from './chain/staking-chain'
import type {RoundInputSource} from './inputs/round-inputs'
import {Nominator} from './nominator'
import {signingAccounts} from './signing-accounts'
import {NominatorStore} from './store/nominator-store'
import {replayMatches, replayRound} from './round/replay'

const db = useTestDatabase('nominator_legacy')
let devnet: Devnet
let chain: StakingChain
let pool: pg.Pool
const logLines: string[] = []
let producer: {stop(): void}
const log = new Logger(rec => logLines.push(JSON.stringify(rec)), 'nominator-test')
const base = loadConfig(path.join(PROJECT_DIR, 'config', 'devnet.json'), {})
let hook: ScriptedServer
let notifier: Notifier
const notifyLog = new RecordingLog()
/** Every body the webhook received. */
const sentBodies: string[] = []

beforeAll(async () => {
    devnet = await startDevnet({scenario: 'legacy', seed: 5, port: 0, blockTimeMs: 0, finalityLagBlocks: 2, upgradeAtBlock: 3})
    await devnet.produceBlocks(20)
    producer = finalizingProducer(devnet, devnet.chain.pool)
    await applyMigrations(db.settings)
    pool = new pg.Pool(pgClientConfig(db.settings))
    chain = await connectStakingChain([devnet.url], log)
    hook = await new ScriptedServer().start()
    notifier = createNotifier(
        {...base, notify: {...base.notify, minRetryDelayMs: 10, webhook: {url: new Secret(`${hook.url}/hooks/programme`, 'test')}}},
        notifyLog,
    )
})

afterAll(async () => {
    producer?.stop()
    if (process.env.NOMINATOR_TEST_LOG) {
        const dump = JSON.stringify({nominations: await rows('nomination'), extrinsics: await rows('nominator_extrinsic')}, null, 1)
        ;(await import('fs')).writeFileSync(process.env.NOMINATOR_TEST_LOG, `${logLines.join('\n')}\n${dump}`)
    }
    notifier?.close()
    await stopServers()
    await chain?.disconnect()
    await pool?.end()
    await devnet?.stop()
})

const address = (name: string) => devnet.accounts.find(a => a.name === name)!.address
const hex = (name: string) => devnet.accounts.find(a => a.name === name)!.publicKey

function account(name: string, seed: string, mode: NominatorAccountConfig['mode'], real?: string): NominatorAccountConfig {
    return {name, seed: new Secret(seed, `test ${name}`), mode, real}
}

function nominatorFor(accounts: NominatorAccountConfig[], inputs: RoundInputSource, change: Partial<Config['nominator']> = {}): Nominator {
    const config = {
        ...base,
        nominator: {
            ...base.nominator,
            ...change,
            accounts,
            submission: {...base.nominator.submission, pollIntervalMs: 50, retryMinDelayMs: 20, retryMaxDelayMs: 200, mortalityBlocks: 64},
        },
    }
    return new Nominator({
        api: chain.api,
        url: chain.url,
        store: new NominatorStore(pool),
        inputs,
        signers: signingAccounts(accounts, 0),
        config,
        log,
        notify: event => notifier.notify(event),
    })
}

/** The events the webhook received since the last call (each delivered once, in order). */
async function notified(): Promise<NotifyEvent[]> {
    expect(await notifier.flush(20_000)).toBe(0)
    const messages: WebhookBody[] = hook.messages
    sentBodies.push(...hook.requests.splice(0).map(r => r.body))
    expect(messages.every(m => m.network === 'devnet' && m.text.startsWith('[devnet] '))).toBe(true)
    return messages.map(m => m.event)
}

async function rows(table: string): Promise<any[]> {
    return (await pool.query(`SELECT * FROM ${table} ORDER BY 1`)).rows
}

/** Waits for the next era, so a new round is due. */
async function nextEra(): Promise<void> {
    const era = devnet.chain.world.activeEra
    while (devnet.chain.world.activeEra === era) await devnet.produceBlocks(1)
}

async function chainTargets(stash: string): Promise<string[]> {
    const n: any = await chain.api.query.staking.nominators(stash)
    return n.isSome ? n.unwrap().targets.map((t: any) => encodeAddress(t.toU8a(), 0)) : []
}

/** Validators whose exposure in `era` (as the chain serves it) includes `who` (hex). */
async function backedBy(era: number, who: string): Promise<string[]> {
    const q = chain.api.query.staking as any
    const out = new Set<string>()
    if (q.erasStakersPaged) {
        for (const [k, v] of await q.erasStakersPaged.entries(era)) {
            if (v.isSome && v.unwrap().others.some((o: any) => o.who.toHex() === who)) out.add(encodeAddress(k.args[1].toU8a(), 0))
        }
    } else {
        for (const [k, v] of await q.erasStakers.entries(era)) {
            if (v.others.some((o: any) => o.who.toHex() === who)) out.add(encodeAddress(k.args[1].toU8a(), 0))
        }
    }
    return [...out]
}

describe('a round through a Staking proxy (//Bob for //Alice)', () => {
    it('lands in a finalized block with the round remark and is recorded once, as done', async () => {
        const inputs = new DevnetRoundInputs(devnet)
        const nominator = nominatorFor([account('alice-via-bob', '//Bob', 'proxy', address('Alice'))], inputs)
        const report = await nominator.check()
        expect(report.decision.gate.kind).toBe('start')
        const round = (await rows('nomination_round')).find(r => r.id === report.roundId)
        expect(round.status).toBe('done')
        const [nomination] = (await rows('nomination')).filter(n => n.round_id === round.id)
        expect(nomination).toMatchObject({
            stash: address('Alice'),
            signer: address('Bob'),
            mode: 'proxy',
            status: 'done',
            finalized: true,
            error: null,
        })
        expect(nomination.targets.length).toBeGreaterThan(0)
        expect(await chainTargets(address('Alice'))).toEqual(nomination.targets)
        // The extrinsic is in the finalized chain at the recorded block, and its remark event carries the round's hash.
        expect(nomination.block_number).toBeLessThanOrEqual(devnet.finalized().number)
        expect((await chain.api.rpc.chain.getBlockHash(nomination.block_number)).toHex()).toBe(nomination.block_hash)
        const block = await chain.api.rpc.chain.getBlock(nomination.block_hash)
        const ext = block.block.extrinsics.find(x => x.hash.toHex() === nomination.tx_hash)!
        expect(ext.method.section).toBe('utility')
        expect((ext.method.args[0] as any)[0].args[0].toHex()).toBe(round.input_hash)
        const events: any = await (await chain.api.at(nomination.block_hash)).query.system.events()
        const remarked = events.find((r: any) => r.event.section === 'system' && r.event.method === 'Remarked')
        expect(remarked.event.data[1].toHex()).toBe(blake2AsHex(hexToU8a(round.input_hash), 256))
        const extrinsics = await rows('nominator_extrinsic')
        expect(extrinsics.map(e => [e.id, e.status])).toEqual([[nomination.tx_hash, 'landed']])
        const accounts = [
            {account: 'alice-via-bob', address: address('Alice'), targets: nomination.targets.map((stash: string) => ({stash}))},
        ]
        expect(await notified()).toEqual([
            {kind: 'roundDecided', era: round.era, inputHash: round.input_hash, dryRun: false, accounts},
            {kind: 'roundLanded', era: round.era, inputHash: round.input_hash, blockNumber: nomination.block_number, accounts},
        ])
        // Idempotent per era: a second check in the same era records and sends nothing more.
        const again = await nominator.check()
        expect(again.decision.gate.kind).toMatch(/roundAlreadyRecorded|noAccountDue/)
        expect((await rows('nominator_extrinsic')).length).toBe(1)
        expect(await notified()).toEqual([])
    })

    it('the next era exposes //Alice behind her targets only', async () => {
        const [nomination] = (await rows('nomination')).filter(n => n.status === 'done')
        await nextEra()
        await nextEra()
        const era = ((await chain.api.query.staking.activeEra()) as any).unwrap().index.toNumber()
        const backed = await backedBy(era, hex('Alice'))
        expect(backed.length).toBeGreaterThan(0)
        for (const v of backed) expect(nomination.targets).toContain(v)
    })

    it('a replay of the recorded round gives the same targets and input hash', async () => {
        const [round] = await rows('nomination_round')
        const replay = replayRound({snapshot: round.input_snapshot, inputHash: round.input_hash, targets: round.targets})
        expect(replay.differences).toEqual([])
        expect(replayMatches(replay)).toBe(true)
    })
})

describe('failures, direct nominations and dry runs', () => {
    it('a wrong proxy fails the batch: the nomination is recorded failed with Proxy.NotProxy, nothing changes on chain', async () => {
        await nextEra()
        await nextEra()
        const before = await chainTargets(address('Alice'))
        const report = await nominatorFor(
            [account('alice-via-dave', '//Dave', 'proxy', address('Alice'))],
            new DevnetRoundInputs(devnet),
        ).check()
        expect(report.decision.gate.kind).toBe('start')
        const n = (await rows('nomination')).find(x => x.round_id === report.roundId)
        expect(n).toMatchObject({status: 'failed', finalized: true})
        expect(n.error).toMatch(/^Proxy\.NotProxy/)
        expect((await rows('nomination_round')).find(r => r.id === report.roundId).status).toBe('failed')
        expect(await notified()).toEqual([
            expect.objectContaining({kind: 'roundDecided', era: Number(report.roundId)}),
            {kind: 'nominatorFailed', account: 'alice-via-dave', era: Number(report.roundId), error: n.error},
        ])
        expect(await chainTargets(address('Alice'))).toEqual(before)
    })

    it('a bad target fails inside the proxy call: recorded failed with Staking.BadTarget, not done', async () => {
        await nextEra()
        await nextEra()
        const before = await chainTargets(address('Alice'))
        const inputs = new DevnetRoundInputs(devnet)
        // A blocked validator she does not nominate yet: pallet-staking refuses it (an account that is no validator it accepts).
        const world = devnet.chain.world
        const current = world.nominators.get(hex('Alice'))!.targets
        const blocked = encodeAddress(
            [...world.validators.values()].find(v => v.active && v.blocked && !current.includes(v.stash))!.stash,
            0,
        )
        inputs.extra.push(blocked)
        const report = await nominatorFor([account('alice-via-bob', '//Bob', 'proxy', address('Alice'))], inputs).check()
        const n = (await rows('nomination')).find(x => x.round_id === report.roundId)
        expect(n.targets).toContain(blocked)
        expect(n).toMatchObject({status: 'failed', finalized: true})
        expect(n.error).toMatch(/^Staking\.BadTarget/)
        expect(await chainTargets(address('Alice'))).toEqual(before)
        const [, failed] = await notified()
        expect(failed).toEqual({kind: 'nominatorFailed', account: 'alice-via-bob', era: Number(report.roundId), error: n.error})
    })

    it('a direct nomination signed by the stash lands and is recorded done', async () => {
        await nextEra()
        await nextEra()
        const report = await nominatorFor([account('alice', '//Alice', 'direct')], new DevnetRoundInputs(devnet)).check()
        const n = (await rows('nomination')).find(x => x.round_id === report.roundId)
        expect(n).toMatchObject({status: 'done', signer: address('Alice'), mode: 'direct', finalized: true})
        expect(await chainTargets(address('Alice'))).toEqual(n.targets)
        expect((await notified()).map(e => e.kind)).toEqual(['roundDecided', 'roundLanded'])
    })

    it('a dry run records the round and its targets and signs nothing', async () => {
        await nextEra()
        await nextEra()
        await nextEra()
        const before = await chainTargets(address('Alice'))
        const extrinsicsBefore = (await rows('nominator_extrinsic')).length
        const report = await nominatorFor([account('alice-via-bob', '//Bob', 'proxy', address('Alice'))], new DevnetRoundInputs(devnet), {
            dryRun: true,
        }).check()
        expect(report.decision.gate).toMatchObject({kind: 'start'})
        const round = (await rows('nomination_round')).find(r => r.id === report.roundId)
        expect(round).toMatchObject({status: 'dryRun', dry_run: true})
        const n = (await rows('nomination')).find(x => x.round_id === report.roundId)
        expect(n.status).toBe('dryRun')
        expect(n.targets.length).toBeGreaterThan(0)
        expect((await rows('nominator_extrinsic')).length).toBe(extrinsicsBefore)
        expect(devnet.chain.pool.length).toBe(0)
        expect(await chainTargets(address('Alice'))).toEqual(before)
        expect(await notified()).toEqual([
            expect.objectContaining({kind: 'roundDecided', era: Number(report.roundId), inputHash: round.input_hash, dryRun: true}),
        ])
    })

    it('a check that fails is told once, until a check succeeds', async () => {
        const inputs = new DevnetRoundInputs(devnet)
        let broken = true
        const flaky: RoundInputSource = {
            scorerPass: (era, chain) =>
                broken ? Promise.reject(new Error('the scorer tables are unreadable')) : inputs.scorerPass(era, chain),
            targetValidity: stashes => inputs.targetValidity(stashes),
        }
        const nominator = nominatorFor([account('alice-via-bob', '//Bob', 'proxy', address('Alice'))], flaky, {dryRun: true})
        const failed = {kind: 'nominatorFailed', error: 'check failed: the scorer tables are unreadable'}
        await expect(nominator.check()).rejects.toThrow('the scorer tables are unreadable')
        await expect(nominator.check()).rejects.toThrow('the scorer tables are unreadable')
        expect(await notified()).toEqual([failed])
        broken = false
        await nominator.check()
        broken = true
        await expect(nominator.check()).rejects.toThrow('the scorer tables are unreadable')
        expect(await notified()).toEqual([failed])
    })

    it('the account status is written for the status view', async () => {
        const [status] = await rows('nominator_status')
        expect(status).toMatchObject({id: address('Alice'), account: 'alice-via-bob', signer: address('Bob'), mode: 'proxy'})
        expect(['Nominated', 'Ready to Nominate']).toContain(status.state)
        expect(status.current_targets).toEqual(await chainTargets(address('Alice')))
    })

    it('no seed appears in a log line, an error or a stored row', async () => {
        expect(() => signingAccounts([account('broken', 'secret words that are no mnemonic at all', 'direct')], 0)).toThrow(
            /nominator\.accounts\.0 \(broken\): the seed from test broken is not a valid mnemonic/,
        )
        try {
            signingAccounts([account('broken', 'secret words that are no mnemonic at all', 'direct')], 0)
        } catch (e) {
            expect(String((e as Error).message)).not.toContain('mnemonic at all')
        }
        const stored = JSON.stringify(
            await Promise.all(
                ['nomination_round', 'nomination', 'proxy_announcement', 'nominator_extrinsic', 'nominator_status'].map(rows),
            ),
        )
        for (const seed of ['//Alice', '//Bob', '//Dave']) {
            expect(logLines.filter(l => l.includes(seed))).toEqual([])
            expect(stored).not.toContain(seed)
            expect(sentBodies.filter(b => b.includes(seed))).toEqual([])
        }
        expect(sentBodies.length).toBeGreaterThan(5)
        expect(notifyLog.lines).toEqual([])
        expect(logLines.length).toBeGreaterThan(5)
    })
})

describe('a time-delayed proxy (//Charlie for //Alice)', () => {
    const delayed = () => [account('alice-via-charlie', '//Charlie', 'delayedProxy', address('Alice'))]

    it('announces in the round, waits for the delay, then executes once after a restart, re-validated', async () => {
        for (let i = 0; i < 3; i++) await nextEra()
        const inputs = new DevnetRoundInputs(devnet)
        const report = await nominatorFor(delayed(), inputs).check()
        expect(report.decision.gate.kind).toBe('start')
        const id = `${report.roundId}:${address('Alice')}`
        const announced = (await rows('proxy_announcement')).find(a => a.id === id)
        expect(announced).toMatchObject({status: 'announced', signer: address('Charlie')})
        expect((await rows('nomination')).find(n => n.id === id)).toMatchObject({status: 'announced', finalized: false})
        expect(report.announcements.map(a => a.decision.action)).toEqual(['wait'])
        const [onChain]: any = await chain.api.query.proxy.announcements(address('Charlie'))
        expect(onChain.map((a: any) => a.callHash.toHex())).toEqual([announced.call_hash])
        // Before the delay: it waits.
        const early = await nominatorFor(delayed(), inputs).check()
        expect(early.announcements.map(a => a.decision.action)).toEqual(['wait'])
        await devnet.produceBlocks(devnet.spec.proxyDelayBlocks + 1)
        // A new process (a restart between announce and execute) executes it, once.
        const restarted = nominatorFor(delayed(), inputs)
        const executed = await restarted.check()
        expect(executed.announcements.map(a => a.decision.action)).toEqual(['execute'])
        expect((await rows('proxy_announcement')).find(a => a.id === id).status).toBe('executed')
        const nomination = (await rows('nomination')).find(n => n.id === id)
        expect(nomination).toMatchObject({status: 'done', finalized: true})
        expect(await chainTargets(address('Alice'))).toEqual(nomination.targets)
        await restarted.check()
        const executions = (await rows('nominator_extrinsic')).filter(e => e.purpose === 'announcements')
        expect(executions.length).toBe(1)
        // Told once (the check after it sends nothing), with the block it ran in.
        const events = await notified()
        expect(events.map(e => e.kind)).toEqual(['roundDecided', 'announcementExecuted', 'roundLanded'])
        expect(events[1]).toEqual({
            kind: 'announcementExecuted',
            account: 'alice-via-charlie',
            callHash: announced.call_hash,
            blockNumber: (await rows('proxy_announcement')).find(a => a.id === id).executed_block,
        })
        expect(events[2]).toMatchObject({kind: 'roundLanded', era: Number(report.roundId), blockNumber: nomination.block_number})
    })

    it('removes the announcement when a target turns invalid before execution', async () => {
        for (let i = 0; i < 3; i++) await nextEra()
        const inputs = new DevnetRoundInputs(devnet)
        const before = await chainTargets(address('Alice'))
        const report = await nominatorFor(delayed(), inputs).check()
        const id = `${report.roundId}:${address('Alice')}`
        const announcement = (await rows('proxy_announcement')).find(a => a.id === id)
        expect(announcement.status).toBe('announced')
        inputs.invalid.add(announcement.targets[0])
        await devnet.produceBlocks(devnet.spec.proxyDelayBlocks + 1)
        const removed = await nominatorFor(delayed(), inputs).check()
        expect(removed.announcements.map(a => a.decision.action)).toEqual(['remove'])
        const after = (await rows('proxy_announcement')).find(a => a.id === id)
        expect(after.status).toBe('removed')
        expect(after.reason).toContain(announcement.targets[0])
        expect((await rows('nomination')).find(n => n.id === id).status).toBe('cancelled')
        const [onChain]: any = await chain.api.query.proxy.announcements(address('Charlie'))
        expect(onChain.length).toBe(0)
        expect(await chainTargets(address('Alice'))).toEqual(before)
        const [, cancelled] = await notified()
        expect(cancelled).toEqual({
            kind: 'announcementCancelled',
            account: 'alice-via-charlie',
            callHash: announcement.call_hash,
            reason: after.reason,
        })
        expect(after.reason).toBe(`targets no longer valid: ${announcement.targets[0]}`)
    })
})
