/**
 * scoreEra against a hand-built world in Postgres (the generated entities write the rows the squid and the
 * telemetry follower would): what it reads from each table, the rows it writes, that a re-run writes the same
 * bytes, that explain recomputes every stored score from the stored rows alone, rank backfill and extension,
 * and one fault event per fact.
 */
import {spawnSync} from 'node:child_process'
import {encodeAddress} from '@polkadot/util-crypto'
import path from 'node:path'
import pg from 'pg'
import type {DataSource, EntityManager} from 'typeorm'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {loadConfig} from '../config/load'
import {PROJECT_DIR} from '../config/project-dir'
import {dbEnv, pgClientConfig} from '../db/connection'
import {applyMigrations} from '../db/migrate'
import {Account, ChainLayer, Era, EraValidator, Identity, Kick, Offence, Slash} from '../db/model'
import {NominatorStore, type NominationStatus} from '../nominator/store/nominator-store'
import {insertRows} from '../squid/store/bulk-insert'
import {useTestDatabase} from '../test/vitest/database'
import {modelDataSource} from '../test/vitest/model-data-source'
import {IncompleteEraError} from './complete-eras'
import type {ProgrammeCandidate} from './programme-candidates'
import {scoreEra} from './score-era'
import {COMPONENT_NAMES} from './score/components'
import {squareRoot} from './score/distribution'
import {explainStoredScore} from './score/explain-stored'
import {writeSyntheticHistory, type SyntheticHistory} from './synthetic-history'

/** nominatorStake → nominator_stake, as the columns are named. */
const snake = (name: string) => name.replace(/[A-Z]/g, c => `_${c.toLowerCase()}`)

const config = loadConfig(path.join(PROJECT_DIR, 'config', 'devnet.json'))
const ERAS = 12

/** Every row of the scorer's part-2 tables, as text, in id order: what "byte-identical" compares. */
async function storedRows(em: EntityManager, era?: number): Promise<Record<string, string[]>> {
    const out: Record<string, string[]> = {}
    for (const table of ['score_metadata', 'score_distribution', 'score_snapshot', 'rank_event', 'fault_event']) {
        const where = era === undefined || table === 'rank_event' || table === 'fault_event' ? '' : `WHERE era = ${era}`
        out[table] = (await em.query(`SELECT t::text AS row FROM ${table} t ${where} ORDER BY id`)).map((r: {row: string}) => r.row)
    }
    return out
}

