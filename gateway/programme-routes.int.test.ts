/**
 * The candidate, score, fault and nominator routes over a devnet run with scorer results: the relay processor
 * indexes the legacy devnet, every validator it saw is a candidate, a validity pass and the scoring of the last
 * complete eras run on it, and a nomination round is written through the nominator's store. Every response is
 * checked against the OpenAPI document the gateway serves and its values against the database; the strict
 * real clients' rules (present, non-null, number kind, units) are checked on the routes they read.
 */
import {encodeAddress} from '@polkadot/util-crypto'
import {createLogger} from '@subsquid/logger'
import type {FastifyInstance} from 'fastify'
import path from 'node:path'
import pg from 'pg'
import {Registry} from 'prom-client'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {loadConfig} from '../config/load'
import {PROJECT_DIR} from '../config/project-dir'
import {pgClientConfig} from '../db/connection'
import {applyMigrations} from '../db/migrate'
import {startDevnet, type Devnet} from '../devnet'
import {NominatorStore} from '../nominator/store/nominator-store'
import type {Candidate} from '../scorer/candidates/candidate'
import {syncCandidates} from '../scorer/candidates/candidate-sync'
import {completeErasBetween} from '../scorer/complete-eras'
import {runPass, validityOptions} from '../scorer/pass'
import {scoreEra} from '../scorer/score-era'
import {COMPONENT_NAMES} from '../scorer/score/components'
import {readStoredMetadata} from '../scorer/score/score-store'
import {enabledChecks} from '../scorer/validity/checks'
import {ChainLayer} from '../squid/chain-layer'
import {startProcessorChild} from '../squid/processor-child'
import {useTestDatabase} from '../test/vitest/database'
import {GatewayClient} from '../test/vitest/gateway-client'
import {modelDataSource} from '../test/vitest/model-data-source'
import {oldStatsName} from './candidate-routes'
import {buildGateway, type GatewaySettings} from './gateway'

const db = useTestDatabase('gateway_programme')
const config = loadConfig(path.join(PROJECT_DIR, 'config', 'devnet.json'))
const ss58 = (hex: string) => encodeAddress(hex, config.ss58Prefix)
const KUSAMA_STASH = encodeAddress('0x' + '4b'.repeat(32), 2)
const DECIMALS = config.token.decimals
const tokens = (planck: string | bigint) => Number(BigInt(planck)) / 10 ** DECIMALS

