/**
 * Issue 18's smoke test: the whole stack exactly as `npm start` runs it (the devnet config, only its ports changed
 * to free ones; embedded Postgres) until the first nomination round has landed and the next era has ended. Then
 * GraphQL, REST and SQL must tell the same story about the same candidates and the same round, the round's
 * targets must be what //Alice backs in the next era's exposures, and Ctrl-C must leave nothing behind.
 *
 * The services keep working while we read (the scorer passes every session, the gateway caches for 10 s), so
 * each comparison reads all three interfaces again until they agree, and fails with the last reading when they
 * never do.
 */
import fs from 'fs'
import os from 'os'
import path from 'path'
import pg from 'pg'
import {decodeAddress, encodeAddress} from '@polkadot/util-crypto'
import {u8aToHex} from '@polkadot/util'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {pgClientConfig} from '../db/connection'
import {embeddedPostgresSettings, freePort} from '../db/embedded'
import {perbillToPercent, planckToTokens} from '../gateway/display-units'
import {accepts, bannerValue, bareEnv, devnetConfigOnFreePorts, launch, type LauncherRun} from '../test/vitest/launcher-run'
import {waitFor} from '../test/vitest/wait-for'

/** //Alice, whom the devnet config's nominator account nominates for through //Bob's proxy. */
const ALICE = '15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5'
const ALICE_HEX = u8aToHex(decodeAddress(ALICE))
const ss58 = (hex: string) => encodeAddress(hex, 0)
const hexOf = (address: string) => u8aToHex(decodeAddress(address))
const sorted = <T>(xs: T[]) => [...xs].sort()
/** Check name → passed, in one key order for every interface. */
const checksOf = (entries: [string, boolean][]) => Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : 1)))
/** A score total as the gateway shows it: points from nanopoints, 0 before the first score. */
const points = (nanopoints: string | undefined) => (nanopoints === undefined ? 0 : Number(nanopoints) / 1e9)
/** Commission in percent and self-stake in tokens, as CandidateData shows them. */
const chainFigures = (i: {commission: number; selfStake: string} | undefined) => ({
    commission: i ? perbillToPercent(i.commission) : null,
    bonded: i ? planckToTokens(BigInt(i.selfStake), cfg.token.decimals) : 0,
})

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'whole-stack-'))
// mkdtemp makes the folder private to root; the embedded server's own user must pass through it.
fs.chmodSync(dataDir, 0o755)

let run: LauncherRun
let cfg: {
    token: {decimals: number}
    devnet: {port: number}
    metrics: {ports: Record<string, number>}
    api: {graphqlPort: number; restPort: number}
}
let pgPort: number
let sql: pg.Client
/** The era of the first landed round, and the finalized block its nomination landed in. */
let roundEra: number
let landedBlock: number

async function rows<T = any>(text: string, params: unknown[] = []): Promise<T[]> {
    return (await sql.query(text, params)).rows
}

async function rest(route: string): Promise<any> {
    const r = await fetch(`http://127.0.0.1:${cfg.api.restPort}${route}`)
    const body = await r.json()
    if (r.status !== 200) throw new Error(`REST ${route}: ${r.status} ${JSON.stringify(body)}`)
    return body
}

async function graphql(query: string): Promise<any> {
    const r = await fetch(`http://127.0.0.1:${cfg.api.graphqlPort}/graphql`, {
        method: 'POST',
        headers: {'content-type': 'application/json'},
        body: JSON.stringify({query}),
    })
    const answer = (await r.json()) as {data?: any; errors?: unknown[]}
    if (answer.errors) throw new Error(`GraphQL ${query}: ${JSON.stringify(answer.errors)}`)
    return answer.data
}

/**
 * Reads the three interfaces until their answers are equal, then expects them equal (so a failure shows the last
 * reading of each). The services write between the reads, and the gateway answers from a 10 s cache.
 */
async function agree<T>(what: string, read: {rest: () => Promise<T>; graphql: () => Promise<T>; sql: () => Promise<T>}) {
    const reading = await waitFor(
        `REST, GraphQL and SQL to agree on ${what}`,
        async () => ({rest: await read.rest(), graphql: await read.graphql(), sql: await read.sql()}),
        r => JSON.stringify(r.rest) === JSON.stringify(r.sql) && JSON.stringify(r.graphql) === JSON.stringify(r.sql),
        60_000,
        2000,
    )
    expect(reading.rest, `${what}: REST`).toEqual(reading.sql)
    expect(reading.graphql, `${what}: GraphQL`).toEqual(reading.sql)
    return reading.sql
}

