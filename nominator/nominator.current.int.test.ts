/**
 * The whole path on the devnet's current layout (relay, Asset Hub running staking, People): the three processors
 * index it, the telemetry follower follows its feed, the scorer's real pass and era scoring write their tables,
 * the nominator reads its round from them
 * (ScorerTables) and nominates on Asset Hub through a Staking proxy, and the squid's exposures of the next era
 * show //Alice behind the round's targets. Then the adapter's reading of the scorer's records in detail: which
 * era's scores a round waits for, candidates still valid now with their node's provider and country, the recorded
 * seed, and each target's validity.
 */
import {createHash} from 'crypto'
import path from 'path'
import pg from 'pg'
import type {DataSource} from 'typeorm'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {createLogger, Logger} from '@subsquid/logger'
import {encodeAddress} from '@polkadot/util-crypto'
import {loadConfig, type Config} from '../config/load'
import {PROJECT_DIR} from '../config/project-dir'
import {Secret} from '../config/secret'
import {pgClientConfig} from '../db/connection'
import {applyMigrations} from '../db/migrate'
import {startDevnet, type Devnet} from '../devnet/index'
import type {CandidateList} from '../scorer/candidates/candidate'
import {syncCandidates} from '../scorer/candidates/candidate-sync'
import {latestCompleteEra} from '../scorer/complete-eras'
import {runPass} from '../scorer/pass'
import {scoreEra} from '../scorer/score-era'
import {enabledChecks} from '../scorer/validity/checks'
import {CHAIN_LAYERS} from '../squid/chain-layer'
import {startProcessorChild} from '../squid/processor-child'
import {indexCandidates} from '../telemetry/candidate-match'
import {readCandidates} from '../telemetry/candidates-file'
import {OfflineIpLocator} from '../telemetry/ip-location'
import {TelemetryFollower} from '../telemetry/telemetry-follower'
import {TelemetryStore} from '../telemetry/telemetry-store'
import {recordHeadsAtIndexed} from '../test/vitest/chain-heads'
import type {NotifyEvent} from '../notify/events'
import {createNotifier, type Notifier} from '../notify/notifier'
import {worldCandidateList} from '../scorer/validity/generated-world'
import {useTestDatabase} from '../test/vitest/database'
import {finalizingProducer} from '../test/vitest/finalizing-producer'
import {modelDataSource} from '../test/vitest/model-data-source'
import {RecordingLog, ScriptedServer, stopServers} from '../test/vitest/notify-servers'
import {waitFor} from '../test/vitest/wait-for'
import {connectStakingChain, type StakingChain} from './chain/staking-chain'
import {readChainSnapshot} from './chain/round-chain-state'
import {ScorerTables} from './inputs/scorer-tables'
import {Nominator} from './nominator'
import {rankCandidates} from './selection/select'
import {signingAccounts} from './signing-accounts'
import {NominatorStore} from './store/nominator-store'

const db = useTestDatabase('nominator_current')
const base = loadConfig(path.join(PROJECT_DIR, 'config', 'devnet.json'), {})
/** The checks the squid's rows decide (no telemetry runs here): the verdicts come from chain facts only. */
const CHAIN_CHECKS = ['validateIntention', 'commission', 'blocked', 'identity']
const logLines: string[] = []
const log = new Logger(rec => logLines.push(rec.msg ?? ''), 'nominator-current-test')
let devnet: Devnet
let pool: pg.Pool
let ds: DataSource
let chain: StakingChain
let producer: {stop(): void}
let follower: TelemetryFollower
let list: CandidateList
let inputs: ScorerTables
/** The era the round is for, and the era whose scores it ranks by. */
let roundEra: number
let scoredEra: number
/** A local webhook that the nominator's and the scorer's notifications go to. */
let hook: ScriptedServer
let notifier: Notifier
const notifyLog = new RecordingLog()

