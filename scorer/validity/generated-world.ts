/**
 * A generated world of squid and telemetry rows for the scorer's tests and benchmark: validators with
 * their era history, prefs, keys, identities, payouts, slashes and telemetry nodes, written in a few
 * set-based statements as the squid and the follower would have written them.
 */
import {encodeAddress} from '@polkadot/util-crypto'
import type pg from 'pg'
import type {Candidate, CandidateList} from '../candidates/candidate'
import {STATE_SCHEMAS} from '../../squid/chain-layer'

export const DAY_MS = 86_400_000
/** A real BEEFY key shape (33-byte compressed ECDSA) and the dummy the BEEFY check rejects. */
export const REAL_BEEFY = '0x02' + '11'.repeat(32)
export const DUMMY_BEEFY = '0x62656566' + '00'.repeat(29)

export interface WorldValidator {
    hex: string
    name: string
    commissionPerbill?: number
    blocked?: boolean
    /** Ledger.active as of the latest complete era. */
    selfStakePlanck?: bigint
    /** In Validators at the latest complete era's end (default true). */
    validating?: boolean
    /** BEEFY key hex; null: the keys have no BEEFY field; 'none': no session keys row. */
    beefy?: string | null | 'none'
    /** Judgement kinds of its own identity; null: no identity. `parent` makes it a sub-identity. */
    identity?: {display: string; judgements: string[]; parent?: string} | null
    /** Its telemetry node; null: none matched. */
    node?: {online: boolean; version?: string; firstSeenMs?: number; offlineSinceMs?: number; provider?: string; country?: string} | null
    /** Eras (of the complete ones) it was active in with no payout. */
    unpaidEras?: number[]
    slashedInEra?: number
}

export interface World {
    nowMs: number
    /** Complete eras 1..eras; era eras+1 is active. */
    eras: number
    validators: WorldValidator[]
    /** Telemetry chain (genesis hash). */
    chain: string
    /** The feed connection: up (default), down since a time, or never recorded. */
    feed?: {down?: number} | 'never'
    /** Blocks the Asset Hub squid is behind the head (0: at the head, with hot blocks). */
    squidLagBlocks?: number
}

export const ERA_BLOCKS = 100
export const WORLD_CHAIN = '0x' + 'ab'.repeat(32)

/** The n-th generated validator's key, SS58 (Polkadot) and a name. */
export function generatedValidator(n: number): WorldValidator {
    const hex = '0x' + n.toString(16).padStart(8, '0').repeat(8)
    return {hex, name: `node-${n}`}
}

export function stashOf(hex: string): string {
    return encodeAddress(hex, 0)
}

/** The candidate list a world's validators make (1KV format, Polkadot prefix), named `file`. */
export function worldCandidateList(validators: readonly {name: string; hex: string}[], file = 'world.json'): CandidateList {
    const candidates: Candidate[] = validators.map((v, i) => ({
        slotId: i,
        name: v.name,
        stash: stashOf(v.hex),
        stashPublicKeyHex: v.hex,
        kusamaStash: null,
        kusamaStashPublicKeyHex: null,
        riotHandles: [],
        kyc: false,
        skipSelfStake: false,
        status: null,
    }))
    return {file, candidates, problems: []}
}

