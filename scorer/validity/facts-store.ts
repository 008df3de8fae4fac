/**
 * Reads the facts the validity checks need for all candidates at once from what the squid and the
 * telemetry follower wrote: a few set-based queries (never one per candidate), each fact with its table
 * and the block, era or time it is as of; chain facts only from complete eras.
 */
import type pg from 'pg'
import {ChainLayer, STATE_SCHEMAS} from '../../squid/chain-layer'
import {UPTIME_SQL, uptimeFromSqlRow, uptimeSqlParams, type UptimeSqlRow} from '../../telemetry/uptime-sql'
import type {Candidate} from '../candidates/candidate'
import {eraCompleteSql} from '../complete-eras'
import type {CandidateFacts, Fact, FeedFacts, IdentityFacts, PassFacts, SquidProgress} from './facts'
import {squidProgress} from './squid-progress'

/** Eras back from the active one in which an unpaid payout still counts (the chain's HistoryDepth). */
export const HISTORY_DEPTH_ERAS = 84

export interface FactsOptions {
    nowMs: number
    /** The telemetry chain (genesis hash) of the network; undefined: the chain most candidate nodes report to. */
    telemetryChain?: string
    /** Window of the accumulated-offline check. */
    uptimeWindowMs: number
    /** Eras back from the active one the no-slash check looks. */
    slashEras: number
    /** Read unpaid payouts (the heaviest query): only when the unclaimed-rewards check is enabled. */
    unclaimedEras?: boolean
    /** A layer whose processor recorded the chain's head (ChainHead) longer ago than this has unknown progress. */
    maxSquidHeadAgeMs: number
}

export type CandidateFactsResult = {candidate: Candidate; facts: CandidateFacts} | {candidate: Candidate; error: string}

export interface PassRead {
    pass: PassFacts
    /** The newest complete era and session the squid has indexed: what a pass is idempotent over. */
    era: number | null
    session: number | null
    results: CandidateFactsResult[]
    /** Identity group root (hex) per candidate id, for the candidate rows. */
    roots: Map<string, string>
}

type Rows<T> = Promise<{rows: T[]}>

/**
 * Reads the facts of `candidates`. Run it inside a REPEATABLE READ transaction for one consistent view.
 * A candidate whose rows cannot be read into facts gets an error instead; the others go on.
 */