let devnet: Devnet
let pool: pg.Pool
let app: FastifyInstance
let client: GatewayClient
let eras: number[]
let stashes: string[]
const q = async (sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows

const SETTINGS: GatewaySettings = {
    network: 'devnet',
    ss58Prefix: config.ss58Prefix,
    tokenDecimals: DECIMALS,
    maxPageSize: 50,
    eraWindow: config.score.inclusionEras,
    spanInclusionEras: config.score.spanInclusionEras,
    proxyDelayBlocks: 10850,
    scoreWeights: config.score.weights,
    bannedProviders: config.validity.provider.blacklisted,
    roundEveryEras: config.nominator.roundEveryEras,
    fromBlocks: {relay: 0},
    candidateHexes: new Set(),
    version: 'test',
    startedAtMs: 0,
    cacheTtlMs: 0,
}

/** The nominator's records of one round: two accounts, one direct (done), one through a time-delay proxy (announced). */
async function writeRound(targets: string[]) {
    const store = new NominatorStore(pool)
    const era = eras[eras.length - 1]
    const [direct, delayed] = ['0x' + 'd1'.repeat(32), '0x' + 'd2'.repeat(32)].map(ss58)
    const signer = ss58('0x' + 'e1'.repeat(32))
    const roundId = String(era)
    await store.insertRound(
        {
            id: roundId,
            era,
            trigger: {gate: 'round starts'},
            inputSnapshot: '{"era":' + era + '}',
            inputHash: '0x' + 'aa'.repeat(32),
            policyHash: '0x' + 'bb'.repeat(32),
            seed: '0x' + 'cc'.repeat(32),
            candidates: [],
            targets: [
                {name: 'direct', stash: direct, targets: targets.slice(0, 2)},
                {name: 'delayed', stash: delayed, targets: targets.slice(1, 3)},
            ],
            plan: [],
            dryRun: false,
            status: 'partial',
        },
        [
            {
                id: `${roundId}:${direct}`,
                roundId,
                account: 'direct',
                stash: direct,
                signer: direct,
                mode: 'direct',
                targets: targets.slice(0, 2),
                callHash: '0x' + '01'.repeat(32),
                txHash: '0x' + '02'.repeat(32),
                blockNumber: 90,
                blockHash: '0x' + '03'.repeat(32),
                finalized: true,
                status: 'done',
                error: null,
            },
            {
                id: `${roundId}:${delayed}`,
                roundId,
                account: 'delayed',
                stash: delayed,
                signer,
                mode: 'delayedProxy',
                targets: targets.slice(1, 3),
                callHash: '0x' + '04'.repeat(32),
                txHash: null,
                blockNumber: null,
                blockHash: null,
                finalized: false,
                status: 'announced',
                error: null,
            },
        ],
        [
            {
                id: `${roundId}:${delayed}`,
                nominationId: `${roundId}:${delayed}`,
                signer,
                stash: delayed,
                callHash: '0x' + '04'.repeat(32),
                targets: targets.slice(1, 3),
                announcedTxHash: '0x' + '05'.repeat(32),
                announcedBlock: 91,
                status: 'announced',
                reason: null,
            },
        ],
    )
    await store.recordExtrinsic({
        txHash: '0x' + '02'.repeat(32),
        roundId,
        signer: direct,
        purpose: 'round',
        call: {pallet: 'utility', call: 'batchAll', args: {calls: []}},
        items: [{kind: 'remark'}],
        hex: '0x00',
        nonce: 3,
        birthBlock: 88,
        mortalUntilBlock: 152,
        attempt: 1,
        status: 'submitted',
    })
    await store.finishExtrinsic('0x' + '02'.repeat(32), 'landed', {number: 90, hash: '0x' + '03'.repeat(32)}, null)
    await store.writeStatus([
        {
            stash: direct,
            account: 'direct',
            signer: direct,
            mode: 'direct',
            state: 'Nominated',
            reason: 'nominated in era ' + era,
            bondedPlanck: 123_456_789_012_345n,
            lastNominationEra: era,
            currentTargets: targets.slice(0, 2),
            stale: false,
            dryRun: false,
            round: 'round done',
            pendingCallHash: null,
            pendingAnnouncedBlock: null,
            pendingExecutableBlock: null,
        },
        {
            stash: delayed,
            account: 'delayed',
            signer,
            mode: 'delayedProxy',
            state: 'Awaiting Proxy Execution',
            reason: 'announced at block 91',
            bondedPlanck: 5_000_000_000_000n,
            lastNominationEra: null,
            currentTargets: [],
            stale: false,
            dryRun: false,
            round: 'round done',
            pendingCallHash: '0x' + '04'.repeat(32),
            pendingAnnouncedBlock: 91,
            pendingExecutableBlock: 91 + 10850,
        },
    ])
    return {direct, delayed, signer, era}
}

let round: Awaited<ReturnType<typeof writeRound>>

beforeAll(async () => {
    devnet = await startDevnet({scenario: 'legacy', seed: 7, port: 0, blockTimeMs: 0, finalityLagBlocks: 2, upgradeAtBlock: 40})
    await devnet.produceBlocks(100)
    await applyMigrations(db.settings)
    const run = startProcessorChild({layer: ChainLayer.relay, db: db.settings, rpcUrl: devnet.httpUrl, toBlock: devnet.finalized().number})
    const code = await run.exited
    if (code !== 0) throw new Error(`relay processor exited with ${code}:\n${run.log().slice(-4000)}`)
    pool = new pg.Pool({...pgClientConfig(db.settings), max: 4})
    stashes = (await q('SELECT DISTINCT validator_id FROM era_validator ORDER BY 1')).map(r => r.validator_id)
    const candidates: Candidate[] = stashes.map((hex, i) => ({
        slotId: i,
        name: `devnet-${i}`,
        stash: ss58(hex),
        stashPublicKeyHex: hex,
        kusamaStash: i === 0 ? KUSAMA_STASH : null,
        kusamaStashPublicKeyHex: null,
        riotHandles: [],
        kyc: i % 2 === 0,
        skipSelfStake: false,
        status: null,
    }))
    const c = await pool.connect()
    try {
        await syncCandidates(c, {file: 'devnet.json', candidates, problems: []}, 'devnet.json', Date.now())
    } finally {
        c.release()
    }
    await runPass(pool, {
        checks: enabledChecks(config),
        trigger: 'start',
        nowMs: Date.now(),
        ...validityOptions(config.validity),
    })
    const ds = modelDataSource(db.settings)
    await ds.initialize()
    try {
        eras = await completeErasBetween(ds.manager, 0, 1_000_000)
        // Scored as if every validator were valid (the devnet has no telemetry, so the verdicts are unknown).
        const scored = stashes.map(s => ({stash: s, stashAddress: ss58(s), valid: true}))
        for (const era of eras.slice(-3)) await scoreEra(ds.manager, era, config, {candidates: scored, programmeNominators: []})
    } finally {
        await ds.destroy()
    }
    round = await writeRound(stashes.slice(0, 3).map(ss58))
    app = await buildGateway({settings: SETTINGS, pool, metrics: new Registry(), log: createLogger('test:gateway:programme')})
    client = new GatewayClient(await app.listen({port: 0, host: '127.0.0.1'}))
}, 300_000)

afterAll(async () => {
    await app?.close()
    await pool?.end()
    await devnet?.stop()
})

const latestScore = async (hex: string) =>
    (await q('SELECT * FROM score_snapshot WHERE stash = $1 ORDER BY era DESC LIMIT 1', [hex]))[0] as Record<string, any> | undefined

/** What subvt, onet, metaspan and the Kusama-rank check require of a CandidateData (1kv-rest-clients.md §3). */
function expectStrictCandidate(c: any) {
    for (const f of ['stash', 'name', 'kusamaStash', 'invalidityReasons']) expect(typeof c[f], f).toBe('string')
    for (const f of ['discoveredAt', 'offlineSince', 'offlineAccumulated', 'faults', 'rank', 'nominatedAt'])
        expect(Number.isInteger(c[f]), f).toBe(true)
    expect(typeof c.inclusion).toBe('number')
    expect(c.inclusion).toBeGreaterThanOrEqual(0)
    expect(c.inclusion).toBeLessThanOrEqual(1)
    expect(Array.isArray(c.validity)).toBe(true)
    for (const v of c.validity) {
        expect(typeof v._id).toBe('string')
        expect(typeof v.valid).toBe('boolean')
        expect(typeof v.type).toBe('string')
        expect(typeof v.details).toBe('string')
        expect(Number.isInteger(v.updated)).toBe(true)
    }
    expect(typeof c.identity._id).toBe('string')
    expect(typeof c.identity.name).toBe('string')
    expect(typeof c.identity.verified).toBe('boolean')
    expect(Array.isArray(c.identity.subIdentities)).toBe(true)
    expect(Array.isArray(c.unclaimedEras) && c.unclaimedEras.every(Number.isInteger)).toBe(true)
    for (const f of [
        'total',
        'aggregate',
        'inclusion',
        'spanInclusion',
        'discovered',
        'nominated',
        'rank',
        'unclaimed',
        'bonded',
        'faults',
        'offline',
        'randomness',
        'location',
        'region',
        'country',
        'provider',
        'nominatorStake',
    ])
        expect(Number.isFinite(c.score[f]), `score.${f}`).toBe(true)
    expect(Number.isInteger(c.score.updated)).toBe(true)
    expect(typeof c.valid).toBe('boolean')
    expect(typeof c.active).toBe('boolean')
    expect(typeof c.bonded).toBe('number')
    expect(c.commission === null || typeof c.commission === 'number').toBe(true)
    expect(typeof c.nominations.totalStake).toBe('number')
    expect(typeof c.nominations.inactiveStake).toBe('number')
    expect(Number.isInteger(c.nominations.activeNominators)).toBe(true)
    expect(Number.isInteger(c.nominations.inactiveNominators)).toBe(true)
}

describe('candidate routes on a scored devnet', () => {
    it('has candidates, verdicts, scores, ranks, rewards and a round to serve', async () => {
        expect(stashes.length).toBeGreaterThan(5)
        expect((await q('SELECT count(*)::int AS n FROM candidate WHERE verdict IS NOT NULL'))[0].n).toBe(stashes.length)
        expect((await q('SELECT count(DISTINCT era)::int AS n FROM score_snapshot'))[0].n).toBe(3)
        expect((await q('SELECT count(*)::int AS n FROM rank_event'))[0].n).toBeGreaterThan(0)
        expect((await q('SELECT count(*)::int AS n FROM reward WHERE destination IS NOT NULL'))[0].n).toBeGreaterThan(0)
    })

    it('/candidates lists every candidate by latest score total, in the old shape and units, paginated', async () => {
        const r = await client.getValid('/candidates', '/candidates')
        expect(r.headers.get('x-total-count')).toBe(String(stashes.length))
        expect(r.body).toHaveLength(Math.min(stashes.length, 50))
        const totals = r.body.map((c: any) => c.total)
        expect(totals).toEqual([...totals].sort((a: number, b: number) => b - a))
        for (const c of r.body) {
            expectStrictCandidate(c)
            const hex = stashes[c.slotId]
            expect(c.stash).toBe(ss58(hex))
            const s = await latestScore(hex)
            expect(c.total).toBe(Number(s!.total_nanopoints) / 1e9)
            expect(c.score.bonded).toBe(Number(s!.bonded_weighted_nanopoints) / 1e9)
            const [cand] = await q('SELECT verdict, identity_root FROM candidate WHERE id = $1', [hex])
            expect(c.valid).toBe(cand.verdict === 'valid')
            const [rank] = await q(
                `SELECT rank FROM rank_event WHERE identity_group = $1 AND rule = 'activeEras' ORDER BY era DESC LIMIT 1`,
                [cand.identity_root ?? hex],
            )
            expect(c.rank).toBe(rank?.rank ?? 0)
            const checks = await q('SELECT "check", status FROM validity_check WHERE candidate_id = $1 ORDER BY "check"', [hex])
            expect(c.validity.map((v: any) => v._id)).toEqual(checks.map(k => `${c.stash}:${k.check}`))
            expect(c.validity.map((v: any) => v.valid)).toEqual(checks.map(k => k.status === 'valid'))
            // The self-stake the scorer's check reads: the newest era's Validators entry, else the exposure's era.
            const [stake] = await q(
                `SELECT COALESCE(
                    (SELECT self_stake_planck FROM validator_intention WHERE validator_id = $1 ORDER BY era DESC LIMIT 1),
                    (SELECT self_stake_planck FROM era_validator WHERE validator_id = $1 ORDER BY era DESC LIMIT 1)) AS planck`,
                [hex],
            )
            expect(c.bonded).toBe(tokens(stake.planck ?? 0))
            // commission: percent, perbill / 10^7, of the newest prefs: a ValidatorPrefsSet event or the era's
            // Validators entry (the entry at a tie), else the era's.
            const [pref] = await q(
                `SELECT commission_perbill FROM (
                    SELECT commission_perbill, block_number, 1 AS src FROM validator_preference WHERE validator_id = $1
                    UNION ALL SELECT commission_perbill, block_number, 0 FROM validator_intention WHERE validator_id = $1
                ) p ORDER BY block_number DESC, src LIMIT 1`,
                [hex],
            )
            const [ev] = await q('SELECT commission_perbill FROM era_validator WHERE validator_id = $1 ORDER BY era DESC LIMIT 1', [hex])
            const perbill = pref?.commission_perbill ?? ev?.commission_perbill ?? null
            expect(c.commission).toBe(perbill === null ? null : perbill / 1e7)
            expect(c.kusamaStash).toBe(c.slotId === 0 ? KUSAMA_STASH : '')
            // The round's done nomination named slots 0 and 1.
            expect(c.nominatedAt).toBe(c.slotId <= 1 ? round.era : 0)
            const [inc] = await q(
                `SELECT count(*) FILTER (WHERE era > m - $2)::int AS inclusion, count(*) FILTER (WHERE era > m - $3)::int AS span
                 FROM era_validator, (SELECT max(era) AS m FROM era_validator) x WHERE validator_id = $1 AND points > 0`,
                [hex, config.score.inclusionEras, config.score.spanInclusionEras],
            )
            expect(c.inclusion).toBe(inc.inclusion / config.score.inclusionEras)
            expect(c.spanInclusion).toBe(inc.span / config.score.spanInclusionEras)
            expect(c.offlineAccumulated).toBe(Number(s!.offline_raw ?? 0))
            const [paid] = await q(
                'SELECT destination FROM reward WHERE stash_id = $1 AND destination IS NOT NULL ORDER BY block_number DESC, id DESC LIMIT 1',
                [hex],
            )
            expect(c.rewardDestination).toBe(paid?.destination ?? null)
        }
        const p = await client.getValid('/candidates', '/candidates?limit=2&offset=1')
        expect(p.body.map((c: any) => c.stash)).toEqual(r.body.slice(1, 3).map((c: any) => c.stash))
        expect(p.headers.get('link')).toContain('offset=3')
    })

    it('/candidates/valid and /candidates/invalid split the list by verdict; /candidates/rank sorts by rank', async () => {
        const valid = await client.getValid('/candidates/valid', '/candidates/valid')
        const invalid = await client.getValid('/candidates/invalid', '/candidates/invalid')
        const [counts] = await q(
            `SELECT count(*) FILTER (WHERE verdict = 'valid')::int AS v, count(*) FILTER (WHERE verdict <> 'valid')::int AS i FROM candidate`,
        )
        expect(Number(valid.headers.get('x-total-count'))).toBe(counts.v)
        expect(Number(invalid.headers.get('x-total-count'))).toBe(counts.i)
        expect(valid.body.every((c: any) => c.valid)).toBe(true)
        expect(invalid.body.every((c: any) => !c.valid && c.invalidityReasons !== '')).toBe(true)
        const rank = await client.getValid('/candidates/rank', '/candidates/rank')
        const ranks = rank.body.map((c: any) => c.rank)
        expect(ranks).toEqual([...ranks].sort((a: number, b: number) => b - a))
        expect(Math.max(...ranks)).toBeGreaterThan(0)
    })

    it('/candidate/:stash is the same document as the list item; an address not a candidate is 404', async () => {
        const list = (await client.get('/candidates')).body
        for (const item of list.slice(0, 3)) {
            const r = await client.getValid('/candidate/{stash}', `/candidate/${item.stash}`)
            expect(r.body).toEqual(item)
        }
        const stranger = ss58('0x' + '77'.repeat(32))
        const r = await client.getValid('/candidate/{stash}', `/candidate/${stranger}`, 404)
        expect(r.body.message).toBe(`stash ${stranger}: not a current candidate of the programme`)
    })

    it('nominations.inactive* count the nominators naming a candidate without backing it, and follow the next era snapshot', async () => {
        const hex = stashes[0]
        // Straight from the tables: targets in force naming it, without an exposure edge to it in the latest era.
        const inactiveOf = async () =>
            (
                await q(
                    `SELECT count(*)::int AS n, COALESCE(sum(b.bonded_planck), 0)::text AS stake
                     FROM nominator_targets t LEFT JOIN nominator_bond b ON b.nominator_id = t.nominator_id AND b.era = (SELECT max(era) FROM era_validator)
                     WHERE t.latest AND $1 = ANY(t.targets) AND NOT EXISTS (SELECT 1 FROM exposure x
                       WHERE x.era = (SELECT max(era) FROM era_validator) AND x.validator_id = $1 AND x.nominator_id = t.nominator_id)`,
                    [hex],
                )
            )[0]
        const nominations = async () => (await client.getValid('/candidate/{stash}', `/candidate/${ss58(hex)}`)).body.nominations
        const before = await inactiveOf()
        expect(await nominations()).toMatchObject({inactiveNominators: before.n, inactiveStake: tokens(before.stake)})
        // The next snapshot brings a nominator that names it but is not exposed behind it, bonded 7 tokens.
        const nominator = '0x' + 'ee'.repeat(32)
        const [{m}] = await q('SELECT max(era) AS m FROM era_validator')
        const snapshot = async () => void (await q('UPDATE era SET snapshot_completed_at = now() WHERE index = $1', [m]))
        await q('INSERT INTO account (id) VALUES ($1)', [nominator])
        try {
            await q(
                `INSERT INTO nominator_targets (id, era, nominator_id, targets, submitted_in, latest, block_number) VALUES ($1, $2, $3, $4, $2, true, 0)`,
                [`${m + 1}-${nominator}`, m + 1, nominator, [hex]],
            )
            await q(`INSERT INTO nominator_bond (id, era, nominator_id, bonded_planck) VALUES ($1, $2, $3, $4)`, [
                `${m}-${nominator}`,
                m,
                nominator,
                (7n * 10n ** BigInt(DECIMALS)).toString(),
            ])
            await snapshot()
            const after = await inactiveOf()
            expect(after.n).toBe(before.n + 1)
            expect(await nominations()).toMatchObject({inactiveNominators: after.n, inactiveStake: tokens(after.stake)})
        } finally {
            await q('DELETE FROM nominator_bond WHERE nominator_id = $1', [nominator])
            await q('DELETE FROM nominator_targets WHERE nominator_id = $1', [nominator])
            await q('DELETE FROM account WHERE id = $1', [nominator])
            await snapshot()
        }
        expect((await nominations()).inactiveNominators).toBe(before.n)
    })

    it('/candidate/:stash/validity gives every check with its evidence and the flips, paginated', async () => {
        const hex = stashes[1]
        const r = await client.getValid('/candidate/{stash}/validity', `/candidate/${ss58(hex)}/validity?limit=3`)
        const checks = await q('SELECT * FROM validity_check WHERE candidate_id = $1 ORDER BY "check"', [hex])
        expect(r.body.checks.map((k: any) => [k.check, k.status, k.sentence, k.since])).toEqual(
            checks.map(k => [k.check, k.status, k.sentence, k.since.getTime()]),
        )
        expect(r.body.checks.map((k: any) => k.evidence)).toEqual(checks.map(k => k.evidence))
        const [c] = await q('SELECT verdict, checked_at FROM candidate WHERE id = $1', [hex])
        expect(r.body.verdict).toBe(c.verdict)
        expect(r.body.checkedAt).toBe(c.checked_at.getTime())
        const [{n}] = await q('SELECT count(*)::int AS n FROM validity_change WHERE candidate_id = $1', [hex])
        expect(Number(r.headers.get('x-total-count'))).toBe(n)
        expect(r.body.changes).toHaveLength(Math.min(3, n))
        expect(r.body.changes[0].from).toBeNull()
    })

    it('/candidate/:stash/score explains the stored score with the era’s statistics, equal to it', async () => {
        for (const hex of stashes.slice(0, 3)) {
            const r = await client.getValid('/candidate/{stash}/score', `/candidate/${ss58(hex)}/score`)
            const s = (await latestScore(hex))!
            expect(r.body.era).toBe(s.era)
            expect(r.body.equal).toBe(true)
            expect(r.body.stored.totalNanopoints).toBe(String(s.total_nanopoints))
            expect(r.body.components.map((c: any) => c.component)).toEqual([...COMPONENT_NAMES])
            const metadata = (await readStoredMetadata({query: q} as any, s.era))!
            for (const c of r.body.components) {
                expect(c.distribution).toEqual(metadata.components[c.component as (typeof COMPONENT_NAMES)[number]])
                expect(c.weight).toBe(config.score.weights[c.component as (typeof COMPONENT_NAMES)[number]])
            }
            expect(r.body.components.find((c: any) => c.component === 'bonded').stored.weightedNanopoints).toBe(
                String(s.bonded_weighted_nanopoints),
            )
        }
        const older = eras.at(-3)!
        const r = await client.getValid('/candidate/{stash}/score', `/candidate/${ss58(stashes[0])}/score?era=${older}`)
        expect(r.body.era).toBe(older)
        expect((await client.getValid('/candidate/{stash}/score', `/candidate/${ss58(stashes[0])}/score?era=1`, 404)).body.message).toBe(
            `stash ${ss58(stashes[0])}: no stored score in era 1`,
        )
    })

    it('/score/:stash and /score/:stash/:era give the old score document', async () => {
        const hex = stashes[2]
        const s = (await latestScore(hex))!
        const r = await client.getValid('/score/{stash}', `/score/${ss58(hex)}`)
        expect(r.body.address).toBe(ss58(hex))
        expect(r.body.total).toBe(Number(s.total_nanopoints) / 1e9)
        expect(r.body.inclusion).toBe(Number(s.inclusion_weighted_nanopoints) / 1e9)
        const [era] = await q('SELECT end_time FROM era WHERE index = $1', [s.era])
        expect(r.body.updated).toBe(era.end_time.getTime())
        const older = eras.at(-2)!
        const o = await client.getValid('/score/{stash}/{era}', `/score/${ss58(hex)}/${older}`)
        const [so] = await q('SELECT total_nanopoints FROM score_snapshot WHERE stash = $1 AND era = $2', [hex, older])
        expect(o.body.total).toBe(Number(so.total_nanopoints) / 1e9)
        await client.getValid('/score/{stash}/{era}', `/score/${ss58(hex)}/100000`, 404)
    })

    it('/scoremetadata gives the latest era’s weights and statistics in the old names; /scoremetadata/:era one era', async () => {
        const r = await client.getValid('/scoremetadata', '/scoremetadata')
        expect(r.body.era).toBe(eras.at(-1))
        // insights reads these weights as numbers; faultWeight is the old schema's name.
        const w = config.score.weights
        expect(r.body).toMatchObject({
            inclusionWeight: w.inclusion,
            spanInclusionWeight: w.spanInclusion,
            discoveredAtWeight: w.discovered,
            nominatedAtWeight: w.nominated,
            rankWeight: w.rank,
            bondedWeight: w.bonded,
            faultWeight: w.faults,
            offlineWeight: w.offline,
            locationWeight: w.location,
            regionWeight: w.region,
            countryWeight: w.country,
            providerWeight: w.provider,
            nominatorStakeWeight: w.nominatorStake,
        })
        const metadata = (await readStoredMetadata({query: q} as any, r.body.era))!
        expect(r.body.distributions).toEqual(metadata.components)
        expect(r.body.bondedStats.q50).toBe(Number(metadata.components.bonded.q50))
        // values: the distribution itself, as the stored statistics were computed over it.
        for (const n of COMPONENT_NAMES) {
            const stats = r.body[oldStatsName(n)]
            expect(stats.values, n).toHaveLength(metadata.components[n].count)
            expect(stats.values, n).toEqual([...stats.values].sort((a: number, b: number) => a - b))
            if (stats.values.length) expect([stats.values[0], stats.values.at(-1)], n).toEqual([stats.absoluteMin, stats.absoluteMax])
        }
        const ranks = await q('SELECT rank_raw FROM score_snapshot WHERE era = $1 ORDER BY rank_raw', [r.body.era])
        expect(r.body.rankStats.values).toEqual(ranks.map(x => Number(x.rank_raw)))
        expect(r.body.bondedStats.values).toHaveLength(stashes.length)
        expect(r.body.candidateCount).toBe(stashes.length)
        const older = await client.getValid('/scoremetadata/{era}', `/scoremetadata/${eras.at(-2)}`)
        expect(older.body._id).toBe(String(eras.at(-2)))
        expect((await client.getValid('/scoremetadata/{era}', '/scoremetadata/1', 404)).body.message).toBe('era 1: not scored')
    })

    it('/faults and /candidate/:stash/faults list the fault events, newest era first', async () => {
        const r = await client.getValid('/faults', '/faults')
        const [{n}] = await q('SELECT count(*)::int AS n FROM fault_event')
        expect(Number(r.headers.get('x-total-count'))).toBe(n)
        const eraOrder = r.body.map((f: any) => f.era ?? -1)
        expect(eraOrder).toEqual([...eraOrder].sort((a: number, b: number) => b - a))
        const [top] = await q('SELECT stash, count(*)::int AS n FROM fault_event GROUP BY stash ORDER BY n DESC, stash LIMIT 1')
        if (top) {
            const f = await client.getValid('/candidate/{stash}/faults', `/candidate/${ss58(top.stash)}/faults`)
            expect(Number(f.headers.get('x-total-count'))).toBe(top.n)
            expect(f.body.every((x: any) => x.stash === ss58(top.stash))).toBe(true)
            const source = f.body[0].source
            const bySource = await client.getValid('/faults', `/faults?source=${source}`)
            expect(bySource.body.every((x: any) => x.source === source)).toBe(true)
        }
    })

    it('/locationstats/valid counts the valid candidates’ located nodes (none on a devnet without telemetry)', async () => {
        const r = await client.getValid('/locationstats/valid', '/locationstats/valid')
        expect(r.body).toMatchObject({totalNodes: 0, locations: [], countries: [], providers: []})
    })
})

describe('nominator routes on the round written through the nominator store', () => {
    it('/nominators gives the old Nominator documents, bonded as a JSON integer of planck (subvt: u128)', async () => {
        const r = await client.getValid('/nominators', '/nominators')
        expect(r.body.map((n: any) => n.stash)).toEqual([round.delayed, round.direct])
        const direct = r.body.find((n: any) => n.stash === round.direct)
        expect(direct).toMatchObject({
            _id: round.direct,
            address: round.direct,
            proxy: '',
            proxyDelay: 0,
            rewardDestination: '',
        })
        // avgStake: the mean total stake (tokens) of its targets exposed in the latest era.
        const exposed = await q(
            `SELECT total_exposure_planck FROM era_validator WHERE era = (SELECT max(era) FROM era_validator)
             AND validator_id = ANY($1) AND total_exposure_planck IS NOT NULL`,
            [stashes.slice(0, 2)],
        )
        expect(exposed.length).toBeGreaterThan(0)
        const mean = exposed.reduce((a, x) => a + BigInt(x.total_exposure_planck), 0n) / BigInt(exposed.length)
        expect(direct.avgStake).toBe(tokens(mean))
        expect(direct.bondedPlanck).toBe('123456789012345')
        expect(r.text).toContain('"bonded":123456789012345,')
        expect(direct.current.map((c: any) => c.stash)).toEqual(stashes.slice(0, 2).map(ss58))
        expect(direct.current.map((c: any) => c.name)).toEqual(['devnet-0', 'devnet-1'])
        const [n] = await q(`SELECT updated_at FROM nomination WHERE stash = $1`, [round.direct])
        expect(direct.lastNomination).toBe(n.updated_at.getTime())
        const delayed = r.body.find((n: any) => n.stash === round.delayed)
        expect(delayed).toMatchObject({proxy: round.signer, proxyDelay: 10850, lastNomination: 0, avgStake: 0})
        for (const n of r.body) {
            for (const f of ['_id', 'address', 'stash', 'proxy', 'rewardDestination']) expect(typeof n[f], f).toBe('string')
            for (const f of ['bonded', 'proxyDelay', 'lastNomination', 'createdAt']) expect(Number.isInteger(n[f]), f).toBe(true)
            expect(typeof n.avgStake).toBe('number')
        }
        expect((await client.getValid('/nominator/{stash}', `/nominator/${round.direct}`)).body).toEqual(direct)
        await client.getValid('/nominator/{stash}', `/nominator/${ss58(stashes[0])}`, 404)
    })

    it('/nominators/status is application/json with bondedAmount in tokens and the pending announcement', async () => {
        const r = await client.getValid('/nominators/status', '/nominators/status')
        expect(r.headers.get('x-total-count')).toBe('2')
        expect((await client.getValid('/nominators/status', '/nominators/status?limit=1&offset=1')).body).toEqual([r.body[1]])
        const direct = r.body.find((s: any) => s.stashAddress === round.direct)
        expect(direct).toMatchObject({
            state: 'Nominated',
            isBonded: true,
            bondedAmount: tokens(123_456_789_012_345n),
            isProxy: false,
            proxyTxs: [],
        })
        expect(direct.currentTargets.map((t: any) => [t.stash, t.name, t.kyc])).toEqual([
            [ss58(stashes[0]), 'devnet-0', true],
            [ss58(stashes[1]), 'devnet-1', false],
        ])
        const s0 = (await latestScore(stashes[0]))!
        expect(direct.currentTargets[0].score).toBe(Number(s0.total_nanopoints) / 1e9)
        const delayed = r.body.find((s: any) => s.stashAddress === round.delayed)
        const [announcement] = await q('SELECT updated_at FROM proxy_announcement WHERE stash = $1', [round.delayed])
        expect(delayed.proxyTxs).toEqual([
            {
                controller: round.delayed,
                number: 91,
                executionTime: 10850 * 6000,
                callHash: '0x' + '04'.repeat(32),
                timestamp: announcement.updated_at.getTime(),
                targets: stashes.slice(1, 3).map(ss58),
            },
        ])
    })

    it('/nominations, /nominations/:address/:last, /lastnomination and /proxytxs', async () => {
        const r = await client.getValid('/nominations', '/nominations')
        expect(r.body.map((n: any) => [n.address, n.status])).toEqual(
            [
                [round.direct, 'done'],
                [round.delayed, 'announced'],
            ].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
        )
        const done = r.body.find((n: any) => n.address === round.direct)
        expect(done).toMatchObject({
            era: round.era,
            validators: stashes.slice(0, 2).map(ss58),
            blockHash: '0x' + '03'.repeat(32),
            blockNumber: 90,
            finalized: true,
        })
        expect(typeof done._id).toBe('string')
        expect(Number.isInteger(done.timestamp)).toBe(true)
        expect(typeof done.bonded).toBe('number')
        const last = await client.getValid('/nominations/{address}/{last}', `/nominations/${round.direct}/1`)
        expect(last.body).toEqual([done])
        const [roundRow] = await q('SELECT updated_at FROM nomination_round WHERE era = $1', [round.era])
        // The next round is due in era round.era + roundEveryEras (1 on the devnet): the era running now, begun when round.era ended.
        const [due] = await q('SELECT start_time FROM era WHERE index = $1', [round.era + config.nominator.roundEveryEras])
        expect(due.start_time).not.toBeNull()
        expect((await client.getValid('/lastnomination', '/lastnomination')).body).toEqual({
            lastNominatedEraIndex: String(round.era),
            nextNomination: due.start_time.getTime(),
            when: roundRow.updated_at.getTime(),
        })
        const p = await client.getValid('/proxytxs', '/proxytxs')
        expect(p.body).toEqual([
            {
                number: 91,
                controller: round.delayed,
                targets: stashes.slice(1, 3).map(ss58),
                callHash: '0x' + '04'.repeat(32),
                signer: round.signer,
                status: 'announced',
                executableBlock: 91 + 10850,
                announcedTxHash: '0x' + '05'.repeat(32),
            },
        ])
    })

    it('/rounds and /rounds/:id give the inputs hash, policy hash, seed, targets, nominations and transactions with their blocks', async () => {
        const r = await client.getValid('/rounds', '/rounds')
        expect(r.body).toHaveLength(1)
        expect(r.body[0]).toMatchObject({
            id: String(round.era),
            era: round.era,
            status: 'partial',
            inputHash: '0x' + 'aa'.repeat(32),
            nominations: 2,
        })
        const d = await client.getValid('/rounds/{id}', `/rounds/${round.era}`)
        expect(d.body).toMatchObject({
            policyHash: '0x' + 'bb'.repeat(32),
            seed: '0x' + 'cc'.repeat(32),
            inputSnapshot: `{"era":${round.era}}`,
        })
        expect(d.body.targets.map((t: any) => t.name)).toEqual(['direct', 'delayed'])
        expect(d.body.accounts.map((a: any) => a.status).sort()).toEqual(['announced', 'done'])
        expect(d.body.transactions).toMatchObject([
            {txHash: '0x' + '02'.repeat(32), status: 'landed', blockNumber: 90, blockHash: '0x' + '03'.repeat(32), nonce: 3},
        ])
        expect(d.body.announcements).toMatchObject([{stash: round.delayed, status: 'announced', announcedBlock: 91}])
        expect((await client.getValid('/rounds/{id}', '/rounds/1', 404)).body.message).toBe('round 1: no such round')
    })
})

describe('bad requests on the programme routes', () => {
    const KSM = () => encodeAddress(stashes[0], 2)
    const battery: [string, () => string, string, () => string][] = [
        ['/candidate/{stash}', () => '/candidate/n0pe', 'stash', () => 'stash: "n0pe" is not an SS58 address (a character outside base58)'],
        [
            '/candidate/{stash}',
            () => `/candidate/${KSM()}`,
            'stash',
            () => `stash: "${KSM()}" is a Kusama address (prefix 2), expected Polkadot (prefix 0)`,
        ],
        [
            '/candidate/{stash}/score',
            () => `/candidate/${ss58(stashes[0])}/score?era=latest`,
            'era',
            () => 'era: must be a whole number, got "latest"',
        ],
        [
            '/candidate/{stash}/validity',
            () => `/candidate/${ss58(stashes[0])}/validity?limit=51`,
            'limit',
            () => 'limit: must be ≤ 50, got "51"',
        ],
        [
            '/candidate/{stash}/faults',
            () => `/candidate/${ss58(stashes[0])}/faults?offset=-1`,
            'offset',
            () => 'offset: must be ≥ 0, got "-1"',
        ],
        ['/candidates', () => '/candidates?limit=0', 'limit', () => 'limit: must be ≥ 1, got "0"'],
        ['/candidates/rank', () => '/candidates/rank?offset=x', 'offset', () => 'offset: must be a whole number, got "x"'],
        ['/score/{stash}/{era}', () => `/score/${ss58(stashes[0])}/-2`, 'era', () => 'era: must be ≥ 0, got "-2"'],
        ['/scoremetadata/{era}', () => '/scoremetadata/ten', 'era', () => 'era: must be a whole number, got "ten"'],
        [
            '/faults',
            () => '/faults?source=gossip',
            'source',
            () => 'source: must be one of "offlineReport", "offence", "slash", "chill", "kick", "missedPayout", got "gossip"',
        ],
        ['/nominations/{address}/{last}', () => `/nominations/${ss58(stashes[0])}/0`, 'last', () => 'last: must be ≥ 1, got "0"'],
        ['/nominations/{address}/{last}', () => '/nominations/0x12/5', 'address', () => 'address: "0x12" is hex, not an SS58 address'],
        [
            '/nominator/{stash}',
            () => '/nominator/abc',
            'stash',
            () => 'stash: "abc" is not a valid SS58 address (its checksum does not match: a typo?)',
        ],
        ['/rounds/{id}', () => '/rounds/abc', 'id', () => 'id: must match ^[0-9]{1,10}$, got "abc"'],
        ['/rounds', () => '/rounds?limit=1000', 'limit', () => 'limit: must be ≤ 50, got "1000"'],
        ['/nominators/status', () => '/nominators/status?limit=0', 'limit', () => 'limit: must be ≥ 1, got "0"'],
    ]
    it.each(battery.map(([template, path, parameter, message]) => ({template, path, parameter, message})))(
        '$template → 400 naming $parameter',
        async ({template, path, parameter, message}) => {
            const r = await client.getValid(template, path(), 400)
            expect(r.body).toEqual({statusCode: 400, error: 'Bad Request', message: message(), parameter})
        },
    )
})
