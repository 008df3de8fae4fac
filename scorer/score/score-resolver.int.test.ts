/**
 * The real squid-graphql-server with the project's custom resolvers module (built into lib/) over stored
 * scores: the candidateScore query and the generated entity queries of the scorer's part-2 tables.
 */
import path from 'node:path'
import type {DataSource} from 'typeorm'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {loadConfig} from '../../config/load'
import {PROJECT_DIR} from '../../config/project-dir'
import {applyMigrations} from '../../db/migrate'
import {type SquidGraphqlServer, startSquidGraphqlServer} from '../../test/vitest/squid-graphql-server'
import {useTestDatabase} from '../../test/vitest/database'
import {modelDataSource} from '../../test/vitest/model-data-source'
import type {ProgrammeCandidate} from '../programme-candidates'
import {scoreEra} from '../score-era'
import {writeSyntheticHistory} from '../synthetic-history'

const db = useTestDatabase('score_gql')
const config = loadConfig(path.join(PROJECT_DIR, 'config', 'devnet.json'))
let gql: SquidGraphqlServer
let valid: ProgrammeCandidate[]

beforeAll(async () => {
    await applyMigrations(db.settings)
    const ds: DataSource = modelDataSource(db.settings)
    await ds.initialize()
    const h = await ds.transaction(em => writeSyntheticHistory(em, {candidates: 20, eras: 6, nominators: 60, seed: 5}))
    valid = h.candidates.filter(c => c.valid)
    for (const era of [5, 6]) await scoreEra(ds.manager, era, config, {candidates: h.candidates, programmeNominators: []})
    await ds.destroy()

    gql = await startSquidGraphqlServer(db.settings)
}, 180_000)

afterAll(async () => {
    await gql?.stop()
})

const query = (q: string) => gql.query(q)

describe('GraphQL over stored scores', () => {
    it("candidateScore: the latest score of a candidate (by SS58 or hex) with its components and the era's statistics", async () => {
        const fields =
            'era stash totalNanopoints aggregateNanopoints randomPerbill randomnessSalt candidateCount recomputedEqual components { component weight raw condition weightedNanopoints count lower upper q50 mean }'
        const r = await query(
            `{ byAddress: candidateScore(stash: "${valid[0].stashAddress}") { ${fields} } older: candidateScore(stash: "${valid[0].stash}", era: 5) { era } none: candidateScore(stash: "${valid[0].stash}", era: 4) { era } }`,
        )
        expect(r.errors).toBeUndefined()
        const s = r.data.byAddress
        expect([s.era, s.stash, s.candidateCount, s.recomputedEqual]).toEqual([6, valid[0].stash, valid.length, true])
        expect(s.components.map((c: any) => c.component)).toHaveLength(14)
        const sum = s.components.reduce((t: bigint, c: any) => t + BigInt(c.weightedNanopoints), 0n)
        expect(BigInt(s.aggregateNanopoints)).toBe(sum)
        const inclusion = s.components.find((c: any) => c.component === 'inclusion')
        expect(inclusion).toMatchObject({
            weight: config.score.weights.inclusion,
            count: valid.length,
            lower: expect.stringMatching(/^\d+\.\d\d$/),
        })
        expect(r.data.older.era).toBe(5)
        expect(r.data.none).toBeNull()
    })

    it('a stash that is neither SS58 nor hex is refused as bad input', async () => {
        const r = await query(`{ candidateScore(stash: "nobody") { era } }`)
        expect(r.errors[0].message).toMatch(/^stash: expected an SS58 address or a 0x-prefixed 32-byte public key/)
        expect(r.errors[0].extensions.code).toBe('BAD_USER_INPUT')
    })

    it("the entities are served and filterable: snapshots by a component's value, distributions, rank and fault events", async () => {
        const r = await query(`{
            scoreSnapshots(where: {era_eq: 6, nominatorStakeRaw_gt: "0"}, orderBy: nominatorStakeRaw_DESC, limit: 3) { stash nominatorStakeRaw providerCondition metadata { era } }
            scoreDistributions(where: {era_eq: 6, component_eq: "bonded"}) { count lowerPercent upperPercent metadata { randomnessSalt } }
            rankEvents(where: {era_eq: 6}, limit: 1) { identityGroup rank activeStashes }
            faultEvents(where: {source_eq: "missedPayout"}, limit: 1) { stash era reason evidence }
        }`)
        expect(r.errors).toBeUndefined()
        const raws = r.data.scoreSnapshots.map((c: any) => BigInt(c.nominatorStakeRaw))
        expect(raws.length).toBeGreaterThan(0)
        expect([...raws].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0))).toEqual(raws)
        expect(r.data.scoreDistributions).toEqual([
            {count: valid.length, lowerPercent: 5, upperPercent: 85, metadata: {randomnessSalt: expect.any(String)}},
        ])
        expect(r.data.rankEvents[0].rank).toBeGreaterThan(0)
        expect(r.data.faultEvents[0].evidence.source).toBe('missedPayout')
    })
})
