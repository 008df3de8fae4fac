/**
 * The real squid-graphql-server with the project's resolvers module over a database where a pass has
 * run: `candidateValidity` answers why a candidate is invalid in one call, and the scorer's entities
 * (candidates, their checks, flips, runs) are served by the generated queries.
 */
import path from 'path'
import pg from 'pg'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {loadConfig} from '../../config/load'
import {PROJECT_DIR} from '../../config/project-dir'
import {pgClientConfig} from '../../db/connection'
import {applyMigrations} from '../../db/migrate'
import {type SquidGraphqlServer, startSquidGraphqlServer} from '../../test/vitest/squid-graphql-server'
import {useTestDatabase} from '../../test/vitest/database'
import {syncCandidates} from '../candidates/candidate-sync'
import {runPass} from '../pass'
import {enabledChecks} from '../validity/checks'
import {generatedValidator, stashOf, WORLD_CHAIN, worldCandidateList, writeWorld} from '../validity/generated-world'

const db = useTestDatabase('scorer_gql')
const NOW_MS = Date.UTC(2026, 0, 15, 12)
const VALIDATORS = [generatedValidator(1), {...generatedValidator(2), commissionPerbill: 100_000_000, blocked: true}]
let gql: SquidGraphqlServer

beforeAll(async () => {
    await applyMigrations(db.settings)
    const config = loadConfig(path.join(PROJECT_DIR, 'config', 'devnet.json'))
    const pool = new pg.Pool(pgClientConfig(db.settings))
    const client = await pool.connect()
    await writeWorld(client, {nowMs: NOW_MS, eras: 3, validators: VALIDATORS, chain: WORLD_CHAIN})
    await syncCandidates(client, worldCandidateList(VALIDATORS), 'world.json', NOW_MS)
    client.release()
    await runPass(pool, {
        checks: enabledChecks(config),
        trigger: 'start',
        nowMs: NOW_MS,
        keepLastKnownMs: 0,
        uptimeWindowMs: 7 * 86_400_000,
        maxSquidHeadAgeMs: 120_000,
        slashEras: 84,
        telemetryChain: WORLD_CHAIN,
    })
    await pool.end()

    gql = await startSquidGraphqlServer(db.settings)
})

afterAll(async () => {
    await gql?.stop()
})

const query = (q: string) => gql.query(q)

describe('GraphQL candidateValidity', () => {
    it('answers why a candidate is invalid: verdict, failing checks first with evidence and sentences, and its flips', async () => {
        const r = await query(`{ candidateValidity(candidate: "${stashOf(VALIDATORS[1].hex)}") {
            name stashPublicKey verdict invalidChecks unknownChecks checks { check status sentence evidence } changes { check fromStatus toStatus } } }`)
        expect(r.errors).toBeUndefined()
        const v = r.data.candidateValidity
        expect(v).toMatchObject({
            name: 'node-2',
            stashPublicKey: VALIDATORS[1].hex,
            verdict: 'invalid',
            invalidChecks: ['commission', 'blocked'],
            unknownChecks: [],
        })
        expect(v.checks.slice(0, 2).map((c: any) => [c.check, c.status])).toEqual([
            ['blocked', 'invalid'],
            ['commission', 'invalid'],
        ])
        expect(v.checks[1].sentence).toBe("commission 10 % is above the programme's 5 % (era 3, EraValidator at block 300)")
        expect(JSON.parse(v.checks[1].evidence)).toMatchObject({
            code: 'above_max',
            observed: {commissionPerbill: 100_000_000},
            threshold: {maxPerbill: 50_000_000},
        })
        expect(v.checks.slice(2).every((c: any) => c.status === 'valid')).toBe(true)
        expect(v.changes).toHaveLength(v.checks.length)
        expect(v.changes.every((c: any) => c.fromStatus === null)).toBe(true)
    })

    it('finds a candidate by name or hex key; an unknown one is null; bad input is named', async () => {
        const r = await query(
            `{ a: candidateValidity(candidate: "node-1") { verdict } b: candidateValidity(candidate: "${VALIDATORS[0].hex}") { name } c: candidateValidity(candidate: "nobody") { name } }`,
        )
        expect(r.errors).toBeUndefined()
        expect(r.data).toEqual({a: {verdict: 'valid'}, b: {name: 'node-1'}, c: null})
        const bad = await query('{ candidateValidity(candidate: "node-1", changes: 100000) { name } }')
        expect(bad.errors[0].message).toBe('changes: expected 0 to 500, got 100000')
        expect(bad.errors[0].extensions.code).toBe('BAD_USER_INPUT')
    })

    it("serves the scorer's entities through the generated queries", async () => {
        const r =
            await query(`{ candidates(orderBy: name_ASC) { name stash stashPublicKey verdict checks(where: {status_eq: invalid}, orderBy: check_ASC) { check } }
            scorerRuns { trigger candidates valid invalid unknown error } validityChanges(where: {check_eq: "commission"}, orderBy: candidate_name_ASC) { candidate { name } toStatus } }`)
        expect(r.errors).toBeUndefined()
        expect(r.data.candidates).toEqual([
            {name: 'node-1', stash: stashOf(VALIDATORS[0].hex), stashPublicKey: VALIDATORS[0].hex, verdict: 'valid', checks: []},
            {
                name: 'node-2',
                stash: stashOf(VALIDATORS[1].hex),
                stashPublicKey: VALIDATORS[1].hex,
                verdict: 'invalid',
                checks: [{check: 'blocked'}, {check: 'commission'}],
            },
        ])
        expect(r.data.scorerRuns).toEqual([{trigger: 'start', candidates: 2, valid: 1, invalid: 1, unknown: 0, error: null}])
        expect(r.data.validityChanges).toEqual([
            {candidate: {name: 'node-1'}, toStatus: 'valid'},
            {candidate: {name: 'node-2'}, toStatus: 'invalid'},
        ])
    })
})
