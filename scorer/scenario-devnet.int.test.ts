/**
 * The scorer end to end on the devnet's current layout (relay, Asset Hub, People) with its validity cases
 * (`devnet/scenario/validity-cases.ts`): the devnet's telemetry feed followed by the real follower, its chains
 * indexed by the three real processors, then a validity pass, all on real Postgres. Each candidate the scenario
 * made invalid is invalid by exactly its check, with the evidence (source, block or time, observed value,
 * threshold) and the sentence; every other candidate, elected or waiting, is valid with no check unknown.
 */
import path from 'node:path'
import {createLogger} from '@subsquid/logger'
import pg from 'pg'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {loadConfig} from '../config/load'
import {PROJECT_DIR} from '../config/project-dir'
import type {ValidityCheckName} from '../config/schema'
import {pgClientConfig} from '../db/connection'
import {applyMigrations} from '../db/migrate'
import {startDevnet, type Devnet} from '../devnet'
import type {ValidatorState} from '../devnet/scenario/world'
import {CASE_VALUES, VALIDITY_CASES, type ValidityCase} from '../devnet/scenario/validity-cases'
import {CHAIN_LAYERS} from '../squid/chain-layer'
import {startProcessorChild} from '../squid/processor-child'
import {indexCandidates} from '../telemetry/candidate-match'
import {readCandidates} from '../telemetry/candidates-file'
import {OfflineIpLocator} from '../telemetry/ip-location'
import {TelemetryFollower} from '../telemetry/telemetry-follower'
import {TelemetryStore} from '../telemetry/telemetry-store'
import {recordHeadsAtIndexed} from '../test/vitest/chain-heads'
import {useTestDatabase} from '../test/vitest/database'
import {waitFor} from '../test/vitest/wait-for'
import type {CandidateList} from './candidates/candidate'
import {syncCandidates} from './candidates/candidate-sync'
import {worldCandidateList} from './validity/generated-world'
import {runPass, type PassSummary, validityOptions} from './pass'
import {enabledChecks} from './validity/checks'

const db = useTestDatabase('scorer_scenario')
const base = loadConfig(path.join(PROJECT_DIR, 'config', 'devnet.json'))
/**
 * The devnet's programme, but with the time-based limits in seconds instead of minutes: a test cannot wait ten
 * minutes for a node to count as connected long enough, or as offline too long.
 */
const TIME_LIMIT_MS = 3_000
const config = {
    ...base,
    validity: {
        ...base.validity,
        online: {maxOfflineMs: TIME_LIMIT_MS},
        connectionTime: {...base.validity.connectionTime, minMs: TIME_LIMIT_MS},
    },
}
/** The checks each case breaks (offline for seconds, the node stays within the 2 % of a week accumulated offline allows). */
const BROKEN: Record<ValidityCase, ValidityCheckName[]> = {
    commission: ['commission'],
    blocked: ['blocked'],
    beefy: ['beefy'],
    identity: ['identity'],
    identityGroup: ['maxNodesPerIdentity'],
    offline: ['online'],
    clientVersion: ['clientUpgrade'],
    slashed: ['noSlash'],
    provider: ['provider'],
}

let devnet: Devnet
let pool: pg.Pool
let follower: TelemetryFollower
let indexedTo: number
let summary: PassSummary
let candidates: ValidatorState[]
let rows: {name: string; stash: string; verdict: string; invalid_checks: string[]; unknown_checks: string[]}[]