/** Writes the world's squid and telemetry rows into a migrated, otherwise empty database. */
export async function writeWorld(db: pg.ClientBase, w: World): Promise<void> {
    const v = w.validators
    const hex = v.map(x => x.hex)
    const head = (w.eras + 1) * ERA_BLOCKS + 10
    const q = (sql: string, params: unknown[] = []) => db.query(sql, params)
    for (const [layer, schema] of Object.entries(STATE_SCHEMAS)) {
        await q(`CREATE SCHEMA IF NOT EXISTS ${schema}`)
        await q(
            `CREATE TABLE IF NOT EXISTS ${schema}.status (id int primary key, height int not null, hash text DEFAULT '0x', nonce int DEFAULT 0)`,
        )
        await q(`CREATE TABLE IF NOT EXISTS ${schema}.hot_block (height int4 primary key, hash text not null)`)
        const lag = layer === 'assetHub' ? (w.squidLagBlocks ?? 0) : 0
        await q(`INSERT INTO ${schema}.status (id, height) VALUES (0, $1) ON CONFLICT (id) DO UPDATE SET height = $1`, [head - 2 - lag])
        await q(`DELETE FROM ${schema}.hot_block`)
        if (lag === 0) await q(`INSERT INTO ${schema}.hot_block (height, hash) VALUES ($1, '0x1'), ($2, '0x2')`, [head - 1, head])
    }
    await q(`INSERT INTO account (id) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`, [hex])
    await q(
        `INSERT INTO era (id, index, chain, start_block, end_block, total_points, validator_count, snapshot_completed_at)
        SELECT e::text, e, 'assetHub', e * ${ERA_BLOCKS}, CASE WHEN e <= $1 THEN (e + 1) * ${ERA_BLOCKS} - 1 END, CASE WHEN e <= $1 THEN 1000 END, $2,
            CASE WHEN e <= $1 THEN now() END
        FROM generate_series(1, $1 + 1) e`,
        [w.eras, v.length],
    )
    await q(`INSERT INTO session (id, index, chain, era, block_number) VALUES ($1::text, $1::int, 'relay', $2, $3)`, [
        w.eras * 6,
        w.eras + 1,
        head - 5,
    ])
    // Every validator in every complete era (the latest one only if still validating), paid except its unpaid eras.
    const validating = v.map(x => x.validating !== false)
    await q(
        `INSERT INTO era_validator (id, era, validator_id, chain, points, commission_perbill, blocked, self_stake_planck, own_exposure_planck, total_exposure_planck, nominator_count, active)
        SELECT e || '-' || u.id, e, u.id, 'assetHub', 20, u.commission, u.blocked, u.stake::numeric, u.stake::numeric, u.stake::numeric * 10, 10, true
        FROM unnest($1::text[], $2::int[], $3::bool[], $4::text[], $5::bool[]) AS u(id, commission, blocked, stake, validating)
        CROSS JOIN generate_series(1, $6) e WHERE e < $6 OR u.validating`,
        [
            hex,
            v.map(x => x.commissionPerbill ?? 30_000_000),
            v.map(x => x.blocked ?? false),
            v.map(x => String(x.selfStakePlanck ?? 60_000_000_000_000n)),
            validating,
            w.eras,
        ],
    )
    const unpaid = v.flatMap(x => (x.unpaidEras ?? []).map(era => [x.hex, era] as const))
    await q(
        `INSERT INTO payout (id, era, validator_id, page, chain, block_number)
        SELECT ev.era || '-' || ev.validator_id, ev.era, ev.validator_id, 0, 'assetHub', (ev.era + 1) * ${ERA_BLOCKS} + 5 FROM era_validator ev
        WHERE NOT EXISTS (SELECT 1 FROM unnest($1::text[], $2::int[]) AS u(id, era) WHERE u.id = ev.validator_id AND u.era = ev.era)`,
        [unpaid.map(u => u[0]), unpaid.map(u => u[1])],
    )
    // Prefs set once, before the history; a chill after the last era end for those no longer validating.
    await q(
        `INSERT INTO validator_preference (id, validator_id, commission_perbill, blocked, chain, block_number)
        SELECT '1-' || u.id, u.id, u.commission, u.blocked, 'assetHub', 1 FROM unnest($1::text[], $2::int[], $3::bool[]) AS u(id, commission, blocked)`,
        [hex, v.map(x => x.commissionPerbill ?? 30_000_000), v.map(x => x.blocked ?? false)],
    )
    await q(`INSERT INTO chill (id, stash_id, chain, block_number) SELECT 'chill-' || id, id, 'assetHub', $2 FROM unnest($1::text[]) id`, [
        hex.filter((_, i) => !validating[i]),
        (w.eras + 1) * ERA_BLOCKS + 2,
    ])
    const keyed = v.filter(x => x.beefy !== 'none')
    await q(
        `INSERT INTO session_keys (id, era, validator_id, keys, beefy, block_number)
        SELECT $2::int || '-' || u.id, $2::int, u.id, '{}'::jsonb, u.beefy, $3 FROM unnest($1::text[], $4::text[]) AS u(id, beefy)`,
        [keyed.map(x => x.hex), w.eras + 1, (w.eras + 1) * ERA_BLOCKS - 3, keyed.map(x => (x.beefy === undefined ? REAL_BEEFY : x.beefy))],
    )
    await q(`INSERT INTO identity_import (id, block_number) VALUES ('people', 1)`)
    const ided = v.filter(x => x.identity !== null)
    const parents = [...new Set(ided.map(x => x.identity?.parent).filter((p): p is string => !!p))].filter(p => !hex.includes(p))
    await q(`INSERT INTO account (id) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`, [parents])
    await q(
        `INSERT INTO identity (id, account_id, chain, display, judgements, verified, parent_id, sub_name, root_id, cleared, updated_block)
        SELECT u.id, u.id, 'people', u.display, u.judgements::jsonb, u.verified, u.parent, CASE WHEN u.parent IS NOT NULL THEN 'sub' END, COALESCE(u.parent, u.id), false, 7
        FROM unnest($1::text[], $2::text[], $3::text[], $4::bool[], $5::text[]) AS u(id, display, judgements, verified, parent)`,
        [
            [...ided.map(x => x.hex), ...parents],
            [...ided.map(x => x.identity?.display ?? x.name), ...parents.map(p => `parent ${p.slice(0, 8)}`)],
            [
                ...ided.map(x => JSON.stringify((x.identity?.judgements ?? ['Reasonable']).map(j => ({registrarIndex: 0, judgement: j})))),
                ...parents.map(() => '[{"registrarIndex":0,"judgement":"Reasonable"}]'),
            ],
            [
                ...ided.map(x => (x.identity?.judgements ?? ['Reasonable']).some(j => j === 'Reasonable' || j === 'KnownGood')),
                ...parents.map(() => true),
            ],
            [...ided.map(x => x.identity?.parent ?? null), ...parents.map(() => null)],
        ],
    )
    const slashed = v.filter(x => x.slashedInEra !== undefined)
    await q(
        `INSERT INTO slash (id, staker_id, amount_planck, era, chain, block_number)
        SELECT 'slash-' || u.id, u.id, 1000, u.era, 'assetHub', u.era * ${ERA_BLOCKS} + 50 FROM unnest($1::text[], $2::int[]) AS u(id, era)`,
        [slashed.map(x => x.hex), slashed.map(x => x.slashedInEra!)],
    )
    // Telemetry: the feed up for 30 days (or down, or never), each node online or offline since a time.
    if (w.feed !== 'never') {
        const down = w.feed?.down
        await q(
            `INSERT INTO feed_connection_interval (id, genesis_hash, feed_url, start, "end", alive_until) VALUES ($1, $2, 'ws://feed', $3, $4, $5)`,
            [
                `${w.chain}:1`,
                w.chain,
                new Date(w.nowMs - 30 * DAY_MS),
                down === undefined ? null : new Date(down),
                new Date(down ?? w.nowMs - 1000),
            ],
        )
    }
    const noded = v.filter(x => x.node !== null)
    const node = (x: WorldValidator) => x.node ?? {online: true}
    const nodeIds = noded.map(x => `${w.chain}:${x.name}`)
    await q(
        `INSERT INTO telemetry_node (id, genesis_hash, name, implementation, version, first_seen_at, last_seen_at, online, connections, stale, candidate_stash, matched_by)
        SELECT u.id, $2, u.name, 'Parity Polkadot', u.version, u.first_seen, u.last_seen, u.online, CASE WHEN u.online THEN 1 ELSE 0 END, false, u.stash, 'name'
        FROM unnest($1::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::bool[], $8::text[]) AS u(id, name, version, first_seen, last_seen, online, stash)`,
        [
            nodeIds,
            w.chain,
            noded.map(x => x.name),
            noded.map(x => node(x).version ?? '1.15.2-abc'),
            noded.map(x => new Date(node(x).firstSeenMs ?? w.nowMs - 20 * DAY_MS).toISOString()),
            noded.map(x => new Date(node(x).online ? w.nowMs - 1000 : (node(x).offlineSinceMs ?? w.nowMs - DAY_MS)).toISOString()),
            noded.map(x => node(x).online),
            noded.map(x => stashOf(x.hex)),
        ],
    )
    await q(
        `INSERT INTO telemetry_node_interval (id, node_id, kind, start, "end")
        SELECT u.id || ':online', u.id, 'online', u.first_seen, CASE WHEN u.online THEN NULL ELSE u.offline_since END FROM unnest($1::text[], $2::timestamptz[], $3::bool[], $4::timestamptz[]) AS u(id, first_seen, online, offline_since)
        UNION ALL
        SELECT u.id || ':offline', u.id, 'offline', u.offline_since, NULL FROM unnest($1::text[], $2::timestamptz[], $3::bool[], $4::timestamptz[]) AS u(id, first_seen, online, offline_since) WHERE NOT u.online`,
        [
            nodeIds,
            noded.map(x => new Date(node(x).firstSeenMs ?? w.nowMs - 20 * DAY_MS).toISOString()),
            noded.map(x => node(x).online),
            noded.map(x => new Date(node(x).offlineSinceMs ?? w.nowMs - DAY_MS).toISOString()),
        ],
    )
    await q(
        `INSERT INTO telemetry_node_location (id, node_id, ip, country, provider, source, looked_up_at)
        SELECT u.id, u.id, '203.0.113.7', u.country, u.provider, 'offline:test', $4 FROM unnest($1::text[], $2::text[], $3::text[]) AS u(id, country, provider)`,
        [nodeIds, noded.map(x => node(x).country ?? 'DE'), noded.map(x => node(x).provider ?? 'OVH SAS'), new Date(w.nowMs - DAY_MS)],
    )
}