/** The events the webhook received since the last call. */
async function notified(): Promise<NotifyEvent[]> {
    expect(await notifier.flush(20_000)).toBe(0)
    const events = hook.messages.map(m => m.event)
    hook.requests.splice(0)
    expect(notifyLog.lines).toEqual([])
    return events
}

const address = (name: string) => devnet.accounts.find(a => a.name === name)!.address
const hex = (name: string) => devnet.accounts.find(a => a.name === name)!.publicKey
const rows = async (sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows

/** Indexes every chain up to the finalized head, one processor after the other, as far as they had not. */
async function indexToFinalized(): Promise<void> {
    const toBlock = devnet.finalized().number
    for (const layer of CHAIN_LAYERS) {
        const endpoint = devnet.endpoints.find(e => e.role === layer)!
        const run = startProcessorChild({layer, db: db.settings, rpcUrl: endpoint.httpUrl, toBlock})
        const code = await run.exited
        if (code !== 0) throw new Error(`${layer} processor exited with ${code}:\n${run.log().slice(-4000)}`)
    }
}

/** Produces blocks until `era` is active and its first block final. */
async function untilEra(era: number): Promise<void> {
    while (devnet.chain.world.activeEra < era) await devnet.produceBlocks(1)
    const first = devnet.head().number
    while (devnet.finalized().number < first) await devnet.produceBlocks(1)
}

/** A validity pass over the chain checks, with the config's thresholds changed by `change`. */
async function validityPass(change: (v: Config['validity']) => void = () => {}, nowMs = Date.now(), notify?: (e: NotifyEvent) => void) {
    const validity = structuredClone(base.validity)
    change(validity)
    await recordHeadsAtIndexed(pool)
    return runPass(pool, {
        checks: enabledChecks({...base, validity}).filter(c => CHAIN_CHECKS.includes(c.name)),
        trigger: 'schedule',
        nowMs,
        keepLastKnownMs: 0,
        uptimeWindowMs: validity.accumulatedOffline.windowMs,
        slashEras: validity.noSlash.eras,
        maxSquidHeadAgeMs: validity.maxSquidHeadAgeMs,
        notify,
    })
}

beforeAll(async () => {
    devnet = await startDevnet({scenario: 'current', seed: 5, port: 0, blockTimeMs: 0, finalityLagBlocks: 2})
    await untilEra(3)
    await applyMigrations(db.settings)
    await indexToFinalized()
    pool = new pg.Pool(pgClientConfig(db.settings))
    ds = modelDataSource(db.settings)
    await ds.initialize()
    // Every validator of the world is a programme candidate.
    list = worldCandidateList(
        [...devnet.chain.world.validators.values()].map(v => ({name: v.nodeName, hex: v.stash})),
        'devnet',
    )
    const client = await pool.connect()
    await syncCandidates(client, list, 'devnet', Date.now())
    client.release()
    // The telemetry follower on the devnet's feed: the list's candidates get their node, and its location.
    follower = new TelemetryFollower({
        feedUrl: devnet.feedUrl,
        chain: devnet.chain.genesisHash,
        offlineGraceMs: base.telemetry.offlineGraceMs,
        reconnectMinDelayMs: 20,
        reconnectMaxDelayMs: 200,
        silenceTimeoutMs: 10_000,
        flushIntervalMs: 50,
        locationRefreshAfterMs: base.telemetry.location.refreshAfterMs,
        candidates: indexCandidates(readCandidates(base.candidatesFile)),
        locator: new OfflineIpLocator(),
        store: new TelemetryStore(pool),
        log: createLogger('test:telemetry'),
    })
    await follower.start()
    // A node the scenario took off the feed before the follower started is never seen, so has no location.
    const head = devnet.chain.head.number
    const listed = [...devnet.chain.world.validators.values()].filter(
        v => v.isCandidate && (v.nodeOfflineFromBlock === undefined || head < v.nodeOfflineFromBlock),
    ).length
    await waitFor(
        'a location for every candidate node',
        async () =>
            (
                await rows(
                    'SELECT count(*)::int AS n FROM telemetry_node t JOIN telemetry_node_location l ON l.node_id = t.id WHERE t.candidate_stash IS NOT NULL',
                )
            )[0].n,
        n => n === listed,
        60_000,
    )
    await validityPass()
    scoredEra = (await latestCompleteEra(ds.manager))!
    roundEra = scoredEra + 1
    await scoreEra(ds.manager, scoredEra, base)
    inputs = new ScorerTables(pool, 0)
    chain = await connectStakingChain(
        devnet.endpoints.map(e => e.url),
        log,
    )
    producer = finalizingProducer(devnet, devnet.chainOf('assetHub').pool)
    hook = await new ScriptedServer().start()
    notifier = createNotifier(
        {...base, notify: {...base.notify, minRetryDelayMs: 10, webhook: {url: new Secret(hook.url, 'test')}}},
        notifyLog,
    )
}, 300_000)

afterAll(async () => {
    notifier?.close()
    await stopServers()
    producer?.stop()
    await follower?.stop()
    await chain?.disconnect()
    await ds?.destroy()
    await pool?.end()
    await devnet?.stop()
})

describe('a round on Asset Hub from the scorer’s tables', () => {
    it('runs on the chain whose metadata runs staking, in the era after the one scored', async () => {
        expect(chain.url).toBe(devnet.endpoints.find(e => e.role === 'assetHub')!.url)
        expect(devnet.chain.world.activeEra).toBe(roundEra)
        expect(scoredEra).toBe(roundEra - 1)
    })

    it('lands: //Bob nominates for //Alice the best-scored valid candidates, recorded done, on chain in a finalized block', async () => {
        const accounts = [{name: 'alice-via-bob', seed: new Secret('//Bob', 'test'), mode: 'proxy' as const, real: address('Alice')}]
        const nominator = new Nominator({
            api: chain.api,
            url: chain.url,
            store: new NominatorStore(pool),
            inputs,
            signers: signingAccounts(accounts, 0),
            config: {...base, nominator: {...base.nominator, accounts}},
            log,
            notify: event => notifier.notify(event),
        })
        const report = await nominator.check()
        expect(report.decision.gate).toMatchObject({kind: 'start'})
        const [round] = await rows('SELECT * FROM nomination_round')
        expect(round).toMatchObject({id: String(roundEra), status: 'done'})
        const [nomination] = await rows('SELECT * FROM nomination')
        expect(nomination).toMatchObject({stash: address('Alice'), signer: address('Bob'), status: 'done', finalized: true})
        // The targets are the ranking's head: valid in the pass, by score total.
        const pass = (await inputs.scorerPass(roundEra, await readChainSnapshot(chain.api, [], 0, 16)))!
        const ranking = rankCandidates(pass.candidates).map(c => c.stash)
        expect(nomination.targets.length).toBeGreaterThan(1)
        expect(ranking.slice(0, nomination.targets.length)).toEqual(nomination.targets)
        const onChain: any = await chain.api.query.staking.nominators(address('Alice'))
        // staking-async keeps targets in account order, so the recorded ranking order is compared as a set.
        expect(
            onChain
                .unwrap()
                .targets.map((t: any) => encodeAddress(t.toU8a(), 0))
                .sort(),
        ).toEqual([...nomination.targets].sort())
        expect(round.seed).toBe(pass.seed)
        // One line says so, for whoever watches the logs.
        expect(logLines.filter(l => l.includes('round landed'))).toEqual([
            `first round landed: era ${roundEra}, alice-via-bob nominates ${nomination.targets.length} target(s), finalized in block #${nomination.block_number}`,
        ])
        // And the programme's staff are told, each target by its name in the candidate list.
        const nameOf = new Map(list.candidates.map(c => [c.stash, c.name]))
        const accountTargets = [
            {
                account: 'alice-via-bob',
                address: address('Alice'),
                targets: nomination.targets.map((stash: string) => ({stash, name: nameOf.get(stash)})),
            },
        ]
        expect(accountTargets[0].targets.every(t => t.name)).toBe(true)
        expect(await notified()).toEqual([
            {kind: 'roundDecided', era: roundEra, inputHash: round.input_hash, dryRun: false, accounts: accountTargets},
            {
                kind: 'roundLanded',
                era: roundEra,
                inputHash: round.input_hash,
                blockNumber: nomination.block_number,
                accounts: accountTargets,
            },
        ])
    })

    it("the squid's exposures of the next era show //Alice behind the round's targets only", async () => {
        const [nomination] = await rows('SELECT * FROM nomination')
        await untilEra(roundEra + 2)
        await indexToFinalized()
        const backed: string[] = (
            await rows('SELECT validator_id FROM exposure WHERE era = $1 AND nominator_id = $2', [roundEra + 1, hex('Alice')])
        ).map(r => encodeAddress(r.validator_id, 0))
        expect(backed.length).toBeGreaterThan(0)
        for (const v of backed) expect(nomination.targets).toContain(v)
    })
})

describe("ScorerTables: the nominator's reading of the scorer's records", () => {
    it('has no pass for a round whose previous era the scorer has not scored, and does once it has', async () => {
        const snapshot = await readChainSnapshot(chain.api, [], 0, 16)
        const next = roundEra + 2
        expect(devnet.chain.world.activeEra).toBe(next)
        expect(await inputs.scorerPass(next, snapshot)).toBeNull()
        await validityPass()
        await scoreEra(ds.manager, next - 1, base)
        expect((await inputs.scorerPass(next, snapshot))?.era).toBe(next)
    })

    it('gives the candidates scored in the era and valid now, with their totals, identity roots, node provider and country, and exposures', async () => {
        const snapshot = await readChainSnapshot(chain.api, [], 0, 16)
        const pass = (await inputs.scorerPass(roundEra, snapshot))!
        const scored = await rows(
            `SELECT s.stash, s.total_nanopoints, c.verdict, c.identity_root FROM score_snapshot s JOIN candidate c ON c.id = s.stash WHERE s.era = $1`,
            [scoredEra],
        )
        const world = devnet.chain.world
        const valid = scored.filter(r => r.verdict === 'valid')
        expect(valid.length).toBeGreaterThan(1)
        expect(pass.candidates.map(c => c.stash).sort()).toEqual(valid.map(r => encodeAddress(r.stash, 0)).sort())
        for (const r of valid) {
            const c = pass.candidates.find(x => x.stash === encodeAddress(r.stash, 0))!
            expect(c.scoreTotal).toBe(Number(r.total_nanopoints) / 1e9)
            expect(c.identityGroup).toBe(r.identity_root)
            // Provider and country of the feed's node named as the candidate; none for a validator off the list
            // or a node the follower never saw.
            const node = world.validators.get(r.stash)!
            const [location] = await rows(
                `SELECT l.provider, l.country FROM telemetry_node t JOIN telemetry_node_location l ON l.node_id = t.id WHERE t.name = $1`,
                [node.nodeName],
            )
            expect({provider: c.provider, country: c.country}, node.nodeName).toEqual(
                node.isCandidate && location ? {provider: location.provider, country: location.country} : {provider: null, country: null},
            )
            expect(c.elected).toBe(snapshot.electedExposureByStash.has(c.stash))
            expect(c.exposureTotalPlanck).toBe(snapshot.electedExposureByStash.get(c.stash) ?? 0n)
        }
        expect(pass.candidates.some(c => c.provider !== null && c.country !== null)).toBe(true)
        expect(pass.candidates.every(c => c.identityGroup !== null)).toBe(true)
    })

    it("records the seed each candidate's random boost was drawn from", async () => {
        const pass = (await inputs.scorerPass(roundEra, await readChainSnapshot(chain.api, [], 0, 16)))!
        const stored = await rows('SELECT stash, random_seed_hex FROM score_snapshot WHERE era = $1', [scoredEra])
        expect(pass.seed).toMatch(new RegExp(`^${scoredEra}:`))
        for (const r of stored)
            expect(createHash('sha256').update(`${pass.seed}:${r.stash}`).digest('hex'), r.stash).toBe(r.random_seed_hex)
    })

    it("gives each target's validity now: valid, invalid, unknown as verdicted; not a candidate (or removed) is invalid", async () => {
        // The scenario's data decides every candidate, so one is made unknown here, as a feed outage would leave it.
        const invalids = await rows(`SELECT id FROM candidate WHERE verdict = 'invalid' ORDER BY id LIMIT 2`)
        expect(invalids).toHaveLength(2)
        await rows(`UPDATE candidate SET verdict = 'unknown' WHERE id = $1`, [invalids[1].id])
        const valid = encodeAddress((await rows(`SELECT id FROM candidate WHERE verdict = 'valid' ORDER BY id LIMIT 1`))[0].id, 0)
        const [invalid, unknown] = invalids.map(r => encodeAddress(r.id, 0))
        const validity = await inputs.targetValidity([valid, invalid, unknown, address('Eve'), 'not an address'])
        await rows(`UPDATE candidate SET verdict = 'invalid' WHERE id = $1`, [invalids[1].id])
        expect(Object.fromEntries(validity)).toEqual({
            [valid]: 'valid',
            [invalid]: 'invalid',
            [unknown]: 'unknown',
            [address('Eve')]: 'invalid',
            'not an address': 'invalid',
        })
        // Taken off the list: removed, so no longer one to nominate.
        const client = await pool.connect()
        await syncCandidates(client, {...list, candidates: list.candidates.filter(c => c.stash !== valid)}, 'devnet', Date.now())
        client.release()
        expect((await inputs.targetValidity([valid])).get(valid)).toBe('invalid')
        expect(
            (await inputs.scorerPass(roundEra, await readChainSnapshot(chain.api, [], 0, 16)))!.candidates.map(c => c.stash),
        ).not.toContain(valid)
    })

    it('drops the candidates that turned invalid since the era was scored, and calls them invalid', async () => {
        const snapshot = await readChainSnapshot(chain.api, [], 0, 16)
        const before = (await inputs.scorerPass(roundEra, snapshot))!.candidates.map(c => c.stash)
        // No commission is allowed any more: after the hysteresis's passes, every candidate taking one turns invalid.
        const noCommission = (v: Config['validity']) => (v.commission.maxPerbill = 0)
        for (let i = 0; i < base.validity.hysteresis.default.passes; i++)
            await validityPass(noCommission, Date.now() + i, event => notifier.notify(event))
        const after = (await inputs.scorerPass(roundEra, snapshot))!.candidates.map(c => c.stash)
        const dropped = before.filter(s => !after.includes(s))
        expect(dropped.length).toBeGreaterThan(0)
        expect(after.every(s => before.includes(s))).toBe(true)
        const validity = await inputs.targetValidity(dropped)
        for (const s of dropped) expect(validity.get(s), s).toBe('invalid')
        // The passes told the staff, a pass with many turns in one message, each candidate by its name and with the
        // commission check's sentence (a candidate the scenario's chain changed may turn in the first pass already).
        const events = await notified()
        const turnedInvalid = events.flatMap(e =>
            e.kind === 'validityChanges' ? e.turnedInvalid : e.kind === 'candidateInvalid' ? [e] : [],
        )
        expect(events.filter(e => e.kind === 'validityChanges').length).toBeGreaterThan(0)
        expect(turnedInvalid.length).toBeGreaterThanOrEqual(dropped.length)
        for (const s of dropped) {
            const t = turnedInvalid.find(x => x.candidate.stash === s)!
            expect(t.candidate.name, s).toBe(list.candidates.find(c => c.stash === s)!.name)
            expect(t.checks, s).toContainEqual({
                check: 'commission',
                sentence: expect.stringMatching(/^commission .* is above the programme's 0 %/),
            })
        }
    })
})