beforeAll(async () => {
    devnet = await startDevnet({scenario: 'current', seed: 11, port: 0, blockTimeMs: 0, finalityLagBlocks: 0})
    await applyMigrations(db.settings)
    pool = new pg.Pool(pgClientConfig(db.settings))
    const world = devnet.chain.world
    candidates = [...world.validators.values()].filter(v => v.isCandidate)
    // The follower watches the feed from the start, so the offline node is seen leaving.
    follower = new TelemetryFollower({
        feedUrl: devnet.feedUrl,
        chain: devnet.chain.genesisHash,
        offlineGraceMs: 200,
        reconnectMinDelayMs: 20,
        reconnectMaxDelayMs: 200,
        silenceTimeoutMs: 60_000,
        flushIntervalMs: 50,
        locationRefreshAfterMs: 172_800_000,
        candidates: indexCandidates(readCandidates(path.join(PROJECT_DIR, 'config', 'candidates', 'polkadot.json'))),
        locator: new OfflineIpLocator(),
        store: new TelemetryStore(pool),
        log: createLogger('test:telemetry'),
    })
    await follower.start()
    await waitFor(
        "the devnet's nodes with their locations",
        async () => (await pool.query('SELECT count(*)::int AS n FROM telemetry_node_location')).rows[0].n,
        n => n === world.validators.size,
        60_000,
    )
    await devnet.produceBlocks(66)
    indexedTo = devnet.finalized().number
    for (const layer of CHAIN_LAYERS) {
        const endpoint = devnet.endpoints.find(e => e.role === layer)!
        const run = startProcessorChild({layer, db: db.settings, rpcUrl: endpoint.httpUrl, toBlock: indexedTo})
        const code = await run.exited
        if (code !== 0) throw new Error(`${layer} processor exited with ${code}:\n${run.log().slice(-4000)}`)
    }
    // The offline node has been gone for longer than the limit, and every node was seen long enough ago.
    const offline = candidates.find(v => v.validityCase === 'offline')!
    await waitFor(
        'the offline node offline for longer than the limit',
        async () =>
            (
                await pool.query(
                    `SELECT (SELECT min(first_seen_at) FROM telemetry_node) AS first, i.start FROM telemetry_node n
                    JOIN telemetry_node_interval i ON i.node_id = n.id AND i.kind = 'offline' AND i."end" IS NULL WHERE n.name = $1`,
                    [offline.nodeName],
                )
            ).rows[0],
        r => r !== undefined && Date.now() - r.start.getTime() > 2 * TIME_LIMIT_MS && Date.now() - r.first.getTime() > 2 * TIME_LIMIT_MS,
        60_000,
        200,
    )

    const list: CandidateList = worldCandidateList(
        candidates.map(v => ({name: v.nodeName, hex: v.stash})),
        'devnet',
    )
    const client = await pool.connect()
    try {
        await syncCandidates(client, list, 'devnet', Date.now())
    } finally {
        client.release()
    }
    await recordHeadsAtIndexed(pool)
    summary = await runPass(pool, {
        checks: enabledChecks(config),
        trigger: 'start',
        nowMs: Date.now(),
        ...validityOptions(config.validity),
        telemetryChain: devnet.chain.genesisHash,
    })
    rows = (await pool.query('SELECT name, id AS stash, verdict, invalid_checks, unknown_checks FROM candidate ORDER BY slot_id')).rows
}, 300_000)

afterAll(async () => {
    await follower?.stop()
    await pool?.end()
    await devnet?.stop()
})

const check = async (stash: string, name: ValidityCheckName) =>
    (await pool.query(`SELECT status, evidence, sentence FROM validity_check WHERE candidate_id = $1 AND "check" = $2`, [stash, name]))
        .rows[0]
const byCase = (c: ValidityCase) => candidates.filter(v => v.validityCase === c)

