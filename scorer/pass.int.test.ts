/**
 * Validity passes end to end on real Postgres, over squid and telemetry rows generated as the squid and
 * the follower write them: each rule broken by one candidate makes exactly that candidate invalid with the
 * right check and evidence; outages, a lagging squid and a missing reading never flip a candidate
 * invalid; a sustained change flips after the hysteresis; a pass is idempotent per era and session.
 * A verdict that turns is announced to a local webhook once its pass has committed, with the failing check's sentence.
 */
import path from 'path'
import pg from 'pg'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {loadConfig} from '../config/load'
import {Secret} from '../config/secret'
import {createNotifier} from '../notify/notifier'
import {pgClientConfig} from '../db/connection'
import {applyMigrations} from '../db/migrate'
import {useTestDatabase} from '../test/vitest/database'
import {RecordingLog, ScriptedServer, stopServers} from '../test/vitest/notify-servers'
import {syncCandidates} from './candidates/candidate-sync'
import {runPass, type PassOptions, type PassTrigger, validityOptions} from './pass'
import {ChainLayer, STATE_SCHEMAS} from '../squid/chain-layer'
import {enabledChecks} from './validity/checks'
import {formatDuration} from './validity/wording'
import {
    DAY_MS,
    DUMMY_BEEFY,
    generatedValidator,
    stashOf,
    WORLD_CHAIN,
    worldCandidateList,
    writeWorld,
    type WorldValidator,
} from './validity/generated-world'

const db = useTestDatabase('scorer_pass')
const config = loadConfig(path.join(__dirname, '../config/devnet.json'))
const NOW_MS = Date.UTC(2026, 0, 15, 12)
const MIN_MS = 60_000
const PARENT = '0x' + 'fe'.repeat(32)

const v = (n: number, extra: Partial<WorldValidator>): WorldValidator => ({...generatedValidator(n), ...extra})
const VALIDATORS: WorldValidator[] = [
    v(1, {}),
    v(2, {commissionPerbill: 100_000_000}),
    v(3, {blocked: true}),
    v(4, {beefy: DUMMY_BEEFY}),
    v(5, {identity: {display: 'unverified', judgements: []}}),
    v(6, {identity: {display: 'group', judgements: [], parent: PARENT}}),
    v(7, {identity: {display: 'group', judgements: [], parent: PARENT}}),
    v(8, {node: {online: false, offlineSinceMs: NOW_MS - 2 * 3600_000}}),
    v(9, {node: {online: true, version: '1.10.0-abc'}}),
    v(10, {slashedInEra: 80}),
    v(11, {validating: false}),
    v(12, {selfStakePlanck: 10_000_000_000_000n}),
    v(13, {identity: {display: 'sub of a verified parent', judgements: [], parent: '0x' + 'fd'.repeat(32)}}),
]
const EXPECTED_INVALID: Record<string, string[]> = {
    'node-2': ['commission'],
    'node-3': ['blocked'],
    'node-4': ['beefy'],
    'node-5': ['identity'],
    'node-6': ['maxNodesPerIdentity'],
    'node-7': ['maxNodesPerIdentity'],
    'node-8': ['online'],
    'node-9': ['clientUpgrade'],
    'node-10': ['noSlash'],
    'node-11': ['validateIntention'],
    'node-12': ['selfStake'],
}

