/**
 * The relay processor against the devnet's legacy layout (Polkadot 9420 → 1002005 at block 40): the
 * rows it writes equal what the devnet produced, and GraphQL serves the same facts.
 */
import {spawn} from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {dbEnv, pgClientConfig} from '../../db/connection'
import {freePort} from '../../db/embedded'
import {applyMigrations} from '../../db/migrate'
import {startDevnet, type Devnet} from '../../devnet'
import type {FactEvent} from '../../devnet/scenario/facts'
import {useTestDatabase} from '../../test/vitest/database'
import {waitFor} from '../../test/vitest/wait-for'
import {storedIdentityRows, withoutBlock, worldIdentitiesAt, worldIdentityRows} from '../../test/vitest/world-identities'
import {startProcessorChild} from '../processor-child'
import {PROJECT_DIR} from '../../config/project-dir'

const db = useTestDatabase('squid_relay')
const UPGRADE_BLOCK = 40
let devnet: Devnet
let client: pg.Client
let indexedTo: number
let factsUpTo: (name: string) => FactEvent[]
let processorLog: string

beforeAll(async () => {
    devnet = await startDevnet({scenario: 'legacy', seed: 7, port: 0, blockTimeMs: 0, finalityLagBlocks: 2, upgradeAtBlock: UPGRADE_BLOCK})
    await devnet.produceBlocks(100)
    indexedTo = devnet.finalized().number
    await applyMigrations(db.settings)
    const run = startProcessorChild({layer: 'relay', db: db.settings, rpcUrl: devnet.httpUrl, toBlock: indexedTo})
    const code = await run.exited
    if (code !== 0) throw new Error(`relay processor exited with ${code}:\n${run.log().slice(-4000)}`)
    processorLog = run.log()
    client = new pg.Client(pgClientConfig(db.settings))
    await client.connect()
    const facts = devnet.facts()
    factsUpTo = name => (facts.events[name] ?? []).filter(e => e.block <= indexedTo)
})

afterAll(async () => {
    await client?.end()
    await devnet?.stop()
})

const q = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows
const field = (e: FactEvent, k: string) => e.fields[k] as never