export async function readFacts(db: pg.ClientBase, candidates: Candidate[], opts: FactsOptions): Promise<PassRead> {
    const nowMs = opts.nowMs
    const ids = candidates.map(c => c.stashPublicKeyHex)
    const stashes = candidates.map(c => c.stash)

    const squid = await readSquidProgress(db, nowMs, opts.maxSquidHeadAgeMs)
    const chain = opts.telemetryChain ?? (await busiestTelemetryChain(db, stashes))
    const feed = chain === undefined ? undefined : await readFeed(db, chain)
    const pass: PassFacts = {nowMs, squid, feed}

    // Staking: the layer of the newest era (Asset Hub after the migration, else the relay).
    const eras = (
        await (db.query(`SELECT e.index, e.chain, e.start_block, e.end_block, ${eraCompleteSql('e')} AS complete
        FROM era e WHERE e.chain = (SELECT chain FROM era ORDER BY index DESC LIMIT 1) ORDER BY e.index DESC LIMIT 3`) as Rows<EraRow>)
    ).rows
    const active = eras[0]
    const stakingLayer = active?.chain
    const completeEra = (
        await (db.query(
            `SELECT e.index, e.chain, e.start_block, e.end_block, true AS complete FROM era e
        WHERE e.chain = $1 AND e.end_block IS NOT NULL AND ${eraCompleteSql('e')} ORDER BY e.index DESC LIMIT 1`,
            [stakingLayer ?? ''],
        ) as Rows<EraRow>)
    ).rows[0]
    const session = (await (db.query('SELECT max(index) AS s FROM session') as Rows<{s: number | null}>)).rows[0]?.s ?? null

    // One connection runs its queries one after another: issued in sequence.
    const nodes = await (db.query(
        `SELECT DISTINCT ON (n.candidate_stash) n.id, n.candidate_stash, n.name, n.implementation, n.version, n.online, n.first_seen_at, n.last_seen_at,
                (SELECT max(i.start) FROM telemetry_node_interval i WHERE i.node_id = n.id AND i.kind = 'offline' AND i."end" IS NULL) AS offline_since,
                l.ip, l.country, l.region, l.provider, l.looked_up_at
            FROM telemetry_node n LEFT JOIN telemetry_node_location l ON l.node_id = n.id
            WHERE n.candidate_stash = ANY($1) AND ($2::text IS NULL OR n.genesis_hash = $2)
            ORDER BY n.candidate_stash, n.online DESC, n.last_seen_at DESC`,
        [stashes, chain ?? null],
    ) as Rows<NodeRow>)
    const prefs = await (db.query(
        `SELECT DISTINCT ON (validator_id) validator_id, commission_perbill, blocked, block_number FROM validator_preference
            WHERE validator_id = ANY($1) AND chain = $2 ORDER BY validator_id, block_number DESC, id DESC`,
        [ids, stakingLayer ?? ''],
    ) as Rows<PrefRow>)
    const chills = await (db.query(
        `SELECT DISTINCT ON (stash_id) stash_id, block_number FROM chill WHERE stash_id = ANY($1) AND chain = $2
            ORDER BY stash_id, block_number DESC`,
        [ids, stakingLayer ?? ''],
    ) as Rows<{stash_id: string; block_number: number}>)
    const eraValidators = await (db.query(
        `SELECT validator_id, commission_perbill, blocked, self_stake_planck FROM era_validator WHERE era = $2 AND validator_id = ANY($1)`,
        [ids, completeEra?.index ?? -1],
    ) as Rows<EraValidatorRow>)
    const inValidators = new Set(eraValidators.rows.filter(r => r.commission_perbill !== null).map(r => r.validator_id))
    // The prefs each stash's latest era was paid with (ErasValidatorPrefs: in force when the era's set was elected,
    // so read at the era's first block): the complete era's row where it has them, else looked up for the few others.
    const eraPrefs = await (db.query(
        `SELECT DISTINCT ON (ev.validator_id) ev.validator_id, ev.era, ev.commission_perbill, ev.blocked, COALESCE(e.start_block, 0) AS at_block
            FROM era_validator ev JOIN era e ON e.index = ev.era AND e.chain = ev.chain
            WHERE ev.validator_id = ANY($1) AND ev.chain = $2 AND ev.commission_perbill IS NOT NULL AND ev.era <= $3 AND e.end_block IS NOT NULL
            ORDER BY ev.validator_id, ev.era DESC`,
        [ids.filter(id => !inValidators.has(id)), stakingLayer ?? '', completeEra?.index ?? -1],
    ) as Rows<EraPrefsRow>)
    for (const r of eraValidators.rows) {
        if (r.commission_perbill !== null && completeEra) {
            eraPrefs.rows.push({
                validator_id: r.validator_id,
                era: completeEra.index,
                commission_perbill: r.commission_perbill,
                blocked: r.blocked!,
                at_block: completeEra.start_block ?? 0,
            })
        }
    }
    // Every Validators entry at the complete era's end, waiting validators too (none for an era indexed before they were read).
    const intentions = await (db.query(
        `SELECT validator_id, commission_perbill, blocked, self_stake_planck, block_number FROM validator_intention
            WHERE era = $2 AND chain = $3 AND validator_id = ANY($1)`,
        [ids, completeEra?.index ?? -1, stakingLayer ?? ''],
    ) as Rows<IntentionRow>)
    const intentionsRead =
        completeEra !== undefined &&
        (
            await (db.query('SELECT EXISTS (SELECT 1 FROM validator_intention WHERE era = $1 AND chain = $2) AS read', [
                completeEra.index,
                stakingLayer,
            ]) as Rows<{read: boolean}>)
        ).rows[0].read
    const keys = await (db.query(
        `SELECT k.validator_id, k.era, k.beefy, k.block_number FROM session_keys k
            WHERE k.era = (SELECT max(era) FROM session_keys) AND k.validator_id = ANY($1)`,
        [ids],
    ) as Rows<KeysRow>)
    const identities = await (db.query(
        `SELECT i.id, i.chain, i.display, i.sub_name, i.parent_id, i.root_id, i.judgements, i.cleared, i.updated_block,
                p.display AS parent_display, p.judgements AS parent_judgements, r.display AS root_display
            FROM identity i LEFT JOIN identity p ON p.id = i.parent_id LEFT JOIN identity r ON r.id = i.root_id
            WHERE i.id = ANY($1) OR i.id IN (SELECT root_id FROM identity WHERE id = ANY($1))`,
        [ids],
    ) as Rows<IdentityRow>)
    const imports = await (db.query('SELECT id, block_number FROM identity_import') as Rows<{id: ChainLayer; block_number: number}>)
    const unclaimed = !opts.unclaimedEras
        ? {rows: []}
        : await (db.query(
              `SELECT ev.validator_id, array_agg(ev.era ORDER BY ev.era) AS eras FROM era_validator ev
            WHERE ev.validator_id = ANY($1) AND ev.era > $2 AND ev.era <= $3 AND ev.active AND ev.points > 0
              AND NOT EXISTS (SELECT 1 FROM payout p WHERE p.validator_id = ev.validator_id AND p.era = ev.era)
            GROUP BY ev.validator_id`,
              [ids, (active?.index ?? 0) - HISTORY_DEPTH_ERAS, completeEra?.index ?? -1],
          ) as Rows<{validator_id: string; eras: number[]}>)
    const slashes = await (db.query(
        `SELECT s.staker_id, s.amount_planck, s.block_number,
                COALESCE(s.era, (SELECT max(e.index) FROM era e WHERE e.chain = s.chain AND e.start_block <= s.block_number)) AS era
            FROM slash s WHERE s.staker_id = ANY($1)`,
        [ids],
    ) as Rows<{staker_id: string; amount_planck: string; block_number: number; era: number | null}>)
    const offences = await (db.query(
        `SELECT o.validator_id, o.slash_fraction_perbill, o.block_number,
                COALESCE(o.era, (SELECT max(e.index) FROM era e WHERE e.chain = o.chain AND e.start_block <= o.block_number)) AS era
            FROM offence o WHERE o.validator_id = ANY($1) AND o.slash_fraction_perbill > 0`,
        [ids],
    ) as Rows<{validator_id: string; slash_fraction_perbill: number; block_number: number; era: number | null}>)

    const nodeBy = new Map(nodes.rows.map(r => [r.candidate_stash, r]))
    const uptimeBy = new Map<string, UptimeSqlRow>()
    if (nodes.rows.length) {
        const window = {startMs: nowMs - opts.uptimeWindowMs, endMs: nowMs}
        const rows = (
            await (db.query(
                UPTIME_SQL,
                uptimeSqlParams(
                    nodes.rows.map(r => r.id),
                    window,
                    nowMs,
                ),
            ) as Rows<UptimeSqlRow>)
        ).rows
        for (const r of rows) uptimeBy.set(r.id, r)
    }
    const by = <T, K extends keyof T>(rows: T[], key: K) => new Map(rows.map(r => [r[key] as unknown as string, r]))
    const prefBy = by(prefs.rows, 'validator_id')
    const chillBy = by(chills.rows, 'stash_id')
    const evBy = by(eraValidators.rows, 'validator_id')
    const intentionBy = by(intentions.rows, 'validator_id')
    const eraPrefsBy = by(eraPrefs.rows, 'validator_id')
    const keysBy = by(keys.rows, 'validator_id')
    const identityBy = by(identities.rows, 'id')
    const importBy = new Map(imports.rows.map(r => [r.id, r.block_number]))
    const unclaimedBy = new Map(unclaimed.rows.map(r => [r.validator_id, r.eras]))
    const slashesBy = groupBy(slashes.rows, r => r.staker_id)
    const offencesBy = groupBy(offences.rows, r => r.validator_id)
    // Identities are on People once it has been indexed, before that on the relay.
    const identityLayer: ChainLayer | undefined = importBy.has(ChainLayer.people)
        ? ChainLayer.people
        : importBy.has(ChainLayer.relay)
          ? ChainLayer.relay
          : undefined

    // Identity groups: the root of each candidate's identity, or the stash itself.
    const roots = new Map<string, string>()
    for (const c of candidates) {
        const i = identityBy.get(c.stashPublicKeyHex)
        roots.set(c.stashPublicKeyHex, i && !i.cleared ? i.root_id : c.stashPublicKeyHex)
    }
    const groups = groupBy(candidates, c => roots.get(c.stashPublicKeyHex)!)

    const results: CandidateFactsResult[] = candidates.map(candidate => {
        try {
            const id = candidate.stashPublicKeyHex
            const facts: CandidateFacts = {
                candidate: {
                    name: candidate.name,
                    stash: candidate.stash,
                    stashPublicKeyHex: id,
                    kusamaStash: candidate.kusamaStash,
                    skipSelfStake: candidate.skipSelfStake,
                },
                pass,
            }
            const node = nodeBy.get(candidate.stash)
            if (feed) {
                facts.node = node
                    ? {
                          source: 'TelemetryNode',
                          atMs: time(node.last_seen_at, 'last_seen_at'),
                          value: {
                              name: node.name,
                              implementation: node.implementation,
                              version: node.version,
                              online: node.online,
                              offlineSinceMs: node.offline_since === null ? null : time(node.offline_since, 'offline_since'),
                              firstSeenMs: time(node.first_seen_at, 'first_seen_at'),
                              lastSeenMs: time(node.last_seen_at, 'last_seen_at'),
                          },
                      }
                    : {source: 'TelemetryNode', atMs: nowMs, value: null}
                const u = node && uptimeBy.get(node.id)
                const window = {windowStartMs: nowMs - opts.uptimeWindowMs, windowEndMs: nowMs}
                facts.uptime = {
                    source: 'TelemetryNodeInterval',
                    atMs: nowMs,
                    value: u ? {...window, ...uptimeFromSqlRow(u)} : {...window, onlineMs: 0, offlineMs: 0, unknownMs: opts.uptimeWindowMs},
                }
                facts.location = node?.ip
                    ? {
                          source: 'TelemetryNodeLocation',
                          atMs: time(node.looked_up_at!, 'looked_up_at'),
                          value: {ip: node.ip, country: node.country, region: node.region, provider: node.provider},
                      }
                    : {source: 'TelemetryNodeLocation', atMs: nowMs, value: null}
            }
            if (stakingLayer) {
                const layer = stakingLayer
                const pref = prefBy.get(id)
                const chill = chillBy.get(id)
                const ev = evBy.get(id)
                // EraValidator rows are the exposed validators of an era (and those with points), not all of Validators: a
                // row with prefs says in Validators at that era's end, one without says not (chilled since its election),
                // no row says nothing. The era's ValidatorIntention rows are all of Validators at its end: a row says in,
                // none says not. Leaving Validators emits Chilled, joining or changing prefs ValidatorPrefsSet: the latest
                // of these readings holds.
                type Intention = {source: string; block: number; era?: number; value: boolean}
                const readings: Intention[] = []
                const eraPref = eraPrefsBy.get(id)
                const intention = intentionBy.get(id)
                if (eraPref) readings.push({source: 'EraValidator', block: eraPref.at_block, era: eraPref.era, value: true})
                if (intentionsRead)
                    readings.push({
                        source: 'ValidatorIntention',
                        block: intention?.block_number ?? completeEra!.end_block!,
                        era: completeEra!.index,
                        value: intention !== undefined,
                    })
                if (pref) readings.push({source: 'ValidatorPreference', block: pref.block_number, value: true})
                if (chill) readings.push({source: 'Chill', block: chill.block_number, value: false})
                const latest = readings.sort((a, b) => b.block - a.block)[0]
                if (latest) facts.validateIntention = {...latest, layer}
                // Prefs: the latest of the last ValidatorPrefsSet, the era-end intention and the last era the stash was paid in.
                const prefReadings: Fact<{commissionPerbill: number; blocked: boolean}>[] = []
                if (pref)
                    prefReadings.push({
                        source: 'ValidatorPreference',
                        layer,
                        block: pref.block_number,
                        value: {commissionPerbill: pref.commission_perbill, blocked: pref.blocked},
                    })
                if (intention)
                    prefReadings.push({
                        source: 'ValidatorIntention',
                        layer,
                        block: intention.block_number,
                        era: completeEra!.index,
                        value: {commissionPerbill: intention.commission_perbill, blocked: intention.blocked},
                    })
                if (eraPref)
                    prefReadings.push({
                        source: 'EraValidator',
                        layer,
                        block: eraPref.at_block,
                        era: eraPref.era,
                        value: {commissionPerbill: eraPref.commission_perbill, blocked: eraPref.blocked},
                    })
                // The latest by block; at one block the event first (the original rule: a ValidatorPrefsSet in the era's first block wins).
                const prefs = prefReadings.sort((a, b) => b.block! - a.block!)[0]
                if (prefs) facts.prefs = prefs
                // The ledger is read for the era's validators and intentions only: any other stash is left unknown.
                const fromEra = ev !== undefined && ev.self_stake_planck !== null
                const selfStakePlanck = fromEra ? ev.self_stake_planck : (intention?.self_stake_planck ?? null)
                if (selfStakePlanck !== null) {
                    facts.selfStake = {
                        source: fromEra ? 'EraValidator' : 'ValidatorIntention',
                        layer,
                        block: completeEra!.end_block!,
                        era: completeEra!.index,
                        value: {activePlanck: planck(selfStakePlanck)},
                    }
                }
                if (completeEra) {
                    if (opts.unclaimedEras)
                        facts.unclaimedEras = {source: 'Payout', layer, era: active.index, value: unclaimedBy.get(id) ?? []}
                    facts.slashes = {
                        source: 'Slash',
                        layer,
                        era: active.index,
                        value: {
                            slashes: (slashesBy.get(id) ?? [])
                                .filter(s => s.era !== null && active.index - s.era! < opts.slashEras)
                                .map(s => ({era: s.era!, amountPlanck: planck(s.amount_planck), block: s.block_number})),
                            offences: (offencesBy.get(id) ?? [])
                                .filter(o => o.era !== null && active.index - o.era! < opts.slashEras)
                                .map(o => ({era: o.era!, slashFractionPerbill: o.slash_fraction_perbill, block: o.block_number})),
                        },
                    }
                }
            }
            // Session keys are indexed for every account that registered some: a stash without a row in the newest era set none.
            const k = keysBy.get(id)
            if (k)
                facts.sessionKeys = {
                    source: 'SessionKeys',
                    layer: ChainLayer.relay,
                    block: k.block_number,
                    era: k.era,
                    value: {beefyHex: k.beefy},
                }
            if (identityLayer) {
                const i = identityBy.get(id)
                facts.identity =
                    i && !i.cleared
                        ? {source: 'Identity', layer: i.chain, block: i.updated_block, value: identityFacts(i)}
                        : {source: 'Identity', layer: identityLayer, value: null}
                const rootHex = roots.get(id)!
                const root = identityBy.get(rootHex)
                facts.identityGroup = {
                    source: 'Identity.root',
                    layer: i?.chain ?? identityLayer,
                    block: i?.updated_block,
                    value: {
                        rootHex,
                        rootDisplay: root && !root.cleared ? root.display : null,
                        candidateNames: groups.get(rootHex)!.map(c => c.name),
                    },
                }
            }
            return {candidate, facts}
        } catch (e) {
            return {candidate, error: e instanceof Error ? e.message : String(e)}
        }
    })
    return {pass, era: completeEra?.index ?? null, session, results, roots}
}