describe('scoreEra over generated history', () => {
    const db = useTestDatabase('score_era')
    let ds: DataSource
    let h: SyntheticHistory
    let valid: ProgrammeCandidate[]

    beforeAll(async () => {
        await applyMigrations(db.settings)
        ds = modelDataSource(db.settings)
        await ds.initialize()
        h = await ds.transaction(em => writeSyntheticHistory(em, {candidates: 40, eras: ERAS, nominators: 150, seed: 3}))
        valid = h.candidates.filter(c => c.valid)
        // The first run backfills; later eras extend.
        for (const era of [ERAS - 2, ERAS - 1, ERAS])
            await scoreEra(ds.manager, era, config, {candidates: h.candidates, programmeNominators: [h.nominators[0]]})
    })
    afterAll(async () => {
        await ds?.destroy()
    })

    it('scores exactly the valid candidates, each with every component', async () => {
        const snapshots = await ds.query(`SELECT stash FROM score_snapshot WHERE era = $1 ORDER BY stash`, [ERAS])
        expect(snapshots.map((s: {stash: string}) => s.stash)).toEqual(valid.map(c => c.stash).sort())
        const [{n}] = await ds.query(
            `SELECT count(*)::int AS n FROM score_snapshot WHERE era = $1 AND ${COMPONENT_NAMES.map(c => `${snake(c)}_weighted_nanopoints IS NOT NULL`).join(' AND ')}`,
            [ERAS],
        )
        expect(n).toBe(valid.length)
        const [m] = await ds.query(`SELECT candidate_count, randomness_salt, weights FROM score_metadata WHERE era = $1`, [ERAS])
        expect(m.candidate_count).toBe(valid.length)
        const [era] = await ds.query(`SELECT validator_payout_planck, total_points FROM era WHERE index = $1`, [ERAS])
        expect(m.randomness_salt).toBe(`${era.validator_payout_planck}:${era.total_points}`)
        expect(m.weights).toEqual(config.score.weights)
    })

    it("reads inclusion, self-stake and nominator stake from the squid tables, leaving out the programme's nominator", async () => {
        const raw = async (stash: string, component: string) =>
            (await ds.query(`SELECT ${snake(component)}_raw AS raw FROM score_snapshot WHERE era = $1 AND stash = $2`, [ERAS, stash]))[0]
                .raw
        const programme = h.nominators[0]
        const [{targets}] = await ds.query(
            `SELECT targets FROM nominator_targets WHERE nominator_id = $1 AND era <= $2 ORDER BY era DESC LIMIT 1`,
            [programme, ERAS],
        )
        const target = valid.find(c => targets.includes(c.stash))
        expect(target, 'a valid candidate the programme nominates').toBeDefined()
        const stash = (target as ProgrammeCandidate).stash
        // Σ⌊√(bond · 10¹² / 10^decimals)⌋ over the nominators in force in the era, by hand.
        const nominators: {nominator_id: string; bonded_planck: string}[] = await ds.query(
            `SELECT DISTINCT ON (t.nominator_id) t.nominator_id, t.targets, b.bonded_planck FROM nominator_targets t
             JOIN nominator_bond b ON b.nominator_id = t.nominator_id AND b.era = $1 WHERE t.era <= $1 ORDER BY t.nominator_id, t.era DESC`,
            [ERAS],
        )
        const inForce = nominators.filter((n: any) => n.targets.includes(stash))
        expect(inForce.map(n => n.nominator_id)).toContain(programme)
        const expected = inForce
            .filter(n => n.nominator_id !== programme)
            .reduce((s, n) => s + squareRoot((BigInt(n.bonded_planck) * 10n ** 12n) / 10n ** BigInt(config.token.decimals)), 0n)
        expect(BigInt(await raw(stash, 'nominatorStake'))).toBe(expected)
        const [points] = await ds.query(
            `SELECT count(*) FILTER (WHERE era > $2 - 28)::int AS span, count(*)::int AS all FROM era_validator WHERE validator_id = $1 AND points > 0 AND era <= $2`,
            [stash, ERAS],
        )
        expect(Number(await raw(stash, 'inclusion'))).toBe(points.all)
        expect(Number(await raw(stash, 'spanInclusion'))).toBe(points.span)
        const [ev] = await ds.query(`SELECT self_stake_planck FROM era_validator WHERE validator_id = $1 AND era = $2`, [stash, ERAS])
        expect(await raw(stash, 'bonded')).toBe(ev.self_stake_planck)
    })

    it('a re-run of an era writes byte-identical rows', async () => {
        const before = await storedRows(ds.manager, ERAS)
        await scoreEra(ds.manager, ERAS, config, {candidates: h.candidates, programmeNominators: [h.nominators[0]]})
        expect(await storedRows(ds.manager, ERAS)).toEqual(before)
        expect(before.score_snapshot.length).toBe(valid.length)
    })

    it('explain recomputes every stored score from the stored rows alone, equal to the stored one', async () => {
        for (const era of [ERAS - 1, ERAS]) {
            for (const c of valid) {
                const found = await explainStoredScore(ds.manager, c.stash, era)
                expect(found?.explanation.equal, `${c.stash} in era ${era}`).toBe(true)
            }
        }
        // The command itself, for one candidate by SS58 address: the latest era, exit 0, "equal".
        const run = spawnSync(process.execPath, [path.join(PROJECT_DIR, 'lib/scorer/score/explain-cli.js'), valid[0].stashAddress], {
            env: {...process.env, ...dbEnv(db.settings)},
            encoding: 'utf8',
        })
        expect(run.stderr).toBe('')
        expect(run.status).toBe(0)
        expect(run.stdout).toContain(
            `score of ${valid[0].stash} in era ${ERAS}: recomputed from the stored statistics, weights and raw values, equal to the stored score`,
        )
        expect(run.stdout).toMatch(/nominatorStake .* equal/)
        // A stored value changed by hand: explain says it differs, and the command exits 1.
        await ds.query(`UPDATE score_snapshot SET rank_weighted_nanopoints = rank_weighted_nanopoints + 1 WHERE era = $1 AND stash = $2`, [
            ERAS,
            valid[0].stash,
        ])
        expect((await explainStoredScore(ds.manager, valid[0].stash, ERAS))?.explanation.equal).toBe(false)
        const differs = spawnSync(
            process.execPath,
            [path.join(PROJECT_DIR, 'lib/scorer/score/explain-cli.js'), valid[0].stash, String(ERAS)],
            {
                env: {...process.env, ...dbEnv(db.settings)},
                encoding: 'utf8',
            },
        )
        expect(differs.status).toBe(1)
        expect(differs.stdout).toMatch(/rank .* DIFFERS/)
        await scoreEra(ds.manager, ERAS, config, {candidates: h.candidates, programmeNominators: [h.nominators[0]]})
    })

    it('rank events backfilled and extended equal the active eras of each identity group counted directly', async () => {
        const direct: {grp: string; n: number}[] = await ds.query(
            `SELECT COALESCE(i.root_id, ev.validator_id) AS grp, count(DISTINCT ev.era)::int AS n
             FROM era_validator ev LEFT JOIN identity i ON i.id = ev.validator_id AND NOT i.cleared
             WHERE ev.active AND ev.era <= $1 GROUP BY 1`,
            [ERAS],
        )
        const stored: {identity_group: string; rank: number}[] = await ds.query(
            `SELECT DISTINCT ON (identity_group) identity_group, rank FROM rank_event WHERE era <= $1 ORDER BY identity_group, era DESC`,
            [ERAS],
        )
        expect(new Map(stored.map(r => [r.identity_group, r.rank]))).toEqual(new Map(direct.map(r => [r.grp, r.n])))
        // Every event's rank is the group's count up to its era; the score's rank component is the group's rank.
        const [{groups}] = await ds.query(`SELECT count(DISTINCT root_id)::int AS groups FROM identity WHERE root_id <> id`)
        expect(groups).toBeGreaterThan(0)
        const ranks: {stash: string; raw: string; grp: string}[] = await ds.query(
            `SELECT c.stash, c.rank_raw AS raw, COALESCE(i.root_id, c.stash) AS grp FROM score_snapshot c LEFT JOIN identity i ON i.id = c.stash
             WHERE c.era = $1`,
            [ERAS],
        )
        const byGroup = new Map(direct.map(r => [r.grp, r.n]))
        for (const r of ranks) expect(Number(r.raw), r.stash).toBe(byGroup.get(r.grp) ?? 0)
    })

    it('every offline report and chill of a candidate in the window is exactly one fault event with its evidence; unpaid eras are missed payouts', async () => {
        const events: {id: string; source: string; source_id: string; stash: string; era: number; evidence: any}[] =
            await ds.query(`SELECT * FROM fault_event`)
        const byId = new Map(events.map(e => [e.id, e]))
        const offline: {id: string; session: number; validator_id: string; era: number}[] = await ds.query(`SELECT * FROM offline_report`)
        const chills: {id: string; stash_id: string; era: number}[] = await ds.query(`SELECT * FROM chill`)
        expect(offline.length + chills.length).toBeGreaterThan(0)
        for (const o of offline) {
            expect(byId.get(`offlineReport:${o.id}`), o.id).toMatchObject({
                source: 'offlineReport',
                stash: o.validator_id,
                era: o.era,
                evidence: {source: 'offlineReport', session: o.session},
            })
        }
        for (const c of chills)
            expect(byId.get(`chill:${c.id}`), c.id).toMatchObject({
                source: 'chill',
                stash: c.stash_id,
                era: c.era,
                evidence: {source: 'chill', chain: 'relay'},
            })
        expect(events.filter(e => e.source === 'offlineReport').length).toBe(offline.length)
        expect(events.filter(e => e.source === 'chill').length).toBe(chills.length)
        // maxEras 1 in the devnet config: the eras up to ERAS − 2 are judged; each unpaid one with points is one event.
        const unpaid: {era: number; validator_id: string}[] = await ds.query(
            `SELECT ev.era, ev.validator_id FROM era_validator ev WHERE ev.points > 0 AND ev.era <= $1
               AND NOT EXISTS (SELECT 1 FROM payout p WHERE p.validator_id = ev.validator_id AND p.era = ev.era)`,
            [ERAS - config.validity.unclaimedRewards.maxEras - 1],
        )
        expect(unpaid.length).toBeGreaterThan(0)
        expect(
            events
                .filter(e => e.source === 'missedPayout')
                .map(e => e.source_id)
                .sort(),
        ).toEqual(unpaid.map(u => `${u.era}-${u.validator_id}`).sort())
        // The faults component counts them.
        const counted: {stash: string; raw: string}[] = await ds.query(
            `SELECT stash, faults_raw AS raw FROM score_snapshot WHERE era = $1`,
            [ERAS],
        )
        for (const c of counted) expect(Number(c.raw), c.stash).toBe(events.filter(e => e.stash === c.stash).length)
    })

    it('a fact removed before a re-run of its era takes its fault event with it', async () => {
        const [chill] = await ds.query(`SELECT id, era FROM chill WHERE era = $1 LIMIT 1`, [ERAS])
        if (!chill) return
        await ds.query(`DELETE FROM chill WHERE id = $1`, [chill.id])
        await scoreEra(ds.manager, ERAS, config, {candidates: h.candidates, programmeNominators: [h.nominators[0]]})
        expect(await ds.query(`SELECT id FROM fault_event WHERE id = $1`, [`chill:${chill.id}`])).toEqual([])
    })

    it('refuses an era whose snapshot is still pending, naming it', async () => {
        // As the squid leaves an era whose snapshot is pending: the marker row, and no completion time yet.
        await ds.query(`INSERT INTO pending_era_snapshot (id, chain, block_number, block_hash) VALUES ($1, 'relay', 1, '0x00')`, [
            String(ERAS),
        ])
        await ds.query(`UPDATE era SET snapshot_completed_at = NULL WHERE id = $1`, [String(ERAS)])
        await expect(scoreEra(ds.manager, ERAS, config, {candidates: h.candidates, programmeNominators: []})).rejects.toThrow(
            IncompleteEraError,
        )
        await expect(scoreEra(ds.manager, ERAS, config, {candidates: h.candidates, programmeNominators: []})).rejects.toThrow(
            `era ${ERAS} is not complete`,
        )
        await ds.query(`DELETE FROM pending_era_snapshot`)
        await ds.query(`UPDATE era SET snapshot_completed_at = now() WHERE id = $1`, [String(ERAS)])
        await expect(scoreEra(ds.manager, ERAS + 1, config, {candidates: h.candidates, programmeNominators: []})).rejects.toThrow(
            `era ${ERAS + 1} is not complete`,
        )
    })
})