beforeAll(async () => {
    const configFile = await devnetConfigOnFreePorts(dataDir)
    cfg = JSON.parse(fs.readFileSync(configFile, 'utf8'))
    pgPort = await freePort()
    // No database configured: the launcher starts its embedded Postgres, as on a fresh machine.
    run = launch(bareEnv({CONFIG: configFile, DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort)}))
    await run.waitFor('Ctrl-C to stop')
    expect(bannerValue(run.output(), 'postgres')).toBe(`postgres://postgres@127.0.0.1:${pgPort}/postgres`)
    sql = new pg.Client(pgClientConfig(embeddedPostgresSettings(pgPort)))
    await sql.connect()
    // The scorer needs a minute of telemetry (validity.connectionTime) and its hysteresis before a candidate is valid.
    const landed = await run.waitForLine(/first round landed: era (\d+), .* finalized in block #(\d+)/)
    roundEra = Number(landed[1])
    landedBlock = Number(landed[2])
    // The squid reads an era's exposures as it ends.
    await waitFor(
        `era ${roundEra + 1}'s exposures`,
        async () => (await rows('SELECT count(*)::int AS n FROM exposure WHERE era = $1', [roundEra + 1]))[0].n,
        n => n > 0,
        240_000,
        1000,
    )
}, 600_000)

afterAll(async () => {
    await sql?.end().catch(() => {})
    // A failed test must not leave the stack running.
    if (run?.groupAlive()) {
        run.interrupt()
        await run.exited
    }
    fs.rmSync(dataDir, {recursive: true, force: true})
})