function identityFacts(i: IdentityRow): IdentityFacts {
    const judgements = (i.parent_id ? i.parent_judgements : i.judgements) ?? []
    if (!Array.isArray(judgements)) throw new Error(`Identity ${i.id}: judgements is not a list`)
    return {
        accountHex: i.id,
        display: i.display,
        parent: i.parent_id ? {accountHex: i.parent_id, display: i.parent_display} : null,
        subName: i.sub_name,
        judgements: judgements.map(j => {
            if (typeof j?.judgement !== 'string') throw new Error(`Identity ${i.id}: a judgement without its kind`)
            return j.judgement
        }),
    }
}

async function readSquidProgress(
    db: pg.ClientBase,
    nowMs: number,
    maxHeadAgeMs: number,
): Promise<Partial<Record<ChainLayer, SquidProgress>>> {
    const present = (
        await (db.query(`SELECT table_schema FROM information_schema.tables WHERE table_name = 'status' AND table_schema = ANY($1)`, [
            Object.values(STATE_SCHEMAS),
        ]) as Rows<{table_schema: string}>)
    ).rows.map(r => r.table_schema)
    const heads = new Map(
        (
            await (db.query('SELECT id, finalized_height, seen_at FROM chain_head') as Rows<{
                id: ChainLayer
                finalized_height: number
                seen_at: Date
            }>)
        ).rows.map(r => [r.id, {finalizedHeight: r.finalized_height, seenMs: time(r.seen_at, 'chain_head.seen_at')}]),
    )
    const progress: Partial<Record<ChainLayer, SquidProgress>> = {}
    for (const layer of Object.keys(STATE_SCHEMAS) as ChainLayer[]) {
        const schema = STATE_SCHEMAS[layer]
        if (!present.includes(schema)) continue
        const r = (
            await (db.query(
                `SELECT (SELECT height FROM ${schema}.status WHERE id = 0) AS height, (SELECT max(height) FROM ${schema}.hot_block) AS hot`,
            ) as Rows<{height: number | null; hot: number | null}>)
        ).rows[0]
        const p = squidProgress({height: r.height, hotHeight: r.hot, head: heads.get(layer)}, nowMs, maxHeadAgeMs)
        if (p) progress[layer] = p
    }
    return progress
}