let pool: pg.Pool
const q = async (sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows
const checks = enabledChecks(config)
const passOptions = (nowMs: number, trigger: PassTrigger = 'schedule'): PassOptions => ({
    checks,
    trigger,
    nowMs,
    ...validityOptions(config.validity),
    telemetryChain: WORLD_CHAIN,
})
const verdicts = async () =>
    Object.fromEntries((await q('SELECT name, verdict FROM candidate ORDER BY name')).map(r => [r.name, r.verdict]))
const checkRow = async (name: string, check: string) =>
    (
        await q(`SELECT vc.* FROM validity_check vc JOIN candidate c ON c.id = vc.candidate_id WHERE c.name = $1 AND vc."check" = $2`, [
            name,
            check,
        ])
    )[0]
const flipsOf = async (name: string) =>
    (
        await q(
            `SELECT ch."check", ch.from_status, ch.to_status FROM validity_change ch JOIN candidate c ON c.id = ch.candidate_id
    WHERE c.name = $1 AND ch.from_status IS NOT NULL ORDER BY ch.at, ch."check"`,
            [name],
        )
    ).map(r => `${r.check}: ${r.from_status} -> ${r.to_status}`)

beforeAll(async () => {
    await applyMigrations(db.settings)
    pool = new pg.Pool({...pgClientConfig(db.settings), max: 3})
    const client = await pool.connect()
    try {
        await writeWorld(client, {nowMs: NOW_MS, eras: 84, validators: VALIDATORS, chain: WORLD_CHAIN})
        await syncCandidates(client, worldCandidateList(VALIDATORS), 'world.json', NOW_MS - DAY_MS)
    } finally {
        client.release()
    }
})

afterAll(async () => {
    await pool?.end()
})

describe('a pass over the generated world', () => {
    it('makes each rule breaker invalid by exactly its check, and the others valid', async () => {
        const s = await runPass(pool, passOptions(NOW_MS, 'start'))
        expect(s).toMatchObject({skipped: false, era: 84, session: 504, candidates: 13, counts: {valid: 2, invalid: 11, unknown: 0}})
        const rows = await q(`SELECT name, invalid_checks, unknown_checks, verdict FROM candidate ORDER BY slot_id`)
        const invalid = Object.fromEntries(rows.filter(r => r.invalid_checks.length).map(r => [r.name, [...r.invalid_checks].sort()]))
        expect(invalid).toEqual(EXPECTED_INVALID)
        expect(rows.filter(r => r.verdict === 'valid').map(r => r.name)).toEqual(['node-1', 'node-13'])
        // Not among the era's validators: its ledger was not read, so its self-stake is unknown, not invalid.
        expect(Object.fromEntries(rows.filter(r => r.unknown_checks.length).map(r => [r.name, r.unknown_checks]))).toEqual({
            'node-11': ['selfStake'],
        })
        // Every enabled check has its row, and each first result is a change from nothing.
        expect(Number((await q('SELECT count(*) FROM validity_check'))[0].count)).toBe(13 * checks.length)
        expect(Number((await q('SELECT count(*) FROM validity_change WHERE from_status IS NULL'))[0].count)).toBe(13 * checks.length)
        expect(await q('SELECT trigger, era, session, candidates, valid, invalid, unknown, error FROM scorer_run')).toEqual([
            {trigger: 'start', era: 84, session: 504, candidates: 13, valid: 2, invalid: 11, unknown: 0, error: null},
        ])
    })

    it('stores the evidence and the sentence an operator reads', async () => {
        const c = await checkRow('node-2', 'commission')
        expect(c.status).toBe('invalid')
        expect(c.evidence).toMatchObject({
            code: 'above_max',
            source: 'EraValidator',
            layer: 'assetHub',
            block: 8400,
            era: 84,
            observed: {commissionPerbill: 100_000_000},
            threshold: {maxPerbill: 50_000_000},
        })
        expect(c.sentence).toBe("commission 10 % is above the programme's 5 % (era 84, EraValidator at block 8,400)")
        const group = await checkRow('node-6', 'maxNodesPerIdentity')
        expect(group.evidence.observed).toMatchObject({root: PARENT, candidateCount: 2, candidateNames: ['node-6', 'node-7']})
        const sub = await checkRow('node-13', 'identity')
        expect(sub.status).toBe('valid')
        expect(sub.sentence).toContain("a sub-identity: its parent's judgements count")
        expect((await q(`SELECT identity_root FROM candidate WHERE name = 'node-6'`))[0].identity_root).toBe(PARENT)
    })

    it('does nothing for an era and session already passed, but runs on the schedule', async () => {
        const again = await runPass(pool, passOptions(NOW_MS + MIN_MS, 'session'))
        expect(again.skipped).toBe(true)
        expect(Number((await q('SELECT count(*) FROM scorer_run'))[0].count)).toBe(1)
        const scheduled = await runPass(pool, passOptions(NOW_MS + MIN_MS))
        expect(scheduled).toMatchObject({skipped: false, changes: 0, counts: {valid: 2, invalid: 11, unknown: 0}})
    })
})

describe('no flapping', () => {
    it('a telemetry feed outage gives unknown telemetry checks, never an invalid flip, and the verdicts hold', async () => {
        const before = await verdicts()
        const t = NOW_MS + 2 * MIN_MS
        await q(`UPDATE feed_connection_interval SET "end" = $1, alive_until = $1`, [new Date(t - 20 * MIN_MS)])
        for (const k of [1, 2, 3]) {
            const s = await runPass(pool, passOptions(t + k * MIN_MS))
            expect(s.counts).toEqual({valid: 2, invalid: 11, unknown: 0})
        }
        expect(await verdicts()).toEqual(before)
        // Held for the hysteresis, then unknown, not invalid; the candidate keeps its last known verdict.
        const online = await checkRow('node-1', 'online')
        expect(online.status).toBe('unknown')
        expect(online.sentence).toMatch(/^unknown: the telemetry feed is disconnected/)
        expect((await q(`SELECT verdict, verdict_held FROM candidate WHERE name = 'node-1'`))[0]).toEqual({
            verdict: 'valid',
            verdict_held: true,
        })
        expect((await q(`SELECT count(*) FROM validity_change WHERE to_status = 'invalid' AND from_status IS NOT NULL`))[0].count).toBe('0')
        // The feed back, confirmed alive past the rest of the tests.
        await q(
            `INSERT INTO feed_connection_interval (id, genesis_hash, feed_url, start, alive_until) VALUES ('back', $1, 'ws://feed', $2, $3)`,
            [WORLD_CHAIN, new Date(t + 4 * MIN_MS), new Date(t + DAY_MS)],
        )
    })

    // What the processors' stall detectors record: each layer's finalized head, and when they read it.
    const recordHead = (layer: string, height: string, seenMs: number) =>
        q(
            `INSERT INTO chain_head (id, finalized_height, seen_at) SELECT $1, ${height}, $2 FROM ${STATE_SCHEMAS[layer as ChainLayer]}.status
            ON CONFLICT (id) DO UPDATE SET finalized_height = excluded.finalized_height, seen_at = excluded.seen_at`,
            [layer, new Date(seenMs)],
        )

    it('a squid that falls behind the head its processor recorded gives unknown chain checks, never an invalid flip', async () => {
        const t = NOW_MS + 10 * MIN_MS
        await q('DELETE FROM squid_asset_hub.hot_block')
        await q('UPDATE squid_asset_hub.status SET height = height - 500')
        const limit = config.validity.maxSquidLagBlocks
        expect(limit).toBeLessThan(500)
        // Heads read just before each pass: the relay and People at their height, Asset Hub 500 blocks above it.
        const pass = async (at: number, assetHubHead: string) => {
            await recordHead('relay', 'height', at)
            await recordHead('people', 'height', at)
            await recordHead('assetHub', assetHubHead, at)
            await runPass(pool, passOptions(at))
        }
        for (const k of [0, 1]) await pass(t + k * MIN_MS, 'height + 500')
        const commission = await checkRow('node-1', 'commission')
        expect(commission.status).toBe('unknown')
        expect(commission.sentence).toMatch(/^unknown: the assetHub squid is 500 blocks behind the chain head/)
        expect((await q(`SELECT verdict FROM candidate WHERE name = 'node-1'`))[0].verdict).toBe('valid')
        expect(await flipsOf('node-1')).not.toContain('commission: valid -> invalid')
        // Within the limit the facts count again.
        for (const k of [2, 3]) await pass(t + k * MIN_MS, `height + ${limit}`)
        expect((await checkRow('node-1', 'commission')).status).toBe('valid')
        await q('UPDATE squid_asset_hub.status SET height = height + 500')
    })

    it("a processor that stopped recording the chain head gives unknown chain checks: its squid's lag is not known", async () => {
        const t = NOW_MS + 14 * MIN_MS
        const maxAgeMs = config.validity.maxSquidHeadAgeMs
        // The relay's and People's records stay fresh; Asset Hub's processor stopped (its record is at its height, not behind).
        for (const layer of ['relay', 'people']) await recordHead(layer, 'height', t + 2 * MIN_MS)
        await recordHead('assetHub', 'height', t - maxAgeMs)
        await runPass(pool, passOptions(t))
        expect((await checkRow('node-1', 'commission')).status).toBe('valid')
        for (const k of [1, 2]) await runPass(pool, passOptions(t + k * MIN_MS))
        const commission = await checkRow('node-1', 'commission')
        expect(commission.status).toBe('unknown')
        expect(
            commission.sentence.startsWith(
                `unknown: the assetHub squid's processor has not recorded the chain head for ${formatDuration(2 * MIN_MS + maxAgeMs)} (limit ${formatDuration(maxAgeMs)}), it may have stopped`,
            ),
        ).toBe(true)
        expect((await checkRow('node-1', 'identity')).status).toBe('valid')
        expect((await q(`SELECT verdict FROM candidate WHERE name = 'node-1'`))[0].verdict).toBe('valid')
        // Back to the hot blocks' head for the tests below.
        await q('DELETE FROM chain_head')
        await q(`INSERT INTO squid_asset_hub.hot_block (height, hash) SELECT height + 1, '0x' FROM squid_asset_hub.status`)
    })

    it('a single missing reading changes nothing', async () => {
        const t = NOW_MS + 20 * MIN_MS
        await runPass(pool, passOptions(t))
        await runPass(pool, passOptions(t + MIN_MS))
        const flipCount = async () =>
            Number((await q('SELECT count(*) FROM validity_change WHERE candidate_id = $1', [generatedValidator(1).hex]))[0].count)
        const flips = await flipCount()
        const location = await q(`DELETE FROM telemetry_node_location WHERE node_id = $1 RETURNING *`, [`${WORLD_CHAIN}:node-1`])
        await runPass(pool, passOptions(t + 2 * MIN_MS))
        expect(await checkRow('node-1', 'provider')).toMatchObject({status: 'valid', pending_status: 'unknown', pending_count: 1})
        const l = location[0]
        await q(
            `INSERT INTO telemetry_node_location (id, node_id, ip, country, provider, source, looked_up_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
            [l.id, l.node_id, l.ip, l.country, l.provider, l.source, l.looked_up_at],
        )
        await runPass(pool, passOptions(t + 3 * MIN_MS))
        expect(await checkRow('node-1', 'provider')).toMatchObject({status: 'valid', pending_status: null})
        expect(await flipCount()).toBe(flips)
        expect((await verdicts())['node-1']).toBe('valid')
    })

    it('a sustained change flips after the hysteresis (2 passes), with the evidence that flipped it', async () => {
        const t = NOW_MS + 30 * MIN_MS
        await q(
            `INSERT INTO validator_preference (id, validator_id, commission_perbill, blocked, chain, block_number) VALUES ('raise', $1, 70000000, false, 'assetHub', 8500)`,
            [generatedValidator(1).hex],
        )
        await runPass(pool, passOptions(t))
        expect(await checkRow('node-1', 'commission')).toMatchObject({status: 'valid', pending_status: 'invalid', pending_count: 1})
        expect((await verdicts())['node-1']).toBe('valid')
        await runPass(pool, passOptions(t + MIN_MS))
        expect(await checkRow('node-1', 'commission')).toMatchObject({status: 'invalid', pending_status: null})
        expect((await verdicts())['node-1']).toBe('invalid')
        const flip = (
            await q(
                `SELECT ch.* FROM validity_change ch WHERE ch."check" = 'commission' AND ch.candidate_id = $1 AND ch.from_status = 'valid' AND ch.to_status = 'invalid'`,
                [generatedValidator(1).hex],
            )
        )[0]
        expect(flip).toMatchObject({
            to_status: 'invalid',
            sentence: "commission 7 % is above the programme's 5 % (ValidatorPreference at block 8,500)",
            at: new Date(t + MIN_MS),
        })
    })
})

describe('notifications', () => {
    afterAll(stopServers)

    it('a verdict that turns is told once its pass commits: valid again, then invalid with the check and its sentence', async () => {
        const hook = await new ScriptedServer().start()
        const log = new RecordingLog()
        const notifier = createNotifier(
            {...config, notify: {...config.notify, minRetryDelayMs: 10, webhook: {url: new Secret(hook.url, 'test')}}},
            log,
        )
        const notify = {notify: notifier.notify.bind(notifier)}
        const node1 = {stash: stashOf(generatedValidator(1).hex), name: 'node-1'}
        const t = NOW_MS + 40 * MIN_MS
        // The raised commission of the test before is lowered again: valid after the hysteresis's two passes.
        await q(`DELETE FROM validator_preference WHERE id = 'raise'`)
        await runPass(pool, {...passOptions(t), ...notify})
        // The pass that turns it is rolled back: nothing turned, nothing told.
        const failing = runPass(pool, {
            ...passOptions(t + MIN_MS),
            ...notify,
            beforeCommit: async () => {
                throw new Error('stopped before the commit')
            },
        })
        await expect(failing).rejects.toThrow('stopped before the commit')
        expect(await notifier.flush(10_000)).toBe(0)
        expect(hook.requests).toEqual([])
        const turned = await runPass(pool, {...passOptions(t + 2 * MIN_MS), ...notify})
        expect(turned.turns).toBe(1)
        expect((await verdicts())['node-1']).toBe('valid')
        expect(await notifier.flush(10_000)).toBe(0)
        expect(hook.messages.map(m => [m.event, m.text])).toEqual([
            [{kind: 'candidateValid', candidate: node1}, `[devnet] node-1 (${node1.stash}) turned valid`],
        ])

        await q(
            `INSERT INTO validator_preference (id, validator_id, commission_perbill, blocked, chain, block_number) VALUES ('raise', $1, 70000000, false, 'assetHub', 8600)`,
            [generatedValidator(1).hex],
        )
        await runPass(pool, {...passOptions(t + 3 * MIN_MS), ...notify})
        await runPass(pool, {...passOptions(t + 4 * MIN_MS), ...notify})
        expect(await notifier.flush(10_000)).toBe(0)
        const sentence = "commission 7 % is above the programme's 5 % (ValidatorPreference at block 8,600)"
        expect(hook.messages.slice(1).map(m => [m.event, m.text])).toEqual([
            [
                {kind: 'candidateInvalid', candidate: node1, checks: [{check: 'commission', sentence}]},
                `[devnet] node-1 (${node1.stash}) turned invalid\n- commission: ${sentence}`,
            ],
        ])
        // Passes that turn nothing tell nothing.
        await runPass(pool, {...passOptions(t + 5 * MIN_MS), ...notify})
        expect(await notifier.flush(10_000)).toBe(0)
        expect(hook.messages).toHaveLength(2)
        expect(log.lines).toEqual([])
        notifier.close()
    })
})
