/**
 * The programme's candidate routes from the scorer's tables: the old CandidateData lists and document, the
 * old score and score-metadata documents, the valid candidates' location statistics, and the new routes
 * with explicit units (a candidate's checks with evidence and history, its score explained with the era's
 * statistics, fault events).
 */
import type {FastifyInstance} from 'fastify'
import {locationStatsSchema, scoredLocationCount} from './chain-history-routes'
import {COMPONENT_NAMES, COMPONENT_RULES, type ComponentName, type ComponentScore} from '../scorer/score/components'
import {explainScore} from '../scorer/score/explain'
import {ONEKV_TYPES} from '../scorer/validity/checks'
import {accountHex, addressParamSchema} from './address-param'
import {notFound} from './api-error'
import {candidateData, oldScore} from './candidate-data'
import {candidateDataSchema, oldScoreSchema} from './candidate-data-schema'
import type {RouteContext} from './gateway'
import {locationStats, withLocationScores} from './location-stats'
import {pageQuerySchema, type PageRequest} from './page'
import type {CandidateFilter, CandidateOrder, CandidateRecord, FaultRow} from './programme-store'
import {redactJson, redactText} from './redact'
import {distributionValues} from './score-values'
import {errors, list, nullable, pageHeadersOf} from './route-schema'

const MAX_ERA = 2_147_483_647
const eraParam = {type: 'integer', minimum: 0, maximum: MAX_ERA, description: 'era index'} as const
const statusSchema = {type: 'string', enum: ['valid', 'invalid', 'unknown']} as const
const msOrNull = (description: string) => nullable('integer', `ms since 1970; ${description}`)
const anyJson = {description: 'as stored (JSON)'} as const

/** The old ScoreMetadata names of the components' statistics and weights (`discovered` was `discoveredAt`, …). */
const OLD_FACTOR: Record<ComponentName, string> = {
    inclusion: 'inclusion',
    spanInclusion: 'spanInclusion',
    discovered: 'discoveredAt',
    nominated: 'nominatedAt',
    rank: 'rank',
    bonded: 'bonded',
    faults: 'fault',
    offline: 'offline',
    location: 'location',
    region: 'region',
    country: 'country',
    provider: 'provider',
    nominatorStake: 'nominatorStake',
    client: 'client',
}
export const oldStatsName = (n: ComponentName) => (n === 'faults' ? 'faultsStats' : `${OLD_FACTOR[n]}Stats`)
const oldWeightName = (n: ComponentName) => `${OLD_FACTOR[n]}Weight`

const oldStatsSchema = {
    type: 'object',
    required: ['values', 'absoluteMin', 'absoluteMax', 'q10', 'q25', 'q50', 'q75', 'q90', 'mean', 'standardDeviation'],
    properties: {
        values: {
            type: 'array',
            items: {type: 'number'},
            description:
                "the values described, ascending, in the raw unit: each scored candidate's raw value, or for location, region, country and provider each place's candidate count",
        },
        absoluteMin: {type: 'number'},
        absoluteMax: {type: 'number'},
        q10: {type: 'number'},
        q25: {type: 'number'},
        q50: {type: 'number'},
        q75: {type: 'number'},
        q90: {type: 'number'},
        mean: {type: 'number'},
        standardDeviation: {type: 'number'},
    },
} as const

const distributionSchema = {
    type: 'object',
    required: [
        'count',
        'lowerPercent',
        'upperPercent',
        'lower',
        'upper',
        'min',
        'max',
        'q10',
        'q25',
        'q50',
        'q75',
        'q90',
        'mean',
        'standardDeviation',
    ],
    description:
        "The component's distribution over the era's valid candidates, decimal strings in the raw value's unit (two decimals, exact).",
    properties: {
        count: {type: 'integer'},
        lowerPercent: {type: 'integer', description: 'the quantile (percent) a raw value at or below scales to 0'},
        upperPercent: {type: 'integer', description: 'the quantile (percent) a raw value at or above scales to 1'},
        ...Object.fromEntries(
            ['lower', 'upper', 'min', 'max', 'q10', 'q25', 'q50', 'q75', 'q90', 'mean', 'standardDeviation'].map(k => [
                k,
                {type: 'string'},
            ]),
        ),
    },
} as const