async function busiestTelemetryChain(db: pg.ClientBase, stashes: string[]): Promise<string | undefined> {
    const r = (
        await (db.query(
            `SELECT chain FROM (
            SELECT genesis_hash AS chain, count(*) FILTER (WHERE candidate_stash = ANY($1)) AS matched FROM telemetry_node GROUP BY genesis_hash
            UNION ALL SELECT DISTINCT genesis_hash, 0 FROM feed_connection_interval) c
        GROUP BY chain ORDER BY sum(matched) DESC, chain LIMIT 1`,
            [stashes],
        ) as Rows<{chain: string}>)
    ).rows[0]
    return r?.chain
}

async function readFeed(db: pg.ClientBase, chain: string): Promise<FeedFacts | undefined> {
    const r = (
        await (db.query(
            `SELECT f.start, f."end", f.alive_until, (SELECT min(start) FROM feed_connection_interval WHERE genesis_hash = $1) AS first
        FROM feed_connection_interval f WHERE f.genesis_hash = $1 ORDER BY f.start DESC LIMIT 1`,
            [chain],
        ) as Rows<{start: Date; end: Date | null; alive_until: Date; first: Date}>)
    ).rows[0]
    if (!r) return undefined
    const connected = r.end === null
    return {
        connected,
        connectedSinceMs: connected ? r.start.getTime() : null,
        aliveUntilMs: r.alive_until.getTime(),
        firstConnectedMs: r.first.getTime(),
    }
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
    const m = new Map<string, T[]>()
    for (const t of items) {
        const k = key(t)
        const list = m.get(k)
        if (list) list.push(t)
        else m.set(k, [t])
    }
    return m
}