describe('relay processor on the legacy devnet', () => {
    it("writes finalized era snapshots beside the event stream, and those of the range's last batch in that batch", async () => {
        expect(processorLog).toMatch(/era \d+ ended at block \d+: read .* beside the event stream/)
        expect(processorLog).toMatch(/wrote the batch with 1 era snapshot/)
        expect(await q('SELECT * FROM pending_era_snapshot')).toEqual([])
    })

    it('closes every era the devnet paid, with its payout and the era points from storage', async () => {
        const paid = factsUpTo('Staking.EraPaid')
        expect(paid.length).toBeGreaterThanOrEqual(5)
        const eras = await q(
            'SELECT index, end_block, validator_payout_planck, total_points FROM era WHERE end_block IS NOT NULL ORDER BY index',
        )
        expect(eras.map(e => [e.index, e.end_block, BigInt(e.validator_payout_planck)])).toEqual(
            paid.map(e => [field(e, 'eraIndex'), e.block, BigInt(field(e, 'validatorPayout'))]),
        )
        const world = devnet.facts().eras
        for (const e of eras) expect(e.total_points, `era ${e.index}`).toBe(world.find(w => w.index === e.index)!.totalPoints)
    })

    it("has each era's validators with their points and exposures, before and after the upgrade", async () => {
        const world = devnet.chain.world
        const ended = (await q('SELECT index FROM era WHERE end_block IS NOT NULL')).map(r => r.index as number)
        expect(ended.some(i => world.eras.get(i)!.startBlock < UPGRADE_BLOCK)).toBe(true)
        expect(ended.some(i => world.eras.get(i)!.startBlock > UPGRADE_BLOCK)).toBe(true)
        for (const era of ended) {
            const truth = world.eras.get(era)!
            const rows = await q(
                'SELECT validator_id, points, active, own_exposure_planck, total_exposure_planck, nominator_count FROM era_validator WHERE era = $1 AND active',
                [era],
            )
            expect(rows.map(r => r.validator_id).sort(), `era ${era} active set`).toEqual(truth.exposures.map(x => x.validator).sort())
            for (const x of truth.exposures) {
                const r = rows.find(r => r.validator_id === x.validator)!
                expect([BigInt(r.total_exposure_planck), BigInt(r.own_exposure_planck), r.nominator_count, r.points]).toEqual([
                    x.totalPlanck,
                    x.ownPlanck,
                    x.others.length,
                    truth.points.get(x.validator) ?? 0,
                ])
            }
            const edges = await q('SELECT nominator_id, validator_id, amount_planck FROM exposure WHERE era = $1', [era])
            const expected = truth.exposures.flatMap(x => x.others.map(o => `${o.who}/${x.validator}/${o.valuePlanck}`)).sort()
            expect(edges.map(e => `${e.nominator_id}/${e.validator_id}/${e.amount_planck}`).sort(), `era ${era} exposures`).toEqual(
                expected,
            )
        }
    })

    it('records every payout and reward, each reward linked to its payout by PayoutStarted', async () => {
        const started = factsUpTo('Staking.PayoutStarted')
        const payouts = await q('SELECT era, validator_id, page, block_number FROM payout')
        expect(payouts.map(p => `${p.block_number}/${p.era}/${p.validator_id}`).sort()).toEqual(
            started.map(e => `${e.block}/${field(e, 'eraIndex')}/${field(e, 'validatorStash')}`).sort(),
        )
        const rewarded = factsUpTo('Staking.Rewarded')
        const rewards = await q(
            'SELECT r.stash_id, r.amount_planck, r.block_number, r.destination, r.era, r.validator_id, p.era AS payout_era FROM reward r LEFT JOIN payout p ON p.id = r.payout_id',
        )
        expect(rewards.map(r => `${r.block_number}/${r.stash_id}/${r.amount_planck}`).sort()).toEqual(
            rewarded.map(e => `${e.block}/${field(e, 'stash')}/${field(e, 'amount')}`).sort(),
        )
        expect(rewards.filter(r => r.payout_era === null)).toEqual([])
        expect(rewards.every(r => r.era === r.payout_era)).toBe(true)
        // Rewarded gained `dest` with 1002005: events of blocks after the upgrade carry it.
        expect(rewards.filter(r => r.block_number <= UPGRADE_BLOCK).every(r => r.destination === null)).toBe(true)
        expect(rewards.filter(r => r.block_number > UPGRADE_BLOCK + 1).every(r => r.destination === 'Staked')).toBe(true)
        const total = rewarded.reduce((s, e) => s + BigInt(field(e, 'amount')), 0n)
        expect(BigInt((await q('SELECT sum(amount_planck) AS s FROM reward'))[0].s)).toBe(total)
    })

    it('records offline reports per session, offences, slashes, chills, kicks and preference changes', async () => {
        const offline = factsUpTo('ImOnline.SomeOffline').flatMap(e =>
            (field(e, 'offline') as [string, unknown][]).map(([v]) => `${e.block}/${v}`),
        )
        expect(offline.length).toBeGreaterThan(0)
        expect(
            (await q('SELECT block_number, validator_id FROM offline_report')).map(r => `${r.block_number}/${r.validator_id}`).sort(),
        ).toEqual(offline.sort())
        const sessions = await q(
            'SELECT o.session, s.index AS next FROM offline_report o JOIN session s ON s.block_number = o.block_number',
        )
        expect(sessions.map(s => [s.session, s.next - 1])).toEqual(sessions.map(s => [s.next - 1, s.next - 1]))
        const count = async (table: string) => Number((await q(`SELECT count(*) AS n FROM ${table}`))[0].n)
        // Offences.Offence names no offender: one row per offender of the reports the event added, read from storage.
        const offenders = factsUpTo('Offences.Offence').flatMap(e =>
            devnet.chain.world.offenceReportsOf(field(e, 'kind'), field(e, 'timeslot')).map(r => `${e.block}/${r.offender}/${r.reportId}`),
        )
        expect(offenders.length).toBeGreaterThan(factsUpTo('Offences.Offence').length)
        expect(
            (await q('SELECT block_number, validator_id, report_id FROM offence'))
                .map(o => `${o.block_number}/${o.validator_id}/${o.report_id}`)
                .sort(),
        ).toEqual(offenders.sort())
        expect(await count('slash')).toBe(factsUpTo('Staking.Slashed').length)
        expect(await count('chill')).toBe(factsUpTo('Staking.Chilled').length)
        expect(await count('kick')).toBe(factsUpTo('Staking.Kicked').length)
        expect(await count('validator_preference')).toBe(factsUpTo('Staking.ValidatorPrefsSet').length)
        expect(await count('session')).toBe(factsUpTo('Session.NewSession').length)
    })

    it("stores validators' identities as the chain holds them, with their change history", async () => {
        const world = devnet.chain.world
        const rows = await q('SELECT id, display, verified, parent_id, sub_name, root_id FROM identity')
        expect(rows.length).toBeGreaterThan(5)
        for (const r of rows) {
            const truth = world.identities.get(r.id)
            if (truth) {
                expect(r.display, r.id).toBe(truth.display)
                expect(r.verified, r.id).toBe(truth.judgements.some(j => j.judgement === 'Reasonable' || j.judgement === 'KnownGood'))
                expect(r.root_id).toBe(r.parent_id ?? r.id)
            } else {
                expect(r.parent_id, `${r.id} has neither an identity nor a parent`).not.toBeNull()
            }
        }
        const changes = await q('SELECT account_id, event, block_number FROM identity_change')
        const set = factsUpTo('Identity.IdentitySet').map(e => `${e.block}/IdentitySet/${field(e, 'who')}`)
        const judged = factsUpTo('Identity.JudgementGiven').map(e => `${e.block}/JudgementGiven/${field(e, 'target')}`)
        expect(changes.map(c => `${c.block_number}/${c.event}/${c.account_id}`).sort()).toEqual([...set, ...judged].sort())
    })

    it('stores every identity the relay holds, also those neither an event nor an era named, copied at its first block', async () => {
        const stored = await storedIdentityRows(client, 'relay')
        expect([...stored.keys()].sort()).toEqual([...worldIdentityRows(devnet.chain.world).keys()].sort())
        const expected = worldIdentitiesAt(devnet.chain.world, devnet.facts(), 'all', indexedTo)
        for (const [id, row] of expected) expect(withoutBlock(stored.get(id)), id).toEqual(row)
        expect(await q('SELECT id, block_number FROM identity_import')).toEqual([{id: 'relay', block_number: 0}])
    })

    it('snapshots session keys per era, with the BEEFY key after the upgrade', async () => {
        const keys = await q('SELECT era, validator_id, keys, beefy FROM session_keys ORDER BY era')
        expect(keys.length).toBeGreaterThan(0)
        for (const k of keys.slice(-5))
            expect(k.keys).toEqual(expect.objectContaining({grandpa: expect.stringMatching(/^0x[0-9a-f]{64}$/)}))
        expect(keys.some(k => k.beefy !== null)).toBe(true)
    })

    it("stores nominator targets where they change: the rows in force in the last era are the chain's nominations", async () => {
        const eras = (await q('SELECT DISTINCT era FROM nominator_bond ORDER BY era')).map(r => r.era)
        expect(eras.length).toBeGreaterThanOrEqual(5)
        const lastEra = eras[eras.length - 1]
        const lastSnapshotBlock = (await q('SELECT end_block FROM era WHERE index = $1', [lastEra - 1]))[0].end_block
        // Nominations the world changed after the last snapshot are not in it.
        const changedAfter = new Set(
            factsUpTo('Staking.Kicked')
                .filter(e => e.block > lastSnapshotBlock)
                .map(e => field(e, 'nominator') as string),
        )
        const inForce = await q(
            `SELECT DISTINCT ON (nominator_id) nominator_id, targets, submitted_in, latest FROM nominator_targets
            WHERE era <= $1 ORDER BY nominator_id, era DESC`,
            [lastEra],
        )
        expect(inForce.every(r => r.latest)).toBe(true)
        const stored = new Map(
            inForce
                .filter(r => r.targets.length > 0 && !changedAfter.has(r.nominator_id))
                .map(r => [r.nominator_id, [...r.targets].sort()]),
        )
        const world = [...devnet.chain.world.nominators]
            .filter(([who]) => !changedAfter.has(who))
            .map(([who, n]) => [who, [...n.targets].sort()] as const)
        expect(new Map(world)).toEqual(stored)
        // A row per change, not per era: far fewer rows than eras × nominators.
        const rows = Number((await q('SELECT count(*) AS n FROM nominator_targets'))[0].n)
        expect(rows).toBeLessThan((eras.length * inForce.length) / 2)
    })

    it("drops a kicked validator from the nominator's targets from the next era on", async () => {
        const eraEnds = await q('SELECT index, end_block FROM era WHERE end_block IS NOT NULL ORDER BY index')
        const kicked = factsUpTo('Staking.Kicked').filter(e => e.block <= eraEnds[eraEnds.length - 1].end_block)
        expect(kicked.length).toBeGreaterThan(0)
        for (const k of kicked) {
            // The first snapshot at or after the kick: era N ends at the kick's block or later, targets keyed N + 1.
            const era = eraEnds.find(e => e.end_block >= k.block)!.index + 1
            const [row] = await q(
                `SELECT era, targets FROM nominator_targets WHERE nominator_id = $1 AND era <= $2 ORDER BY era DESC LIMIT 1`,
                [field(k, 'nominator'), era],
            )
            expect(row.targets, `kick at block ${k.block}`).not.toContain(field(k, 'stash'))
        }
    })

    it("stores every nominator's bond as each era starts", async () => {
        const lastEra = (await q('SELECT max(era) AS era FROM nominator_bond'))[0].era
        const lastSnapshotBlock = (await q('SELECT end_block FROM era WHERE index = $1', [lastEra - 1]))[0].end_block
        // The ledger at the snapshot: today's, less what rewards (all restaked) and bonding added since, plus what slashes and unbonding took.
        const all = devnet.facts().events
        const since = new Map<string, bigint>()
        const add = (name: string, who: string, amount: string, sign: bigint) => {
            for (const e of (all[name] ?? []).filter(e => e.block > lastSnapshotBlock)) {
                since.set(field(e, who), (since.get(field(e, who)) ?? 0n) + sign * BigInt(field(e, amount)))
            }
        }
        add('Staking.Rewarded', 'stash', 'amount', 1n)
        add('Staking.Bonded', 'stash', 'amount', 1n)
        add('Staking.Slashed', 'staker', 'amount', -1n)
        add('Staking.Unbonded', 'stash', 'amount', -1n)
        expect(since.size).toBeGreaterThan(0)
        const bonds = await q('SELECT nominator_id, bonded_planck FROM nominator_bond WHERE era = $1', [lastEra])
        const world = devnet.chain.world
        expect(bonds.map(b => b.nominator_id).sort()).toEqual([...world.nominators.keys()].sort())
        for (const b of bonds) {
            const atSnapshot = world.ledgers.get(b.nominator_id)!.activePlanck - (since.get(b.nominator_id) ?? 0n)
            expect(BigInt(b.bonded_planck), b.nominator_id).toBe(atSnapshot)
        }
    })

    it('stores the prefs each era was paid with (ErasValidatorPrefs), not those in force when it ended', async () => {
        const world = devnet.chain.world
        const ended = (await q('SELECT index FROM era WHERE snapshot_completed_at IS NOT NULL ORDER BY index')).map(r => r.index as number)
        let changedDuringAnEra = 0
        for (const era of ended) {
            const truth = world.eras.get(era)!
            const rows = await q('SELECT validator_id, commission_perbill, blocked FROM era_validator WHERE era = $1 AND active', [era])
            expect(rows.length).toBe(truth.exposures.length)
            for (const r of rows) {
                expect({commissionPerbill: r.commission_perbill, blocked: r.blocked}, `era ${era} ${r.validator_id}`).toEqual(
                    truth.prefs.get(r.validator_id),
                )
            }
            const end = (await q('SELECT end_block FROM era WHERE index = $1', [era]))[0].end_block
            changedDuringAnEra += factsUpTo('Staking.ValidatorPrefsSet').filter(
                e => e.block >= truth.startBlock && e.block <= end && truth.prefs.has(field(e, 'stash')),
            ).length
        }
        // The world changed some elected validator's prefs while its era ran: the case the era-end Validators read got wrong.
        expect(changedDuringAnEra).toBeGreaterThan(0)
    })

    it('counts unclaimed payouts per exposure page, so a partly paid era is listed with its unpaid pages', async () => {
        const world = devnet.chain.world
        // One PayoutStarted pays one page.
        const paid = new Map<string, number>()
        for (const e of factsUpTo('Staking.PayoutStarted')) {
            const key = `${field(e, 'eraIndex')}/${field(e, 'validatorStash')}`
            paid.set(key, (paid.get(key) ?? 0) + 1)
        }
        const eras = await q('SELECT index, end_block FROM era WHERE snapshot_completed_at IS NOT NULL ORDER BY index')
        const expected: {validator: string; era: number; points: number; page_count: number; unclaimed_pages: number}[] = []
        for (const {index: era, end_block: end} of eras) {
            const truth = world.eras.get(era)!
            for (const x of truth.exposures) {
                const points = truth.points.get(x.validator) ?? 0
                // Exposures are paged (ErasStakersPaged, 8 per page on this devnet) from the upgrade on.
                const pages = end >= UPGRADE_BLOCK ? Math.max(1, Math.ceil(x.others.length / devnet.spec.exposurePageSize)) : 1
                const unpaid = pages - (paid.get(`${era}/${x.validator}`) ?? 0)
                if (points > 0 && unpaid > 0)
                    expected.push({validator: x.validator, era, points, page_count: pages, unclaimed_pages: unpaid})
            }
        }
        expected.sort((a, b) => a.validator.localeCompare(b.validator) || a.era - b.era)
        const partly = expected.filter(r => r.unclaimed_pages < r.page_count)
        expect(partly.length).toBeGreaterThan(0)
        const {rows} = await client.query(fs.readFileSync(path.join(PROJECT_DIR, 'db/analytics/unclaimed-payouts.sql'), 'utf8'))
        expect(rows.map(r => ({...r, page_count: Number(r.page_count), unclaimed_pages: Number(r.unclaimed_pages)}))).toEqual(expected)
        expect(Number((await q('SELECT count(*) AS n FROM era_validator WHERE active AND page_count IS NULL'))[0].n)).toBe(0)
    })

    it('serves the same facts over GraphQL, including the custom queries', async () => {
        const port = await freePort()
        const server = spawn(process.execPath, [path.join(PROJECT_DIR, 'lib/graphql/serve.js')], {
            // Without vitest's NODE_ENV=test: the server runs as an operator starts it.
            cwd: PROJECT_DIR,
            env: {
                ...process.env,
                NODE_ENV: undefined,
                ...dbEnv(db.settings),
                GQL_PORT: String(port),
                CONFIG: path.join(PROJECT_DIR, 'config/devnet.json'),
            },
            stdio: ['ignore', 'ignore', 'pipe'],
        })
        let log = ''
        server.stderr!.on('data', d => (log += d))
        try {
            const gql = async (query: string) => {
                const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
                    method: 'POST',
                    headers: {'content-type': 'application/json'},
                    body: JSON.stringify({query}),
                })
                return (await res.json()) as {data?: any; errors?: {message: string}[]}
            }
            await waitFor(
                `graphql server (${log.slice(-500)})`,
                async () => (await gql('{squidStatus {height}}').catch(() => undefined))?.data?.squidStatus?.height,
                h => h === indexedTo,
                60_000,
                300,
            )
            const [top] = await q('SELECT validator_id, era, points FROM era_validator WHERE active ORDER BY era DESC, points DESC LIMIT 1')
            const list = await gql(
                `{eraValidators(where: {era_eq: ${top.era}, validator: {id_eq: "${top.validator_id}"}}, limit: 1) {points active validator {id}}}`,
            )
            expect(list.data.eraValidators).toEqual([{points: top.points, active: true, validator: {id: top.validator_id}}])
            const history = await gql(`{eraPointsHistory(validator: "${top.validator_id}") {era points active}}`)
            const dbHistory = await q('SELECT era, points, active FROM era_validator WHERE validator_id = $1 ORDER BY era DESC', [
                top.validator_id,
            ])
            expect(history.data.eraPointsHistory).toEqual(dbHistory)
            const unclaimed = await gql(`{unclaimedPayouts(validator: "${top.validator_id}") {era points}}`)
            // Per exposure page: an era is listed while fewer payouts than its pages are recorded.
            const dbUnclaimed = await q(
                `SELECT ev.era, ev.points FROM era_validator ev WHERE ev.validator_id = $1 AND ev.active AND ev.points > 0
                AND (SELECT count(*) FROM payout p WHERE p.validator_id = ev.validator_id AND p.era = ev.era) < ev.page_count ORDER BY era`,
                [top.validator_id],
            )
            expect(unclaimed.data.unclaimedPayouts).toEqual(dbUnclaimed)
            // A partly paid era is served with its unpaid pages.
            const [partly] =
                await q(`SELECT ev.validator_id, ev.era, ev.points, ev.page_count, ev.page_count - count(p.id) AS unpaid FROM era_validator ev
                JOIN payout p ON p.validator_id = ev.validator_id AND p.era = ev.era WHERE ev.active AND ev.points > 0
                GROUP BY ev.validator_id, ev.era, ev.points, ev.page_count HAVING count(p.id) < ev.page_count ORDER BY ev.era, ev.validator_id LIMIT 1`)
            const pages = await gql(
                `{unclaimedPayouts(validator: "${partly.validator_id}", fromEra: ${partly.era}) {era points pageCount unclaimedPages}}`,
            )
            expect(pages.data.unclaimedPayouts[0]).toEqual({
                era: partly.era,
                points: partly.points,
                pageCount: partly.page_count,
                unclaimedPages: Number(partly.unpaid),
            })
            // The last snapshotted era's nominators of a validator: the world's (as no kick changed them since) with its exposures.
            const [last] = await q('SELECT max(era) AS era FROM exposure')
            const world = devnet.chain.world
            const truth = world.eras.get(last.era)!.exposures.find(x => x.validator === top.validator_id) ?? {others: []}
            const kickedSince = new Set(factsUpTo('Staking.Kicked').map(e => field(e, 'nominator') as string))
            const nominators = await gql(
                `{validatorNominators(validator: "${top.validator_id}", era: ${last.era}) {nominator sinceEra bondedPlanck exposedPlanck}}`,
            )
            const served = nominators.data.validatorNominators as {nominator: string; exposedPlanck: string | null; bondedPlanck: string}[]
            expect(served.length).toBeGreaterThan(0)
            expect(served.every(n => n.bondedPlanck !== null)).toBe(true)
            expect(
                served
                    .filter(n => !kickedSince.has(n.nominator))
                    .map(n => n.nominator)
                    .sort(),
            ).toEqual(
                [...world.nominators]
                    .filter(([who, n]) => n.targets.includes(top.validator_id) && !kickedSince.has(who))
                    .map(([who]) => who)
                    .sort(),
            )
            const exposed = new Map(truth.others.map(o => [o.who, o.valuePlanck]))
            for (const n of served)
                expect(n.exposedPlanck === null ? undefined : BigInt(n.exposedPlanck), n.nominator).toBe(exposed.get(n.nominator))
            const tooMany = await gql(`{validatorNominators(validator: "${top.validator_id}", era: 1, limit: 100000) {nominator}}`)
            expect(tooMany.errors?.[0].message).toMatch(/limit: expected 1 to 5000/)
            const tooWide = await gql(
                '{a: eras(limit: 1) {id} b: eras(limit: 1) {id} c: eras(limit: 1) {id} d: eras(limit: 1) {id} e: eras(limit: 1) {id} f: eras(limit: 1) {id} g: eras(limit: 1) {id} h: eras(limit: 1) {id} i: eras(limit: 1) {id} j: eras(limit: 1) {id} k: eras(limit: 1) {id}}',
            )
            expect(tooWide.errors?.[0].message).toMatch(/root fields/)
            const bad = await gql('{unclaimedPayouts(validator: "alice") {era}}')
            expect(bad.errors?.[0].message).toMatch(/validator: expected a 0x-prefixed/)
            expect((bad.errors?.[0] as {extensions?: {code?: string}} | undefined)?.extensions?.code).toBe('BAD_USER_INPUT')
            // Errors carry no stack trace (no server paths), and clients can still read the schema.
            expect(JSON.stringify(bad)).not.toMatch(/stacktrace|resolvers\.js/)
            const schema = await gql('{__schema {queryType {name}}}')
            expect(schema.data?.__schema.queryType.name).toBe('Query')
        } finally {
            server.kill('SIGTERM')
        }
    })
})