describe('rank across a stash move, and kicks and slashes as fault events', () => {
    const db = useTestDatabase('score_move')
    let ds: DataSource
    const key = (i: number) => `0x${'ab'}${i.toString(16).padStart(62, '0')}`
    const [oldStash, newStash, other, nominator] = [key(1), key(2), key(3), key(4)]
    const candidates = (stash: string): ProgrammeCandidate[] => [
        {stash, stashAddress: `addr-${stash}`, valid: true},
        {stash: other, stashAddress: `addr-${other}`, valid: true},
    ]

    beforeAll(async () => {
        await applyMigrations(db.settings)
        ds = modelDataSource(db.settings)
        await ds.initialize()
        const accounts = new Map([oldStash, newStash, other, nominator].map(id => [id, new Account({id})]))
        const a = (id: string) => accounts.get(id) as Account
        await insertRows(ds.manager, [...accounts.values()])
        // One operator: the old stash is the identity, the new one its sub-identity.
        await insertRows(ds.manager, [
            new Identity({
                id: oldStash,
                account: a(oldStash),
                chain: ChainLayer.relay,
                judgements: [],
                verified: true,
                root: a(oldStash),
                cleared: false,
                updatedBlock: 0,
            }),
            new Identity({
                id: newStash,
                account: a(newStash),
                chain: ChainLayer.relay,
                judgements: [],
                verified: true,
                parent: a(oldStash),
                root: a(oldStash),
                cleared: false,
                updatedBlock: 0,
            }),
        ])
        const t0 = Date.UTC(2026, 0, 1)
        await insertRows(
            ds.manager,
            Array.from(
                {length: 10},
                (_, i) =>
                    new Era({
                        id: String(i + 1),
                        index: i + 1,
                        chain: ChainLayer.relay,
                        startBlock: i * 100,
                        startTime: new Date(t0 + i * 3600_000),
                        endBlock: (i + 1) * 100,
                        endTime: new Date(t0 + (i + 1) * 3600_000),
                        validatorPayoutPlanck: 1000n,
                        totalPoints: 40,
                        snapshotCompletedAt: new Date(t0 + (i + 1) * 3600_000),
                    }),
            ),
        )
        // The old stash validates in eras 1..6, the new one in 7..10; `other` in every era.
        const ev = (era: number, stash: string) =>
            new EraValidator({
                id: `${era}-${stash}`,
                era,
                validator: a(stash),
                chain: ChainLayer.relay,
                points: 20,
                selfStakePlanck: 10n ** 12n,
                nominatorCount: 0,
                active: true,
            })
        await insertRows(ds.manager, Array.from({length: 10}, (_, i) => [ev(i + 1, i < 6 ? oldStash : newStash), ev(i + 1, other)]).flat())
        await insertRows(ds.manager, [
            new Kick({
                id: 'kick-of-programme',
                nominator: a(nominator),
                validator: a(other),
                era: 9,
                chain: ChainLayer.relay,
                blockNumber: 850,
                timestamp: new Date(t0 + 8.5 * 3600_000),
            }),
            new Kick({
                id: 'kick-of-someone',
                nominator: a(oldStash),
                validator: a(other),
                era: 9,
                chain: ChainLayer.relay,
                blockNumber: 851,
                timestamp: new Date(t0 + 8.5 * 3600_000),
            }),
        ])
        await insertRows(ds.manager, [
            // No era on the row: placed in era 8 by its time.
            new Slash({
                id: 'slash-1',
                staker: a(other),
                amountPlanck: 5n,
                era: null,
                chain: ChainLayer.relay,
                blockNumber: 750,
                timestamp: new Date(t0 + 7.5 * 3600_000),
            }),
        ])
        await insertRows(ds.manager, [
            // Staking.OffenceReported (Asset Hub) names the validator and the era.
            new Offence({
                id: 'offence-ah',
                chain: ChainLayer.assetHub,
                era: 7,
                validator: a(other),
                slashFractionPerbill: 1000,
                blockNumber: 650,
                timestamp: new Date(t0 + 6.5 * 3600_000),
            }),
            // Offences.Offence (relay) whose reports the squid could not read names no offender: not attributable, no event.
            new Offence({
                id: 'offence-relay',
                chain: ChainLayer.relay,
                kind: '0x6772616e647061',
                era: null,
                validator: null,
                blockNumber: 660,
                timestamp: new Date(t0 + 6.6 * 3600_000),
            }),
        ])
    })
    afterAll(async () => {
        await ds?.destroy()
    })

    it('the new stash under the same identity keeps the rank the old one earned, era by era', async () => {
        await scoreEra(ds.manager, 6, config, {candidates: candidates(oldStash), programmeNominators: [nominator]})
        for (const era of [7, 8, 9, 10])
            await scoreEra(ds.manager, era, config, {candidates: candidates(newStash), programmeNominators: [nominator]})
        const rank = async (era: number, stash: string) =>
            Number((await ds.query(`SELECT rank_raw FROM score_snapshot WHERE era = $1 AND stash = $2`, [era, stash]))[0].rank_raw)
        expect(await rank(6, oldStash)).toBe(6)
        expect(await rank(10, newStash)).toBe(10)
        const events = await ds.query(`SELECT era, rank, active_stashes FROM rank_event WHERE identity_group = $1 ORDER BY era`, [oldStash])
        expect(events.map((e: any) => [e.era, e.rank, e.active_stashes])).toEqual(
            Array.from({length: 10}, (_, i) => [i + 1, i + 1, [i < 6 ? oldStash : newStash]]),
        )
    })

    it("a kick is a fault only when it removes the programme's nominator; a slash without an era is placed by its time; an offence needs an offender", async () => {
        const events = await ds.query(
            `SELECT id, era, identity_group, evidence FROM fault_event WHERE stash = $1 AND source <> 'missedPayout' ORDER BY id`,
            [other],
        )
        expect(events).toEqual([
            {id: 'kick:kick-of-programme', era: 9, identity_group: other, evidence: {source: 'kick', chain: 'relay', nominator}},
            {
                id: 'offence:offence-ah',
                era: 7,
                identity_group: other,
                evidence: {
                    source: 'offence',
                    chain: 'assetHub',
                    event: 'Staking.OffenceReported',
                    kind: null,
                    kindText: null,
                    timeSlot: null,
                    reportId: null,
                    slashFractionPerbill: 1000,
                },
            },
            {id: 'slash:slash-1', era: 8, identity_group: other, evidence: {source: 'slash', chain: 'relay', amountPlanck: '5'}},
        ])
        // No payouts at all here: every era with points up to 10 − maxEras − 1 is a missed payout, judged once.
        const missed = await ds.query(`SELECT era, evidence FROM fault_event WHERE stash = $1 AND source = 'missedPayout' ORDER BY era`, [
            other,
        ])
        expect(missed.map((m: any) => [m.era, m.evidence.judgedInEra])).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map(e => [e, e + 2]))
    })
})

