/**
 * The three processors against the devnet's current layout (relay Polkadot 2000000, Asset Hub statemint
 * 2000000 → 2000002 → 2003000, People 1003003 → 1005001 → 2000000), one database: staking-async facts
 * from Asset Hub and identities from People equal what the devnet produced, across the upgrades. A second
 * People processor starting at a later block (BLOCK_FROM) copies the identities held at that block.
 */
import {RpcClient} from '@subsquid/rpc-client'
import {Runtime} from '@subsquid/substrate-runtime'
import pg from 'pg'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {pgClientConfig} from '../db/connection'
import {applyMigrations} from '../db/migrate'
import {startDevnet, type Devnet} from '../devnet'
import type {FactEvent} from '../devnet/scenario/facts'
import {useTestDatabase} from '../test/vitest/database'
import {lastIdentityEvents, storedIdentityRows, withoutBlock, worldIdentitiesAt, worldIdentityRows} from '../test/vitest/world-identities'
import {ChainLayer} from './chain-layer'
import {startProcessorChild} from './processor-child'
import {relayMapping} from './relay/mapping'
import {ReceivedValidatorSetMismatchError, readReceivedSessionKeys} from './staking/validator-set-reader'

const db = useTestDatabase('squid_current')
const fromDb = useTestDatabase('squid_current_from')
/** After People's upgrade to 2000000 (block 30) and an era's identity change, before the next. */
const PEOPLE_FROM_BLOCK = 35
let devnet: Devnet
let client: pg.Client
let fromClient: pg.Client
let indexedTo: number
let factsOn: (chain: string, name: string) => FactEvent[]

beforeAll(async () => {
    devnet = await startDevnet({scenario: 'current', seed: 11, port: 0, blockTimeMs: 0, finalityLagBlocks: 2})
    await devnet.produceBlocks(66)
    indexedTo = devnet.finalized().number
    await applyMigrations(db.settings)
    const layers: [ChainLayer, string][] = [
        [ChainLayer.relay, 'relay'],
        [ChainLayer.assetHub, 'assetHub'],
        [ChainLayer.people, 'people'],
    ]
    // One at a time: they share the account table, as one squid's processors do.
    for (const [layer, role] of layers) {
        const endpoint = devnet.endpoints.find(e => e.role === role)!
        const run = startProcessorChild({layer, db: db.settings, rpcUrl: endpoint.httpUrl, toBlock: indexedTo})
        const code = await run.exited
        if (code !== 0) throw new Error(`${layer} processor exited with ${code}:\n${run.log().slice(-4000)}`)
    }
    await applyMigrations(fromDb.settings)
    const people = devnet.endpoints.find(e => e.role === 'people')!
    const late = startProcessorChild({
        layer: 'people',
        db: fromDb.settings,
        rpcUrl: people.httpUrl,
        fromBlock: PEOPLE_FROM_BLOCK,
        toBlock: indexedTo,
    })
    const lateCode = await late.exited
    if (lateCode !== 0)
        throw new Error(`people processor from block ${PEOPLE_FROM_BLOCK} exited with ${lateCode}:\n${late.log().slice(-4000)}`)
    client = new pg.Client(pgClientConfig(db.settings))
    await client.connect()
    fromClient = new pg.Client(pgClientConfig(fromDb.settings))
    await fromClient.connect()
    const facts = devnet.facts()
    factsOn = (chain, name) => (facts.events[name] ?? []).filter(e => e.chain === chain && e.block <= indexedTo)
})

afterAll(async () => {
    await client?.end()
    await fromClient?.end()
    await devnet?.stop()
})

const q = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows
const field = (e: FactEvent, k: string) => e.fields[k] as never
const peopleIdentityEvents = (from: number, to: number) => lastIdentityEvents(devnet.facts(), 'people', from, to)