const componentScoreSchema = {
    type: 'object',
    required: ['raw', 'condition', 'normalisedPerbill', 'scorePerbill', 'weightedNanopoints'],
    properties: {
        raw: nullable('string', "the raw value in the component's unit (rawUnit), decimal string; null when the candidate has none"),
        condition: nullable('string', 'noValue or bannedProvider when that decided the score instead of the distribution'),
        normalisedPerbill: nullable('integer', 'the raw value scaled against the distribution, 0..10^9'),
        scorePerbill: {type: 'integer', description: 'the share of the weight earned, 0..10^9'},
        weightedNanopoints: {type: 'string', description: 'weight × share, in 10^-9 points (decimal string)'},
    },
} as const

const faultSchema = {
    type: 'object',
    required: ['id', 'source', 'sourceId', 'stash', 'identityGroup', 'era', 'session', 'blockNumber', 'timestamp', 'reason', 'evidence'],
    properties: {
        id: {type: 'string'},
        source: {type: 'string', description: 'offlineReport, offence, slash, chill, kick, missedPayout'},
        sourceId: {type: 'string', description: "the chain fact's id (an event id), or <era>-<validator hex> for a missed payout"},
        stash: {type: 'string', description: 'SS58'},
        identityGroup: {type: 'string', description: "SS58 of the identity group's root account"},
        era: nullable('integer', 'null when neither the fact nor its time places it in an era'),
        session: nullable('integer'),
        blockNumber: nullable('integer'),
        timestamp: msOrNull('null when not known'),
        reason: {type: 'string'},
        evidence: anyJson,
    },
} as const

const checkItemSchema = {
    type: 'object',
    required: ['check', 'type', 'status', 'sentence', 'evidence', 'since', 'pending'],
    properties: {
        check: {type: 'string', description: 'config validity key'},
        type: {type: 'string', description: 'the old type name (ONLINE, COMMISION, …)'},
        status: statusSchema,
        sentence: {type: 'string'},
        evidence: {type: 'object', description: '{code, source, layer, block, era, atMs, observed, threshold}', additionalProperties: true},
        since: {type: 'integer', description: 'ms since 1970 the check has had this status'},
        pending: {
            type: ['object', 'null'],
            description: 'a different result seen but not yet held long enough to flip the check',
            required: ['status', 'count', 'since', 'sentence', 'evidence'],
            properties: {
                status: statusSchema,
                count: {type: 'integer', description: 'consecutive passes that saw it'},
                since: {type: 'integer', description: 'ms since 1970'},
                sentence: nullable('string'),
                evidence: anyJson,
            },
        },
    },
} as const

