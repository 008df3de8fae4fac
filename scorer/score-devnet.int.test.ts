/**
 * The scorer's part 2 over what the relay processor indexed from the legacy devnet (eras, active sets,
 * identities, offline reports, offences, slashes, chills, payouts): rank backfill equals the active eras per
 * identity group counted directly from the squid's tables, every fault fact is exactly one fault event with
 * its evidence, explain recomputes every candidate's stored score, and a re-run writes the same rows.
 */
import {encodeAddress} from '@polkadot/util-crypto'
import path from 'node:path'
import type {DataSource} from 'typeorm'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {loadConfig} from '../config/load'
import {PROJECT_DIR} from '../config/project-dir'
import {applyMigrations} from '../db/migrate'
import {startDevnet, type Devnet} from '../devnet'
import {startProcessorChild} from '../squid/processor-child'
import {useTestDatabase} from '../test/vitest/database'
import {modelDataSource} from '../test/vitest/model-data-source'
import {completeErasBetween} from './complete-eras'
import type {ProgrammeCandidate} from './programme-candidates'
import {scoreEra} from './score-era'
import {explainStoredScore} from './score/explain-stored'

const db = useTestDatabase('score_devnet')
const config = loadConfig(path.join(PROJECT_DIR, 'config', 'devnet.json'))
let devnet: Devnet
let ds: DataSource
let eras: number[]
let candidates: ProgrammeCandidate[]

beforeAll(async () => {
    devnet = await startDevnet({scenario: 'legacy', seed: 7, port: 0, blockTimeMs: 0, finalityLagBlocks: 2, upgradeAtBlock: 40})
    await devnet.produceBlocks(100)
    await applyMigrations(db.settings)
    const run = startProcessorChild({layer: 'relay', db: db.settings, rpcUrl: devnet.httpUrl, toBlock: devnet.finalized().number})
    const code = await run.exited
    if (code !== 0) throw new Error(`relay processor exited with ${code}:\n${run.log().slice(-4000)}`)
    ds = modelDataSource(db.settings)
    await ds.initialize()
    eras = await completeErasBetween(ds.manager, 0, 1_000_000)
    // Every validator the squid saw is a valid candidate.
    const stashes: {validator_id: string}[] = await ds.query(`SELECT DISTINCT validator_id FROM era_validator ORDER BY 1`)
    candidates = stashes.map(s => ({stash: s.validator_id, stashAddress: encodeAddress(s.validator_id, 0), valid: true}))
    // The first pass backfills every earlier era; the next ones extend.
    for (const era of eras.slice(-3)) await scoreEra(ds.manager, era, config, {candidates, programmeNominators: []})
}, 300_000)

afterAll(async () => {
    await ds?.destroy()
    await devnet?.stop()
})