describe("rank by good nomination periods (score.rankRule goodPeriods), from the nominator's records", () => {
    const db = useTestDatabase('score_periods')
    let ds: DataSource
    let pool: pg.Pool
    const key = (i: number) => `0x${'cd'}${i.toString(16).padStart(62, '0')}`
    const [a, b, idle, d] = [key(1), key(2), key(3), key(4)]
    const stashes = [a, b, idle, d]
    const address = (stash: string) => encodeAddress(stash, 42)
    const goodPeriods = {...config, score: {...config.score, rankRule: 'goodPeriods' as const}}
    const candidates: ProgrammeCandidate[] = stashes.map(stash => ({stash, stashAddress: address(stash), valid: true}))
    const t0 = Date.UTC(2026, 0, 1)
    const HOUR = 3600_000
    /** The middle of era `era` (era e spans hours e − 1 … e). */
    const inEra = (era: number) => new Date(t0 + (era - 0.5) * HOUR)

    /** A round of the nominator, stored by its store, made at `at`, with one nomination per account. */
    async function round(era: number, nominations: {account: string; targets: string[]; status: NominationStatus}[], dryRun = false) {
        const store = new NominatorStore(pool)
        const id = String(era)
        await store.insertRound(
            {
                id,
                era,
                trigger: {},
                inputSnapshot: '{}',
                inputHash: `0x${era}`,
                policyHash: '0x00',
                seed: null,
                candidates: [],
                targets: [],
                plan: [],
                dryRun,
                status: dryRun ? 'dryRun' : 'planned',
            },
            nominations.map(n => ({
                id: `${id}:${n.account}`,
                roundId: id,
                account: n.account,
                stash: n.account,
                signer: n.account,
                mode: 'direct',
                targets: n.targets.map(address),
                callHash: '0x00',
                txHash: null,
                blockNumber: null,
                blockHash: null,
                finalized: false,
                status: 'planned',
                error: null,
            })),
            [],
        )
        for (const n of nominations) await store.updateNomination(`${id}:${n.account}`, {status: n.status, finalized: n.status === 'done'})
        await pool.query(`UPDATE nomination_round SET created_at = $2 WHERE id = $1`, [id, inEra(era)])
    }

    /** A check's status from `era` on, as validity's pass records it. */
    const change = (stash: string, check: string, to: string, era: number, sentence: string) =>
        pool.query(
            `INSERT INTO validity_change (id, candidate_id, "check", from_status, to_status, evidence, sentence, at)
             VALUES ($1, $2, $3, NULL, $4, '{}', $5, $6)`,
            [`${stash}:${check}:${era}`, stash, check, to, sentence, inEra(era)],
        )

    beforeAll(async () => {
        await applyMigrations(db.settings)
        ds = modelDataSource(db.settings)
        await ds.initialize()
        pool = new pg.Pool(pgClientConfig(db.settings))
        const accounts = new Map(stashes.map(id => [id, new Account({id})]))
        await insertRows(ds.manager, [...accounts.values()])
        await insertRows(
            ds.manager,
            Array.from(
                {length: 10},
                (_, i) =>
                    new Era({
                        id: String(i + 1),
                        index: i + 1,
                        chain: ChainLayer.relay,
                        startBlock: i * 100,
                        startTime: new Date(t0 + i * HOUR),
                        endBlock: (i + 1) * 100,
                        endTime: new Date(t0 + (i + 1) * HOUR),
                        validatorPayoutPlanck: 1000n,
                        totalPoints: 40,
                        snapshotCompletedAt: new Date(t0 + (i + 1) * HOUR),
                    }),
            ),
        )
        // a, b and d are in the active set of every era, idle never.
        await insertRows(
            ds.manager,
            Array.from({length: 10}, (_, i) =>
                [a, b, d].map(
                    stash =>
                        new EraValidator({
                            id: `${i + 1}-${stash}`,
                            era: i + 1,
                            validator: accounts.get(stash) as Account,
                            chain: ChainLayer.relay,
                            points: 20,
                            selfStakePlanck: 10n ** 12n,
                            nominatorCount: 0,
                            active: true,
                        }),
                ),
            ).flat(),
        )
        for (const stash of stashes)
            await pool.query(
                `INSERT INTO candidate (id, stash_public_key, stash, name, riot_handles, kyc, skip_self_stake, sources, added_at)
                 VALUES ($1::text, $1::text, $2, $1::text, '{}', false, false, '{}', $3)`,
                [stash, address(stash), new Date(t0)],
            )
        // Every candidate valid from era 1; b's commission invalid from era 5 on (after the round of era 4, before that of 6).
        for (const stash of stashes) {
            await change(stash, 'commission', 'valid', 1, 'commission 5 %')
            await change(stash, 'online', 'valid', 1, 'online')
        }
        await change(b, 'commission', 'invalid', 5, 'commission 20 % above the 15 % allowed')
        // The nominator's rounds: era 2 lands a, b and idle; era 4 lands a and b, d's nomination failed; the dry run
        // of era 5 is no round; era 6's nomination never landed; era 8's period has not ended yet.
        await round(2, [{account: 'n1', targets: [a, b, idle], status: 'done'}])
        await round(4, [
            {account: 'n1', targets: [a, b], status: 'done'},
            {account: 'n2', targets: [d], status: 'failed'},
        ])
        await round(5, [{account: 'n1', targets: [d], status: 'dryRun'}], true)
        await round(6, [{account: 'n1', targets: [a, b, d], status: 'submitted'}])
        await round(8, [{account: 'n1', targets: [a, d], status: 'done'}])
        for (const era of [8, 9, 10]) await scoreEra(ds.manager, era, goodPeriods, {candidates, programmeNominators: []})
    })
    afterAll(async () => {
        await pool?.end()
        await ds?.destroy()
    })

    it('each landed target gains 1 per period it was valid and active, is docked when invalid at the next round', async () => {
        const events = await ds.query(
            `SELECT id, identity_group, era, start_era, verdict, change, rank, invalid_reasons FROM rank_event WHERE rule = 'goodPeriods' ORDER BY era, id`,
        )
        expect(events).toEqual([
            {id: `goodPeriods:${a}:4`, identity_group: a, era: 4, start_era: 2, verdict: 'good', change: 1, rank: 1, invalid_reasons: []},
            {id: `goodPeriods:${b}:4`, identity_group: b, era: 4, start_era: 2, verdict: 'good', change: 1, rank: 1, invalid_reasons: []},
            {id: `goodPeriods:${a}:6`, identity_group: a, era: 6, start_era: 4, verdict: 'good', change: 1, rank: 2, invalid_reasons: []},
            {
                id: `goodPeriods:${b}:6`,
                identity_group: b,
                era: 6,
                start_era: 4,
                verdict: 'bad',
                change: 0,
                rank: 1,
                invalid_reasons: ['commission 20 % above the 15 % allowed'],
            },
        ])
        expect(await ds.query(`SELECT count(*)::int AS n FROM rank_event WHERE rule = 'activeEras'`)).toEqual([{n: 0}])
    })

    it("the score's rank component is the stash's rank after its last period", async () => {
        const ranks = await ds.query(`SELECT stash, rank_raw FROM score_snapshot WHERE era = 10 ORDER BY stash`)
        expect(ranks.map((r: any) => [r.stash, Number(r.rank_raw)])).toEqual([
            [a, 2],
            [b, 1],
            [idle, 0],
            [d, 0],
        ])
        const [m] = await ds.query(`SELECT rank_rule FROM score_metadata WHERE era = 10`)
        expect(m.rank_rule).toBe('goodPeriods')
    })

    it('a period ends with the next round: once era 10 has one, the targets of era 8 are judged; a re-run writes the same rows', async () => {
        await round(10, [])
        await scoreEra(ds.manager, 10, goodPeriods, {candidates, programmeNominators: []})
        const rows = async () => (await ds.query(`SELECT t::text AS row FROM rank_event t ORDER BY id`)).map((r: any) => r.row)
        const after = await ds.query(
            `SELECT identity_group, start_era, verdict, rank FROM rank_event WHERE era = 10 ORDER BY identity_group`,
        )
        expect(after).toEqual([
            {identity_group: a, start_era: 8, verdict: 'good', rank: 3},
            {identity_group: d, start_era: 8, verdict: 'good', rank: 1},
        ])
        const before = await rows()
        await scoreEra(ds.manager, 10, goodPeriods, {candidates, programmeNominators: []})
        expect(await rows()).toEqual(before)
    })
})