describe('processors on the current layout', () => {
    it("keeps each processor's progress in its own state schema", async () => {
        for (const schema of ['squid_processor', 'squid_asset_hub', 'squid_people']) {
            expect((await q(`SELECT height FROM ${schema}.status`))[0].height, schema).toBe(indexedTo)
        }
    })

    it('closes Asset Hub eras with era points read from storage and their exposures', async () => {
        const paid = factsOn('assetHub', 'Staking.EraPaid')
        expect(paid.length).toBeGreaterThanOrEqual(2)
        const eras = await q(`SELECT index, end_block, total_points, chain FROM era WHERE end_block IS NOT NULL ORDER BY index`)
        expect(eras.map(e => [e.index, e.end_block, e.chain])).toEqual(paid.map(e => [field(e, 'eraIndex'), e.block, 'assetHub']))
        const world = devnet.chain.world
        for (const e of eras) {
            const truth = world.eras.get(e.index)!
            expect(e.total_points, `era ${e.index}`).toBe(truth.totalPoints)
            const rows = await q('SELECT validator_id, points, total_exposure_planck FROM era_validator WHERE era = $1 AND active', [
                e.index,
            ])
            expect(rows.map(r => r.validator_id).sort()).toEqual(truth.exposures.map(x => x.validator).sort())
            for (const r of rows) {
                const x = truth.exposures.find(x => x.validator === r.validator_id)!
                expect([r.points, BigInt(r.total_exposure_planck)]).toEqual([truth.points.get(r.validator_id) ?? 0, x.totalPlanck])
            }
            const edges = Number((await q('SELECT count(*) AS n FROM exposure WHERE era = $1', [e.index]))[0].n)
            expect(edges).toBe(truth.exposures.reduce((n, x) => n + x.others.length, 0))
        }
    })

    it('records Asset Hub payouts (with pages) and rewards linked to them, across 2000000 → 2003000', async () => {
        const started = factsOn('assetHub', 'Staking.PayoutStarted')
        expect(started.length).toBeGreaterThan(0)
        const payouts = await q('SELECT block_number, era, validator_id, page, chain FROM payout')
        expect(payouts.map(p => `${p.block_number}/${p.era}/${p.validator_id}/${p.page}/${p.chain}`).sort()).toEqual(
            started.map(e => `${e.block}/${field(e, 'eraIndex')}/${field(e, 'validatorStash')}/${field(e, 'page')}/assetHub`).sort(),
        )
        const rewarded = factsOn('assetHub', 'Staking.Rewarded')
        const rewards = await q('SELECT block_number, stash_id, amount_planck, payout_id FROM reward')
        expect(rewards.map(r => `${r.block_number}/${r.stash_id}/${r.amount_planck}`).sort()).toEqual(
            rewarded.map(e => `${e.block}/${field(e, 'stash')}/${field(e, 'amount')}`).sort(),
        )
        expect(rewards.filter(r => r.payout_id === null)).toEqual([])
        expect(Math.max(...rewards.map(r => r.block_number))).toBeGreaterThan(40)
    })

    it('records Asset Hub offences and sessions, and relay sessions', async () => {
        const reported = factsOn('assetHub', 'Staking.OffenceReported')
        expect(reported.length).toBeGreaterThan(0)
        const offences = await q(`SELECT block_number, validator_id, era FROM offence WHERE chain = 'assetHub'`)
        expect(offences.map(o => `${o.block_number}/${o.validator_id}/${o.era}`).sort()).toEqual(
            reported.map(e => `${e.block}/${field(e, 'validator')}/${field(e, 'offenceEra')}`).sort(),
        )
        const relayOffences = factsOn('relay', 'Offences.Offence').length
        expect(Number((await q(`SELECT count(*) AS n FROM offence WHERE chain = 'relay'`))[0].n)).toBe(relayOffences)
        // Each chain's report of a session start is its own row: neither overwrites the other.
        const sessions = [
            ...factsOn('assetHub', 'Staking.SessionRotated').map(e => `assetHub-${field(e, 'startingSession')}`),
            ...factsOn('relay', 'Session.NewSession').map(e => `relay-${field(e, 'sessionIndex')}`),
        ]
        expect((await q('SELECT id FROM session')).map(r => r.id).sort()).toEqual(sessions.sort())
    })

    it('snapshots relay session keys (with BEEFY) of every validator, waiting ones too, as each validator set the relay received from Asset Hub starts, keyed by its era', async () => {
        const received = factsOn('relay', 'StakingAhClient.ValidatorSetReceived')
        expect(received.length).toBeGreaterThanOrEqual(2)
        const eras = devnet.facts().eras
        const world = devnet.chain.world
        // Polkadot 2000000's SessionKeys (no ImOnline key any more).
        const keyNames = ['authorityDiscovery', 'babe', 'beefy', 'grandpa', 'paraAssignment', 'paraValidator']
        for (const e of received) {
            const era = field(e, 'id') as number
            const validators = eras.find(x => x.index === era)!.validators
            expect(validators.length).toBe(field(e, 'newValidatorSetCount'))
            const rows = await q(
                'SELECT id, validator_id, keys, beefy, block_number FROM session_keys WHERE era = $1 ORDER BY validator_id',
                [era],
            )
            expect(
                rows.map(r => [r.id, r.validator_id, r.beefy, r.block_number]),
                `era ${era}`,
            ).toEqual([...world.validators.keys()].sort().map(v => [`${era}-${v}`, v, world.validators.get(v)!.sessionKeys.beefy, e.block]))
            expect(validators.length, `era ${era}: some validators wait`).toBeLessThan(world.validators.size)
            for (const r of rows) {
                const truth = world.validators.get(r.validator_id)!.sessionKeys as unknown as Record<string, string>
                expect(r.keys).toEqual(Object.fromEntries(keyNames.map(k => [k, truth[k]])))
            }
        }
        expect((await q('SELECT DISTINCT era FROM session_keys ORDER BY era')).map(r => r.era)).toEqual(received.map(e => field(e, 'id')))
        // Some validators run the dummy BEEFY key ("beef…"), the rest a real 33-byte one: both are kept as set.
        const beefy = (await q('SELECT beefy FROM session_keys')).map(r => r.beefy as string)
        expect(beefy.some(b => b.startsWith('0x62656566'))).toBe(true)
        expect(beefy.some(b => b.startsWith('0x02'))).toBe(true)
    })

    it("snapshots every validator intention (Staking.Validators) at the era's end on Asset Hub: elected and waiting, with prefs", async () => {
        const [{era, end_block}] = await q(
            `SELECT era, (SELECT end_block FROM era WHERE index = v.era AND chain = 'assetHub') AS end_block
            FROM validator_intention v ORDER BY era DESC LIMIT 1`,
        )
        const rows = await q(
            'SELECT validator_id, commission_perbill, blocked, self_stake_planck, block_number, chain FROM validator_intention WHERE era = $1',
            [era],
        )
        // Prefs and intentions change only as eras end: the world at the head is the world at the last era's end.
        expect(devnet.facts().eras.some(e => e.startBlock > end_block && e.startBlock <= devnet.head().number)).toBe(false)
        const world = devnet.chain.world
        const intending = [...world.validators.values()].filter(v => v.active)
        expect(new Map(rows.map(r => [r.validator_id, [r.commission_perbill, r.blocked, r.block_number, r.chain]]))).toEqual(
            new Map(intending.map(v => [v.stash, [v.commissionPerbill, v.blocked, end_block, 'assetHub']])),
        )
        expect(rows.every(r => BigInt(r.self_stake_planck) > 0n)).toBe(true)
        const elected = new Set(devnet.facts().eras.find(e => e.index === era + 1)!.validators)
        expect(intending.filter(v => !elected.has(v.stash)).length, 'waiting validators').toBeGreaterThan(0)
    })

    it('refuses a received validator set whose queued era is not the era its event announced', async () => {
        const received = factsOn('relay', 'StakingAhClient.ValidatorSetReceived')[0]
        const era = field(received, 'id') as number
        const rpc = new RpcClient({url: devnet.endpoints.find(e => e.role === 'relay')!.httpUrl})
        try {
            // The block as the processor reads storage at it: real metadata from the node, storage over RPC.
            const hash: string = await rpc.call('chain_getBlockHash', [received.block])
            const version = await rpc.call('state_getRuntimeVersion', [hash])
            const runtime = new Runtime(version, await rpc.call('state_getMetadata', [hash]), undefined, rpc)
            const block = {_runtime: runtime, hash, height: received.block, specName: version.specName, specVersion: version.specVersion}
            const defs = relayMapping.staking!.storage
            expect((await readReceivedSessionKeys(defs, block, era)).length).toBe(devnet.chain.world.validators.size)
            // As on a runtime whose event and storage disagree: the processor stops with this error instead of guessing.
            const mismatched = readReceivedSessionKeys(defs, block, era + 1)
            await expect(mismatched).rejects.toBeInstanceOf(ReceivedValidatorSetMismatchError)
            await expect(mismatched).rejects.toThrow(
                `StakingAhClient.ValidatorSetReceived at block ${received.block} announced the set of era ${era + 1}, but StakingAhClient.ValidatorSet holds era ${era}'s`,
            )
        } finally {
            rpc.close()
        }
    })

    it('stores People-chain identities across 1003003 → 1005001 → 2000000 with their change history', async () => {
        const set = factsOn('people', 'Identity.IdentitySet')
        const judged = factsOn('people', 'Identity.JudgementGiven')
        expect(set.length).toBeGreaterThan(0)
        expect(set.some(e => e.block > 30)).toBe(true)
        const changes = await q(`SELECT account_id, event, block_number, chain FROM identity_change`)
        expect(changes.map(c => `${c.block_number}/${c.event}/${c.account_id}/${c.chain}`).sort()).toEqual(
            [
                ...set.map(e => `${e.block}/IdentitySet/${field(e, 'who')}/people`),
                ...judged.map(e => `${e.block}/JudgementGiven/${field(e, 'target')}/people`),
            ].sort(),
        )
        const world = devnet.chain.world
        const touched = [...new Set(set.map(e => field(e, 'who') as string))]
        for (const who of touched) {
            const [row] = await q('SELECT display, verified FROM identity WHERE id = $1', [who])
            const truth = world.identities.get(who)!
            expect([row.display, row.verified]).toEqual([
                truth.display,
                truth.judgements.some(j => j.judgement === 'Reasonable' || j.judgement === 'KnownGood'),
            ])
        }
    })

    it('stores every identity the People chain holds, also those no event named, with verified flag, parent and root', async () => {
        const expected = worldIdentitiesAt(devnet.chain.world, devnet.facts(), 'people', indexedTo)
        const stored = await storedIdentityRows(client, 'people')
        expect([...stored.keys()].sort()).toEqual([...worldIdentityRows(devnet.chain.world).keys()].sort())
        for (const [id, row] of expected) expect(withoutBlock(stored.get(id)), id).toEqual(row)
        // Most identities (all sub-identities) are set at genesis and never change: only the copy at the first block has them.
        const named = peopleIdentityEvents(0, indexedTo)
        const neverNamed = [...expected.keys()].filter(id => !named.has(id))
        expect(neverNamed.length).toBeGreaterThan(named.size)
        expect([...expected.values()].filter(r => r.parentId !== null).length).toBeGreaterThan(0)
        for (const id of neverNamed) expect(stored.get(id)!.updatedBlock, id).toBe(0)
        // Each processor with an identity mapping copies once, at its first block; the relay (2000000) has no Identity pallet.
        expect(await q('SELECT id, block_number FROM identity_import ORDER BY id')).toEqual([
            {id: 'people', block_number: 0},
            {id: 'relay', block_number: 0},
        ])
        expect((await q(`SELECT count(*)::int AS n FROM identity WHERE chain = 'relay'`))[0].n).toBe(0)
    })

    it('copies the identities held at BLOCK_FROM when a processor starts later, then follows events', async () => {
        const before = peopleIdentityEvents(0, PEOPLE_FROM_BLOCK - 1)
        const after = peopleIdentityEvents(PEOPLE_FROM_BLOCK, indexedTo)
        expect(before.size).toBeGreaterThan(0)
        expect(after.size).toBeGreaterThan(0)
        expect((await fromClient.query('SELECT id, block_number FROM identity_import')).rows).toEqual([
            {id: 'people', block_number: PEOPLE_FROM_BLOCK},
        ])
        const stored = await storedIdentityRows(fromClient, 'people')
        const full = await storedIdentityRows(client, 'people')
        expect([...stored.keys()].sort()).toEqual([...full.keys()].sort())
        for (const [id, row] of worldIdentitiesAt(devnet.chain.world, devnet.facts(), 'people', indexedTo))
            expect(withoutBlock(stored.get(id)), id).toEqual(row)
        // Copied rows carry the start block (changes before it included); later events update theirs.
        for (const [id, row] of stored) expect(row.updatedBlock, id).toBe(after.get(id) ?? PEOPLE_FROM_BLOCK)
        const changes = (await fromClient.query('SELECT account_id, block_number FROM identity_change')).rows
        expect(changes.every(c => c.block_number >= PEOPLE_FROM_BLOCK)).toBe(true)
        expect(new Set(changes.map(c => c.account_id))).toEqual(new Set(after.keys()))
    })
})