describe('the whole stack as npm start runs it', () => {
    it('lands a round on the devnet: the log line, and REST, GraphQL and SQL give the same round and targets', async () => {
        const [nomination] = await rows(
            `SELECT n.stash, n.targets, n.status, n.finalized, n.block_number FROM nomination n WHERE n.round_id = $1`,
            [String(roundEra)],
        )
        expect(nomination).toMatchObject({stash: ALICE, status: 'done', finalized: true, block_number: landedBlock})
        expect(nomination.targets.length).toBeGreaterThan(0)
        expect(run.output()).toContain(
            `first round landed: era ${roundEra}, devnet-alice-via-bob nominates ${nomination.targets.length} target(s), finalized in block #${landedBlock}`,
        )
        const round = await agree(`round ${roundEra}'s targets`, {
            rest: async () => {
                const listed = (await rest('/rounds')).find((r: any) => r.era === roundEra)
                const detail = await rest(`/rounds/${roundEra}`)
                return {
                    status: listed?.status,
                    targets: detail.targets.map((t: any) => ({stash: t.stash, targets: t.targets})),
                }
            },
            graphql: async () => {
                const {nominationRounds} = await graphql(`{nominationRounds(where: {era_eq: ${roundEra}}, limit: 1) {status targets}}`)
                return {
                    status: nominationRounds[0]?.status,
                    targets: (nominationRounds[0]?.targets ?? []).map((t: any) => ({stash: t.stash, targets: t.targets})),
                }
            },
            sql: async () => ({
                status: (await rows('SELECT status FROM nomination_round WHERE id = $1', [String(roundEra)]))[0].status,
                targets: await rows('SELECT stash, targets FROM nomination WHERE round_id = $1 ORDER BY stash', [String(roundEra)]),
            }),
        })
        expect(round).toEqual({status: 'done', targets: [{stash: ALICE, targets: nomination.targets}]})
        // Each interface's record of the transaction: the nomination landed in that finalized block.
        const {nominations} = await graphql(
            `{nominations(where: {round: {id_eq: "${roundEra}"}}, limit: 10) {stash targets status finalized blockNumber}}`,
        )
        expect(nominations).toEqual([
            {stash: ALICE, targets: nomination.targets, status: 'done', finalized: true, blockNumber: landedBlock},
        ])
        const [last] = await rest(`/nominations/${ALICE}/1000`).then((ns: any[]) => ns.filter(n => n.era === roundEra))
        expect(last).toMatchObject({
            address: ALICE,
            validators: nomination.targets,
            status: 'done',
            finalized: true,
            blockNumber: landedBlock,
        })
    })

    it("shows the round in the next era's exposures: //Alice backs exactly its targets, alike in SQL, GraphQL and REST", async () => {
        const [nomination] = await rows('SELECT targets FROM nomination WHERE round_id = $1', [String(roundEra)])
        const next = roundEra + 1
        const exposures = await rows<{validator_id: string; amount_planck: string}>(
            'SELECT validator_id, amount_planck FROM exposure WHERE era = $1 AND nominator_id = $2 ORDER BY validator_id',
            [next, ALICE_HEX],
        )
        // The election at the round's era's end counted the nomination: every target elected is backed by //Alice.
        expect(sorted(exposures.map(e => ss58(e.validator_id)))).toEqual(sorted(nomination.targets))
        const {exposures: viaGraphql} = await graphql(
            `{exposures(where: {era_eq: ${next}, nominatorId_eq: "${ALICE_HEX}"}, orderBy: validatorId_ASC, limit: 100) {validatorId amountPlanck}}`,
        )
        expect(viaGraphql).toEqual(exposures.map(e => ({validatorId: e.validator_id, amountPlanck: e.amount_planck})))
        // REST shows an exposure with the reward it earned: the devnet's payout bot pays most validators as the era ends.
        const rewards = await waitFor(
            `REST rewards of //Alice for era ${next}`,
            () => rest(`/rewards/nominator/${ALICE}?era=${next}`),
            (rs: any[]) => rs.length > 0,
            120_000,
            2000,
        )
        for (const r of rewards) {
            const exposure = exposures.find(e => ss58(e.validator_id) === r.validator)
            expect(exposure, `REST reward of era ${next} from ${r.validator}`).toBeDefined()
            expect(r.exposurePlanck).toBe(exposure!.amount_planck)
        }
    })

    it('gives the same valid and invalid candidates in REST, GraphQL and SQL', async () => {
        await agree('the valid candidates', {
            rest: async () => sorted((await rest('/candidates/valid')).map((c: any) => c.stash)),
            graphql: async () =>
                sorted(
                    (await graphql('{candidates(where: {verdict_eq: valid, removedAt_isNull: true}, limit: 1000) {stash}}')).candidates.map(
                        (c: any) => c.stash,
                    ),
                ),
            sql: async () =>
                (await rows(`SELECT stash FROM candidate WHERE verdict = 'valid' AND removed_at IS NULL ORDER BY stash`)).map(r => r.stash),
        })
        // REST's invalid list holds every candidate not valid now: invalid, unknown, or not yet checked.
        const invalid = await agree('the candidates not valid', {
            rest: async () => sorted((await rest('/candidates/invalid')).map((c: any) => c.stash)),
            graphql: async () =>
                sorted(
                    (await graphql('{candidates(where: {removedAt_isNull: true}, limit: 1000) {stash verdict}}')).candidates
                        .filter((c: any) => c.verdict !== 'valid')
                        .map((c: any) => c.stash),
                ),
            sql: async () =>
                (
                    await rows(`SELECT stash FROM candidate WHERE verdict IS DISTINCT FROM 'valid' AND removed_at IS NULL ORDER BY stash`)
                ).map(r => r.stash),
        })
        expect(invalid.length).toBeGreaterThan(0)
    })

    it('gives each of a few candidates the same verdict, checks, score and chain figures in REST, GraphQL and SQL', async () => {
        const [nomination] = await rows('SELECT targets FROM nomination WHERE round_id = $1', [String(roundEra)])
        // The round's targets (valid, some waiting, some elected) and two validators of the devnet that a check fails
        // (most of the list's candidates are not on the devnet at all).
        const invalid = await rows(
            `SELECT stash FROM candidate WHERE verdict = 'invalid' AND removed_at IS NULL AND NOT 'validateIntention' = ANY(invalid_checks)
             ORDER BY stash LIMIT 2`,
        )
        const stashes: string[] = [...nomination.targets, ...invalid.map(r => r.stash)]
        expect(invalid).toHaveLength(2)
        for (const stash of stashes) {
            const hex = hexOf(stash)
            await agree(`candidate ${stash}`, {
                rest: async () => {
                    const c = await rest(`/candidate/${stash}`)
                    return {
                        verdict: c.verdict,
                        valid: c.valid,
                        checks: checksOf(c.validity.map((v: any) => [v._id.slice(stash.length + 1), v.valid])),
                        total: c.total,
                        commission: c.commission,
                        bonded: c.bonded,
                    }
                },
                graphql: async () => {
                    const d = await graphql(`{
                        candidateById(id: "${hex}") {verdict checks(limit: 100) {check status}}
                        scoreSnapshots(where: {stash_eq: "${hex}"}, orderBy: era_DESC, limit: 1) {totalNanopoints}
                        validatorIntentions(where: {validator: {id_eq: "${hex}"}}, orderBy: era_DESC, limit: 1) {commissionPerbill selfStakePlanck}
                    }`)
                    const intention = d.validatorIntentions[0]
                    return {
                        verdict: d.candidateById.verdict,
                        valid: d.candidateById.verdict === 'valid',
                        checks: checksOf(d.candidateById.checks.map((k: any) => [k.check, k.status === 'valid'])),
                        total: points(d.scoreSnapshots[0]?.totalNanopoints),
                        ...chainFigures(intention && {commission: intention.commissionPerbill, selfStake: intention.selfStakePlanck}),
                    }
                },
                sql: async () => {
                    const [c] = await rows('SELECT verdict FROM candidate WHERE id = $1', [hex])
                    const checks = await rows('SELECT "check", status FROM validity_check WHERE candidate_id = $1', [hex])
                    const [score] = await rows('SELECT total_nanopoints FROM score_snapshot WHERE stash = $1 ORDER BY era DESC LIMIT 1', [
                        hex,
                    ])
                    // The commission and self-stake the scorer's checks judged: the newest era's Validators entry.
                    const [intention] = await rows(
                        'SELECT commission_perbill, self_stake_planck FROM validator_intention WHERE validator_id = $1 ORDER BY era DESC LIMIT 1',
                        [hex],
                    )
                    return {
                        verdict: c.verdict,
                        valid: c.verdict === 'valid',
                        checks: checksOf(checks.map(k => [k.check, k.status === 'valid'])),
                        total: points(score?.total_nanopoints),
                        ...chainFigures(intention && {commission: intention.commission_perbill, selfStake: intention.self_stake_planck}),
                    }
                },
            })
        }
    })

    it("gives a validator's era points alike in REST, GraphQL and SQL", async () => {
        // A validator //Alice backs: elected, so it earns points.
        const [{validator_id: hex}] = await rows(
            'SELECT validator_id FROM exposure WHERE era = $1 AND nominator_id = $2 ORDER BY validator_id LIMIT 1',
            [roundEra + 1, ALICE_HEX],
        )
        const stash = ss58(hex)
        const points = await agree(`${stash}'s era points`, {
            // REST lists every era of its window, with 0 where the validator earned nothing.
            rest: async () =>
                (await rest(`/erapoints/${stash}`))
                    .filter((p: any) => p.eraPoints > 0)
                    .map((p: any) => ({era: p.era, points: p.eraPoints}))
                    .sort((a: any, b: any) => a.era - b.era),
            graphql: async () =>
                (
                    await graphql(
                        `{eraValidators(where: {validator: {id_eq: "${hex}"}, points_gt: 0}, orderBy: era_ASC, limit: 1000) {era points}}`,
                    )
                ).eraValidators,
            sql: async () => rows('SELECT era, points FROM era_validator WHERE validator_id = $1 AND points > 0 ORDER BY era', [hex]),
        })
        expect(points.map(p => p.era)).toContain(roundEra + 1)
    })
})