describe('scorer part 2 on the legacy devnet', () => {
    it('has several complete eras with candidates to score', () => {
        expect(eras.length).toBeGreaterThanOrEqual(5)
        expect(candidates.length).toBeGreaterThan(5)
    })

    it('rank backfill equals the active eras per identity group counted directly from the squid tables', async () => {
        const last = eras[eras.length - 1]
        const direct: {grp: string; n: number}[] = await ds.query(
            `SELECT COALESCE(i.root_id, ev.validator_id) AS grp, count(DISTINCT ev.era)::int AS n
             FROM era_validator ev LEFT JOIN identity i ON i.id = ev.validator_id AND NOT i.cleared
             WHERE ev.active AND ev.era <= $1 GROUP BY 1`,
            [last],
        )
        const stored: {identity_group: string; rank: number}[] = await ds.query(
            `SELECT DISTINCT ON (identity_group) identity_group, rank FROM rank_event ORDER BY identity_group, era DESC`,
        )
        expect(new Map(stored.map(r => [r.identity_group, r.rank]))).toEqual(new Map(direct.map(r => [r.grp, r.n])))
        expect(direct.some(r => r.n > 1)).toBe(true)
        // Groups with more than one stash exist in the devnet's identities, and their rank is the group's.
        const ranks: {stash: string; raw: string; grp: string}[] = await ds.query(
            `SELECT c.stash, c.rank_raw AS raw, COALESCE(i.root_id, c.stash) AS grp FROM score_snapshot c
             LEFT JOIN identity i ON i.id = c.stash AND NOT i.cleared WHERE c.era = $1`,
            [last],
        )
        const byGroup = new Map(direct.map(r => [r.grp, r.n]))
        for (const r of ranks) expect(Number(r.raw), r.stash).toBe(byGroup.get(r.grp) ?? 0)
    })

    it('every offline report, offence naming a validator, slash and chill of a candidate is exactly one fault event with its evidence', async () => {
        const last = eras[eras.length - 1]
        const [{end}] = await ds.query(`SELECT end_time AS end FROM era WHERE index = $1`, [last])
        const [{start}] = await ds.query(`SELECT min(start_time) AS start FROM era WHERE start_time IS NOT NULL`)
        // The facts about candidates (slashed or chilled nominators are not) of the complete eras (a fact without an era by its time).
        const within = `(t.era <= ${last} OR (t.era IS NULL AND t.timestamp >= $1 AND t.timestamp < $2))`
        const stashes = new Set(candidates.map(c => c.stash))
        const q = async (sql: string, account: string) => (await ds.query(sql, [start, end])).filter((r: any) => stashes.has(r[account]))
        const offline = await q(`SELECT t.* FROM offline_report t WHERE ${within}`, 'validator_id')
        const offences = await q(`SELECT t.* FROM offence t WHERE ${within}`, 'validator_id')
        const slashes = await q(`SELECT t.* FROM slash t WHERE ${within}`, 'staker_id')
        const chills = await q(`SELECT t.* FROM chill t WHERE ${within}`, 'stash_id')
        expect(offline.length, 'offline reports').toBeGreaterThan(0)
        // Relay offences name no offender in the event: the squid read them from Offences.Reports.
        expect(offences.length, 'offences naming a candidate').toBeGreaterThan(0)
        expect(slashes.length, 'slashes').toBeGreaterThan(0)
        expect(chills.length, 'chills').toBeGreaterThan(0)
        const events: any[] = await ds.query(`SELECT * FROM fault_event WHERE source <> 'missedPayout'`)
        const expected = [
            ...offline.map((o: any) => ({
                id: `offlineReport:${o.id}`,
                stash: o.validator_id,
                evidence: {source: 'offlineReport', session: o.session, exposureTotalPlanck: o.exposure_total_planck},
            })),
            ...offences.map((o: any) => ({
                id: `offence:${o.id}`,
                stash: o.validator_id,
                evidence: expect.objectContaining({source: 'offence', kind: o.kind, reportId: o.report_id}),
            })),
            ...slashes.map((s: any) => ({
                id: `slash:${s.id}`,
                stash: s.staker_id,
                evidence: {source: 'slash', chain: s.chain, amountPlanck: s.amount_planck},
            })),
            ...chills.map((c: any) => ({id: `chill:${c.id}`, stash: c.stash_id, evidence: {source: 'chill', chain: c.chain}})),
        ].sort((a, b) => (a.id < b.id ? -1 : 1))
        expect(events.map(e => ({id: e.id, stash: e.stash, evidence: e.evidence})).sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(expected)
        for (const e of events) expect(e.era, e.id).not.toBeNull()
    })

    it("explain recomputes every candidate's stored score of every scored era, equal to it", async () => {
        let explained = 0
        for (const era of eras.slice(-3)) {
            for (const c of candidates) {
                const found = await explainStoredScore(ds.manager, c.stash, era)
                expect(found, `${c.stash} in era ${era}`).not.toBeNull()
                expect(found?.explanation.equal, `${c.stash} in era ${era}`).toBe(true)
                explained++
            }
        }
        expect(explained).toBe(3 * candidates.length)
    })

    it('a re-run of the last era writes byte-identical rows', async () => {
        const last = eras[eras.length - 1]
        const rows = async () => {
            const out: string[][] = []
            for (const table of ['score_metadata', 'score_distribution', 'score_snapshot', 'rank_event', 'fault_event']) {
                out.push((await ds.query(`SELECT t::text AS row FROM ${table} t ORDER BY id`)).map((r: {row: string}) => r.row))
            }
            return out
        }
        const before = await rows()
        await scoreEra(ds.manager, last, config, {candidates, programmeNominators: []})
        expect(await rows()).toEqual(before)
    })
})