describe('the devnet scenario with validity cases, through squid, telemetry and the scorer', () => {
    it('makes every case invalid by exactly its checks and every other candidate valid, none unknown', () => {
        expect(summary).toMatchObject({skipped: false, candidates: candidates.length})
        expect(new Set(candidates.map(v => v.validityCase).filter(Boolean))).toEqual(new Set(VALIDITY_CASES))
        const expected = Object.fromEntries(
            candidates.map(v => [
                v.nodeName,
                {verdict: v.validityCase ? 'invalid' : 'valid', invalid: v.validityCase ? BROKEN[v.validityCase] : [], unknown: []},
            ]),
        )
        const got = Object.fromEntries(
            rows.map(r => [r.name, {verdict: r.verdict, invalid: [...r.invalid_checks].sort(), unknown: r.unknown_checks}]),
        )
        expect(got).toEqual(expected)
    })

    it('judges waiting candidates on their own rows: in Validators, prefs, self-stake and keys read at the era end', async () => {
        const era = devnet.facts().eras.at(-1)!
        const waiting = candidates.filter(v => !era.validators.includes(v.stash))
        expect(waiting.length).toBeGreaterThan(0)
        for (const v of waiting) {
            for (const name of ['validateIntention', 'selfStake'] as const)
                expect(await check(v.stash, name), `${v.nodeName} ${name}`).toMatchObject({
                    status: 'valid',
                    evidence: {source: 'ValidatorIntention', layer: 'assetHub'},
                })
            expect(await check(v.stash, 'beefy'), v.nodeName).toMatchObject({evidence: {source: 'SessionKeys', layer: 'relay'}})
        }
    })

    it('commission: the observed 10 % against the 5 %, from an Asset Hub row with its block, in the sentence', async () => {
        for (const v of byCase('commission')) {
            const c = await check(v.stash, 'commission')
            expect(c.evidence).toMatchObject({
                code: 'above_max',
                layer: 'assetHub',
                observed: {commissionPerbill: CASE_VALUES.caseCommissionPerbill},
                threshold: {maxPerbill: config.validity.commission.maxPerbill},
            })
            expect(['ValidatorIntention', 'ValidatorPreference', 'EraValidator']).toContain(c.evidence.source)
            expect(c.evidence.block).toBeLessThanOrEqual(indexedTo)
            expect(c.sentence).toMatch(
                new RegExp(`^commission 10 % is above the programme's 5 % \\(.*${c.evidence.source} at block ${c.evidence.block}\\)$`),
            )
        }
    })

    it('blocked, dummy BEEFY key and unverified identity: the observed value and where it was read', async () => {
        const [blocked] = byCase('blocked')
        const bl = await check(blocked.stash, 'blocked')
        expect(bl).toMatchObject({
            status: 'invalid',
            evidence: {code: 'blocked', layer: 'assetHub', observed: true, threshold: false},
        })
        expect(bl.sentence).toMatch(/^blocks nominations from other accounts, so the programme cannot nominate it \(.*at block \d+\)$/)
        const [beefy] = byCase('beefy')
        const b = await check(beefy.stash, 'beefy')
        expect(b).toMatchObject({
            status: 'invalid',
            evidence: {code: 'dummy_key', source: 'SessionKeys', layer: 'relay', observed: {beefyHex: beefy.sessionKeys.beefy}},
        })
        expect(beefy.sessionKeys.beefy.startsWith('0x62656566')).toBe(true)
        expect(b.evidence.block).toBeLessThanOrEqual(indexedTo)
        expect(b.sentence).toBe(
            `its BEEFY key is the dummy 0x62656566… ("beef"); set real session keys (era ${b.evidence.era}, SessionKeys at block ${b.evidence.block})`,
        )
        const [identity] = byCase('identity')
        const i = await check(identity.stash, 'identity')
        expect(i).toMatchObject({
            status: 'invalid',
            evidence: {code: 'not_verified', source: 'Identity', layer: 'people', observed: {judgements: ['FeePaid']}},
        })
        expect(i.sentence).toContain('FeePaid')
    })

    it("the identity group's two candidates: both named, under the operator's identity", async () => {
        const group = byCase('identityGroup')
        expect(group).toHaveLength(2)
        const root = group.find(v => !devnet.chain.world.superOf.has(v.stash))!
        for (const v of group) {
            const c = await check(v.stash, 'maxNodesPerIdentity')
            expect(c.evidence).toMatchObject({
                code: 'too_many',
                layer: 'people',
                observed: {root: root.stash, candidateCount: 2},
                threshold: {maxNodes: config.validity.maxNodesPerIdentity},
            })
            expect([...c.evidence.observed.candidateNames].sort()).toEqual(group.map(g => g.nodeName).sort())
            expect(c.sentence).toContain(
                `has 2 nodes in the programme (${c.evidence.observed.candidateNames.join(', ')}), more than the programme's 1`,
            )
            // The sub-identity inherits its operator's verified judgement.
            expect((await check(v.stash, 'identity')).status).toBe('valid')
        }
    })

    it('offline node, old client and blacklisted provider: from the telemetry tables, with the time and the limit', async () => {
        const [offline] = byCase('offline')
        const o = await check(offline.stash, 'online')
        expect(o.evidence).toMatchObject({code: 'offline_too_long', source: 'TelemetryNode', threshold: {maxOfflineMs: TIME_LIMIT_MS}})
        expect(o.evidence.observed.offlineMs).toBeGreaterThan(TIME_LIMIT_MS)
        expect(typeof o.evidence.atMs).toBe('number')
        expect(o.sentence.startsWith(`node "${offline.nodeName}" has been offline for `)).toBe(true)
        expect(o.sentence).toContain("longer than the programme's 3 s")
        const [client] = byCase('clientVersion')
        const c = await check(client.stash, 'clientUpgrade')
        expect(c.evidence).toMatchObject({code: 'outdated'})
        expect(JSON.stringify(c.evidence.observed)).toContain(CASE_VALUES.oldVersion)
        expect(c.sentence).toContain(config.validity.clientUpgrade.forcedVersion)
        const [provider] = byCase('provider')
        expect(await check(provider.stash, 'provider')).toMatchObject({
            status: 'invalid',
            evidence: {
                code: 'blacklisted',
                source: 'TelemetryNodeLocation',
                observed: {provider: 'Hetzner Online GmbH', ip: provider.nodeIp},
                threshold: {blacklisted: config.validity.provider.blacklisted},
            },
            sentence: expect.stringMatching(/^the node runs at Hetzner Online GmbH, a provider the programme does not accept/),
        })
    })

    it('slashed: the Asset Hub slash with its era and block', async () => {
        const [slashed] = byCase('slashed')
        const slash = devnet.facts().events['Staking.Slashed'].find(e => e.fields.staker === slashed.stash)!
        expect(slash.chain).toBe('assetHub')
        const c = await check(slashed.stash, 'noSlash')
        expect(c.evidence).toMatchObject({
            code: 'slashed',
            source: 'Slash',
            layer: 'assetHub',
            threshold: {eras: config.validity.noSlash.eras},
        })
        // Slashed as era 0 ended: in the block that starts era 1, the era it counts in.
        const era = Math.max(
            ...devnet
                .facts()
                .eras.filter(e => e.startBlock <= slash.block)
                .map(e => e.index),
        )
        expect(era).toBe(1)
        expect(c.evidence.observed.slashes).toEqual([{block: slash.block, era, amountPlanck: String(slash.fields.amount)}])
        expect(c.sentence).toContain(`block ${slash.block}`)
    })
})