function time(d: Date, column: string): number {
    const ms = d instanceof Date ? d.getTime() : NaN
    if (!Number.isFinite(ms)) throw new Error(`${column}: not a time (${String(d)})`)
    return ms
}

function planck(v: string): bigint {
    if (!/^\d+$/.test(String(v))) throw new Error(`not a planck amount: ${String(v)}`)
    return BigInt(v)
}

interface EraRow {
    index: number
    chain: ChainLayer
    start_block: number | null
    end_block: number | null
    complete: boolean
}

interface NodeRow {
    id: string
    candidate_stash: string
    name: string
    implementation: string | null
    version: string | null
    online: boolean
    first_seen_at: Date
    last_seen_at: Date
    offline_since: Date | null
    ip: string | null
    country: string | null
    region: string | null
    provider: string | null
    looked_up_at: Date | null
}

interface PrefRow {
    validator_id: string
    commission_perbill: number
    blocked: boolean
    block_number: number
}

interface EraValidatorRow {
    validator_id: string
    commission_perbill: number | null
    blocked: boolean | null
    self_stake_planck: string | null
}

interface EraPrefsRow {
    validator_id: string
    era: number
    commission_perbill: number
    blocked: boolean
    /** The era's first block: the prefs were in force when its set was elected. */
    at_block: number
}

interface IntentionRow {
    validator_id: string
    commission_perbill: number
    blocked: boolean
    self_stake_planck: string | null
    block_number: number
}

interface KeysRow {
    validator_id: string
    era: number
    beefy: string | null
    block_number: number
}

interface IdentityRow {
    id: string
    chain: ChainLayer
    display: string | null
    sub_name: string | null
    parent_id: string | null
    root_id: string
    judgements: {judgement?: unknown}[] | null
    cleared: boolean
    updated_block: number
    parent_display: string | null
    parent_judgements: {judgement?: unknown}[] | null
    root_display: string | null
}