export function registerCandidateRoutes(app: FastifyInstance, ctx: RouteContext) {
    const {settings, programme, encoder} = ctx
    const windows = {inclusionEras: settings.eraWindow, spanInclusionEras: settings.spanInclusionEras}
    const stashParams = {type: 'object', required: ['stash'], properties: {stash: addressParamSchema(settings.ss58Prefix)}}
    const page = pageQuerySchema(settings.maxPageSize)
    const hexOf = (stash: string) => accountHex('stash', stash, settings.ss58Prefix)
    const requireCandidate = async (stash: string) => {
        const id = hexOf(stash)
        if (!(await programme.isCandidate(id))) throw notFound(`stash ${stash}: not a current candidate of the programme`)
        return id
    }
    const data = (r: CandidateRecord) =>
        candidateData({
            ...r,
            checks: r.checks.map(k => ({...k, sentence: redactText(k.sentence)})),
            tokenDecimals: settings.tokenDecimals,
            identity: r.identity && {
                ...r.identity,
                address: encoder.ss58(r.identity.address),
                subIdentities: r.identity.subIdentities.map(s => ({...s, address: encoder.ss58(s.address)})),
            },
        })
    const fault = ({timestampMs, ...f}: FaultRow) => ({
        ...f,
        reason: redactText(f.reason),
        evidence: redactJson(f.evidence),
        stash: encoder.ss58(f.stash),
        identityGroup: encoder.ss58(f.identityGroup),
        timestamp: timestampMs,
    })

    const candidateList = (path: string, filter: CandidateFilter, order: CandidateOrder, summary: string) =>
        app.get<{Querystring: PageRequest}>(
            path,
            {
                schema: {
                    summary,
                    description:
                        'CandidateData in the old field names and units: bonded and nominations.*Stake in tokens, commission in percent, ' +
                        'discoveredAt/offlineSince/updated in ms, nominatedAt an era index; inclusion a share 0..1. Current candidates only.',
                    tags: ['candidates'],
                    querystring: page,
                    response: {200: list(candidateDataSchema, 'candidates'), ...errors(400, 503)},
                },
            },
            async (req, reply) =>
                ctx.cached(req, reply, async () => {
                    const {rows: ids, total} = await programme.candidateIds(filter, order, req.query)
                    const records = await programme.candidates(ids, windows)
                    return {body: records.map(data), headers: pageHeadersOf(req, total)}
                }),
        )
    candidateList('/candidates', 'all', 'total', 'The candidates, highest score total first')
    candidateList('/candidates/valid', 'valid', 'total', 'The valid candidates, highest score total first')
    candidateList('/candidates/invalid', 'invalid', 'total', 'The candidates not valid now (invalid or unknown), highest score total first')
    candidateList('/candidates/rank', 'all', 'rank', 'The candidates, highest rank first')

    app.get<{Params: {stash: string}}>(
        '/candidate/:stash',
        {
            schema: {
                summary: "A candidate's CandidateData",
                description: 'An address that is not a current candidate is a 404 (the old API answered an empty 204).',
                tags: ['candidates'],
                params: stashParams,
                response: {200: candidateDataSchema, ...errors(400, 404, 503)},
            },
        },
        async (req, reply) =>
            ctx.cached(req, reply, async () => {
                const id = hexOf(req.params.stash)
                const [record] = await programme.candidates([id], windows)
                if (!record) throw notFound(`stash ${req.params.stash}: not a current candidate of the programme`)
                return {body: data(record), headers: {}}
            }),
    )

    app.get<{Params: {stash: string}; Querystring: PageRequest}>(
        '/candidate/:stash/validity',
        {
            schema: {
                summary: "A candidate's checks now, with their evidence, and the history of their flips",
                description: '`changes` is paginated (limit, offset and the page headers), newest first. Times in ms since 1970.',
                tags: ['candidates'],
                params: stashParams,
                querystring: page,
                response: {
                    200: {
                        type: 'object',
                        required: [
                            'stash',
                            'verdict',
                            'verdictSince',
                            'verdictLastKnownAt',
                            'verdictHeld',
                            'invalidChecks',
                            'unknownChecks',
                            'checkedAt',
                            'checks',
                            'changes',
                        ],
                        properties: {
                            stash: {type: 'string'},
                            verdict: {
                                type: ['string', 'null'],
                                enum: ['valid', 'invalid', 'unknown', null],
                                description: 'null before the first pass',
                            },
                            verdictSince: msOrNull('null before the first pass'),
                            verdictLastKnownAt: msOrNull('the last pass whose checks gave a known verdict'),
                            verdictHeld: nullable('boolean', 'the verdict is the last known one, kept while some checks are unknown'),
                            invalidChecks: {type: 'array', items: {type: 'string'}},
                            unknownChecks: {type: 'array', items: {type: 'string'}},
                            checkedAt: msOrNull('the last pass'),
                            checks: {type: 'array', items: checkItemSchema},
                            changes: {
                                type: 'array',
                                items: {
                                    type: 'object',
                                    required: ['check', 'from', 'to', 'sentence', 'evidence', 'at', 'run'],
                                    properties: {
                                        check: {type: 'string'},
                                        from: {
                                            type: ['string', 'null'],
                                            enum: ['valid', 'invalid', 'unknown', null],
                                            description: 'null: the first result',
                                        },
                                        to: statusSchema,
                                        sentence: {type: 'string'},
                                        evidence: anyJson,
                                        at: {type: 'integer', description: 'ms since 1970'},
                                        run: {type: 'string', description: 'the scorer pass (ScorerRun id)'},
                                    },
                                },
                            },
                        },
                    },
                    ...errors(400, 404, 503),
                },
            },
        },
        async (req, reply) =>
            ctx.cached(req, reply, async () => {
                const id = await requireCandidate(req.params.stash)
                const [v, changes] = await Promise.all([programme.validity(id), programme.validityChanges(id, req.query)])
                if (!v) throw notFound(`stash ${req.params.stash}: not a current candidate of the programme`)
                return {
                    body: {
                        stash: req.params.stash,
                        verdict: v.verdict,
                        verdictSince: v.verdictSinceMs,
                        verdictLastKnownAt: v.verdictLastKnownAtMs,
                        verdictHeld: v.verdictHeld,
                        invalidChecks: v.invalidChecks,
                        unknownChecks: v.unknownChecks,
                        checkedAt: v.checkedAtMs,
                        checks: v.checks.map(k => ({
                            check: k.check,
                            type: ONEKV_TYPES[k.check],
                            status: k.status,
                            sentence: redactText(k.sentence),
                            evidence: redactJson(k.evidence),
                            since: k.sinceMs,
                            pending: k.pending && {
                                status: k.pending.status,
                                count: k.pending.count,
                                since: k.pending.sinceMs,
                                sentence: k.pending.sentence === null ? null : redactText(k.pending.sentence),
                                evidence: redactJson(k.pending.evidence),
                            },
                        })),
                        changes: changes.rows.map(c => ({
                            check: c.check,
                            from: c.fromStatus,
                            to: c.toStatus,
                            sentence: redactText(c.sentence),
                            evidence: redactJson(c.evidence),
                            at: c.atMs,
                            run: c.runId,
                        })),
                    },
                    headers: pageHeadersOf(req, changes.total),
                }
            }),
    )

    const componentView = (c: ComponentScore) => ({
        raw: c.raw === null ? null : String(c.raw),
        condition: c.condition,
        normalisedPerbill: c.normalisedPerbill,
        scorePerbill: c.scorePerbill,
        weightedNanopoints: String(c.weightedNanopoints),
    })
    app.get<{Params: {stash: string}; Querystring: {era?: number}}>(
        '/candidate/:stash/score',
        {
            schema: {
                summary:
                    "A candidate's score explained: per component its raw value, the era's distribution, the share and the weighted points",
                description:
                    'Recomputed from the stored statistics, weights and raw values alone (as `npm run score:explain` prints) and set beside the stored score; ' +
                    '`equal` says they agree. Points in 10^-9 points (nanopoints) as decimal strings, shares in perbill.',
                tags: ['candidates'],
                params: stashParams,
                querystring: {
                    type: 'object',
                    properties: {era: {...eraParam, description: 'the era scored (default: the latest the candidate has a score in)'}},
                },
                response: {
                    200: {
                        type: 'object',
                        required: [
                            'stash',
                            'era',
                            'equal',
                            'weights',
                            'randomSeedHex',
                            'randomnessSalt',
                            'randomnessMaxPerbill',
                            'candidateCount',
                            'components',
                            'stored',
                            'recomputed',
                            'total',
                        ],
                        properties: {
                            stash: {type: 'string'},
                            era: {type: 'integer'},
                            equal: {type: 'boolean', description: 'the recomputation equals the stored score in every component and total'},
                            weights: {
                                type: 'object',
                                additionalProperties: {type: 'integer'},
                                description: 'component → whole points (config score.weights)',
                            },
                            randomSeedHex: {type: 'string', description: 'sha256("<era>:<salt>:<stash hex>")'},
                            randomnessSalt: {type: 'string'},
                            randomnessMaxPerbill: {type: 'integer'},
                            candidateCount: {type: 'integer', description: 'valid candidates scored in the era'},
                            components: {
                                type: 'array',
                                items: {
                                    type: 'object',
                                    required: ['component', 'weight', 'rawUnit', 'better', 'distribution', 'stored', 'recomputed', 'equal'],
                                    properties: {
                                        component: {type: 'string'},
                                        weight: {type: 'integer'},
                                        rawUnit: {type: 'string'},
                                        better: {type: 'string', enum: ['higher', 'lower']},
                                        binary: {type: 'boolean', description: 'raw 1 scores fully, 0 not at all (no scaling)'},
                                        distribution: distributionSchema,
                                        stored: componentScoreSchema,
                                        recomputed: componentScoreSchema,
                                        equal: {type: 'boolean'},
                                    },
                                },
                            },
                            stored: {$ref: 'ScoreTotals#'},
                            recomputed: {$ref: 'ScoreTotals#'},
                            total: {type: 'number', description: 'the stored total in points (the old unit)'},
                        },
                    },
                    ...errors(400, 404, 503),
                },
            },
        },
        async (req, reply) =>
            ctx.cached(req, reply, async () => {
                const id = hexOf(req.params.stash)
                const found = await programme.score(id, req.query.era)
                const metadata = found && (await programme.metadata(found.score.era))
                if (!found || !metadata)
                    throw notFound(
                        `stash ${req.params.stash}: no stored score${req.query.era === undefined ? '' : ` in era ${req.query.era}`}`,
                    )
                const m = metadata.metadata
                const e = explainScore(m, found.score)
                const totals = (t: typeof e.stored) => ({
                    aggregateNanopoints: String(t.aggregateNanopoints),
                    randomSeedHex: t.randomSeedHex,
                    randomPerbill: t.randomPerbill,
                    totalNanopoints: String(t.totalNanopoints),
                })
                return {
                    body: {
                        stash: req.params.stash,
                        era: e.era,
                        equal: e.equal,
                        weights: m.weights,
                        randomSeedHex: e.recomputed.randomSeedHex,
                        randomnessSalt: m.randomnessSalt,
                        randomnessMaxPerbill: m.randomnessMaxPerbill,
                        candidateCount: m.candidateCount,
                        components: e.components.map(c => {
                            const rule = COMPONENT_RULES[c.component]
                            return {
                                component: c.component,
                                weight: c.weight,
                                rawUnit: rule.raw,
                                better: rule.better,
                                binary: rule.scale === 'binary',
                                distribution: m.components[c.component],
                                stored: componentView(c.stored),
                                recomputed: componentView(c.recomputed),
                                equal: c.equal,
                            }
                        }),
                        stored: totals(e.stored),
                        recomputed: totals(e.recomputed),
                        total: Number(e.stored.totalNanopoints) / 1e9,
                    },
                    headers: {},
                }
            }),
    )

    const faultQuery = (extra: Record<string, object>) =>
        pageQuerySchema(settings.maxPageSize, {era: {...eraParam, description: 'only this era'}, ...extra})
    app.get<{Params: {stash: string}; Querystring: PageRequest & {era?: number}}>(
        '/candidate/:stash/faults',
        {
            schema: {
                summary: "A candidate's fault events, newest era first",
                description: 'Each made from exactly one chain fact (source, sourceId) with its evidence; times in ms since 1970.',
                tags: ['candidates'],
                params: stashParams,
                querystring: faultQuery({}),
                response: {200: list(faultSchema, 'fault events'), ...errors(400, 404, 503)},
            },
        },
        async (req, reply) =>
            ctx.cached(req, reply, async () => {
                const id = await requireCandidate(req.params.stash)
                const {rows, total} = await programme.faults({stash: id, era: req.query.era}, req.query)
                return {body: rows.map(fault), headers: pageHeadersOf(req, total)}
            }),
    )

    app.get<{Querystring: PageRequest & {era?: number; source?: string}}>(
        '/faults',
        {
            schema: {
                summary: "The candidates' fault events, newest era first",
                tags: ['candidates'],
                querystring: faultQuery({
                    source: {
                        type: 'string',
                        enum: ['offlineReport', 'offence', 'slash', 'chill', 'kick', 'missedPayout'],
                        description: 'only this source',
                    },
                }),
                response: {200: list(faultSchema, 'fault events'), ...errors(400, 503)},
            },
        },
        async (req, reply) =>
            ctx.cached(req, reply, async () => {
                const {rows, total} = await programme.faults({era: req.query.era, source: req.query.source}, req.query)
                return {body: rows.map(fault), headers: pageHeadersOf(req, total)}
            }),
    )

    const scoreRoute = (path: string, withEra: boolean) =>
        app.get<{Params: {stash: string; era?: number}}>(
            path,
            {
                schema: {
                    summary: withEra
                        ? "A candidate's score in one era (the old document)"
                        : "A candidate's latest score (the old document)",
                    description:
                        'Points as numbers (every field present); `updated` is the scored era’s end in ms. The old route took a session; scores are per era now.',
                    tags: ['candidates'],
                    params: withEra
                        ? {
                              type: 'object',
                              required: ['stash', 'era'],
                              properties: {stash: addressParamSchema(settings.ss58Prefix), era: eraParam},
                          }
                        : stashParams,
                    response: {200: oldScoreSchema, ...errors(400, 404, 503)},
                },
            },
            async (req, reply) =>
                ctx.cached(req, reply, async () => {
                    const found = await programme.score(hexOf(req.params.stash), req.params.era)
                    if (!found) throw notFound(`stash ${req.params.stash}: no stored score${withEra ? ` in era ${req.params.era}` : ''}`)
                    return {body: oldScore(req.params.stash, found), headers: {}}
                }),
        )
    scoreRoute('/score/:stash', false)
    scoreRoute('/score/:stash/:era', true)

    const metadataSchema = {
        type: 'object',
        required: [
            '_id',
            'era',
            'session',
            'updated',
            'candidateCount',
            'randomnessSalt',
            'randomnessMaxPerbill',
            'inclusionEras',
            'spanInclusionEras',
            'faultWindowEras',
            'rankRule',
            'weights',
            ...COMPONENT_NAMES.flatMap(n => [oldStatsName(n), oldWeightName(n)]),
            'distributions',
        ],
        properties: {
            _id: {type: 'string', description: 'the era, as text'},
            era: {type: 'integer'},
            session: {type: 'integer', description: "the era's last session"},
            updated: {type: 'integer', description: "ms since 1970: the era's end"},
            candidateCount: {type: 'integer'},
            randomnessSalt: {type: 'string'},
            randomnessMaxPerbill: {type: 'integer'},
            inclusionEras: {type: 'integer'},
            spanInclusionEras: {type: 'integer'},
            faultWindowEras: {type: 'integer'},
            rankRule: {type: 'string'},
            weights: {type: 'object', additionalProperties: {type: 'integer'}, description: 'component → whole points'},
            ...Object.fromEntries(
                COMPONENT_NAMES.flatMap(n => [
                    [oldStatsName(n), oldStatsSchema],
                    [oldWeightName(n), {type: 'number'}],
                ]),
            ),
            distributions: {
                type: 'object',
                additionalProperties: distributionSchema,
                description: 'component → exact statistics (decimal strings)',
            },
        },
    } as const
    const metadataRoute = (path: string, withEra: boolean) =>
        app.get<{Params: {era?: number}}>(
            path,
            {
                schema: {
                    summary: withEra ? 'The score metadata of one era' : 'The score metadata of the latest scored era',
                    description:
                        'The old names: *Stats {values, absoluteMin, absoluteMax, q10…q90, mean, standardDeviation} as numbers in the raw unit, ' +
                        '*Weight (faultWeight, the name the old schema had but never filled). `weights` and `distributions` are exact. The old route took a session.',
                    tags: ['candidates'],
                    ...(withEra ? {params: {type: 'object', required: ['era'], properties: {era: eraParam}}} : {}),
                    response: {200: metadataSchema, ...errors(400, 404, 503)},
                },
            },
            async (req, reply) =>
                ctx.cached(req, reply, async () => {
                    const found = await programme.metadata(req.params.era)
                    if (!found) throw notFound(withEra ? `era ${req.params.era}: not scored` : 'no era has been scored yet')
                    const m = found.metadata
                    const raws = await programme.scoreRaws(m.era)
                    const body: Record<string, unknown> = {
                        _id: String(m.era),
                        era: m.era,
                        session: found.session,
                        updated: found.updatedMs,
                        candidateCount: m.candidateCount,
                        randomnessSalt: m.randomnessSalt,
                        randomnessMaxPerbill: m.randomnessMaxPerbill,
                        inclusionEras: m.inclusionEras,
                        spanInclusionEras: m.spanInclusionEras,
                        faultWindowEras: found.faultWindowEras,
                        rankRule: found.rankRule,
                        weights: m.weights,
                        distributions: m.components,
                    }
                    for (const n of COMPONENT_NAMES) {
                        const s = m.components[n]
                        body[oldStatsName(n)] = {
                            values: distributionValues(n, raws[n]).map(Number),
                            absoluteMin: Number(s.min),
                            absoluteMax: Number(s.max),
                            q10: Number(s.q10),
                            q25: Number(s.q25),
                            q50: Number(s.q50),
                            q75: Number(s.q75),
                            q90: Number(s.q90),
                            mean: Number(s.mean),
                            standardDeviation: Number(s.standardDeviation),
                        }
                        body[oldWeightName(n)] = m.weights[n]
                    }
                    return {body, headers: {}}
                }),
        )
    metadataRoute('/scoremetadata', false)
    metadataRoute('/scoremetadata/:era', true)

    app.get(
        '/locationstats/valid',
        {
            schema: {
                summary: "Where the valid candidates' nodes are",
                description:
                    'As /locationstats, over the candidates whose verdict is valid; each item has the old per-item score: the points the ' +
                    "score's location family gives a candidate there, (1 − min–max scaled count) × score.weights (0 for a banned provider).",
                tags: ['telemetry'],
                response: {
                    200: locationStatsSchema(scoredLocationCount),
                    ...errors(503),
                },
            },
        },
        async (req, reply) =>
            ctx.cached(req, reply, async () => ({
                body: withLocationScores(
                    locationStats(await ctx.store.candidateNodeLocations(true)),
                    settings.scoreWeights,
                    settings.bannedProviders,
                ),
                headers: {},
            })),
    )
}

/** The totals of a score (stored or recomputed), for the OpenAPI document's components. */
export const scoreTotalsSchema = {
    $id: 'ScoreTotals',
    type: 'object',
    required: ['aggregateNanopoints', 'randomSeedHex', 'randomPerbill', 'totalNanopoints'],
    properties: {
        aggregateNanopoints: {type: 'string', description: 'Σ weighted components, 10^-9 points'},
        randomSeedHex: {type: 'string'},
        randomPerbill: {type: 'integer', description: 'the random boost'},
        totalNanopoints: {type: 'string', description: 'aggregate × (1 + boost): what selection sorts by'},
    },
} as const