describe('through the eras it ran', () => {
    it('no service ended (and was restarted) and none logged an error', () => {
        expect(run.output()).not.toMatch(/"msg":"[^"]* exited \(/)
        expect(
            run
                .output()
                .split('\n')
                .filter(l => /"level":[45],/.test(l)),
        ).toEqual([])
    })
})

describe('Ctrl-C', () => {
    it('stops every process of the group and frees every port', async () => {
        const ports = [
            cfg.devnet.port,
            cfg.devnet.port + 1,
            cfg.devnet.port + 2,
            ...Object.values(cfg.metrics.ports),
            cfg.api.graphqlPort,
            cfg.api.restPort,
            pgPort,
        ]
        for (const port of [cfg.devnet.port, cfg.api.graphqlPort, cfg.api.restPort, pgPort])
            expect(await accepts(port), `port ${port}`).toBe(true)
        await sql.end()
        run.interrupt()
        expect(await run.exited).toBe(0)
        expect(run.output()).toContain('"msg":"stopped"')
        // Each service stops within its deadline, on a machine that may be busy.
        await waitFor(
            'the process group to end',
            () => run.groupAlive(),
            alive => !alive,
            60_000,
            200,
        )
        const listening = []
        for (const port of ports) if (await accepts(port)) listening.push(port)
        expect(listening).toEqual([])
        // The embedded Postgres runs in a process group of its own, which the launcher stops: its pid file is gone.
        expect(fs.existsSync(path.join(dataDir, 'postgres', 'data', 'postmaster.pid'))).toBe(false)
    })
})
