/**
 * The old API's chain-history routes served from the squid's and the telemetry follower's tables, with the
 * old field names and units: era points, active eras, BEEFY keys, rewards and location statistics.
 */
import type {FastifyInstance} from 'fastify'
import {accountHex, addressParamSchema} from './address-param'
import {notFound} from './api-error'
import {beefyStats} from './beefy-stats'
import {eraPointStats} from './era-point-stats'
import {msOrZero, perbillToPercent, planckToTokens} from './display-units'
import type {RouteContext} from './gateway'
import {locationStats} from './location-stats'
import {pageQuerySchema, type PageRequest} from './page'
import {errors, list, nullable, pageHeadersOf} from './route-schema'

const eraPointsItem = {
    type: 'object',
    required: ['era', 'address', 'eraPoints'],
    properties: {
        era: {type: 'integer'},
        address: {type: 'string', description: 'validator stash (SS58)'},
        eraPoints: {type: 'integer'},
    },
} as const

const rewardItem = {
    type: 'object',
    required: ['role', 'era', 'validator', 'nominator', 'rewardAmount', 'amountPlanck', 'rewardDestination', 'blockNumber', 'timestamp'],
    properties: {
        role: {type: 'string', enum: ['validator', 'nominator'], description: 'validator: the stash is the validator itself'},
        era: nullable('integer'),
        validator: nullable('string', 'validator stash (SS58) whose era was paid'),
        nominator: {type: 'string', description: 'the stash rewarded (SS58); the validator itself for role validator'},
        rewardAmount: {type: 'number', description: 'tokens (old unit)'},
        amountPlanck: {type: 'string', description: 'planck, decimal string'},
        rewardDestination: nullable('string', 'Staked, Stash, Controller, Account or None'),
        exposurePercentage: nullable('number', "percent of the validator's total exposure the stash had"),
        exposurePlanck: nullable('string', "the stash's exposure behind the validator, planck"),
        totalStake: nullable('number', "the validator's total exposure, tokens (old unit)"),
        totalStakePlanck: nullable('string', "the validator's total exposure, planck"),
        commission: nullable('number', 'percent (old unit)'),
        commissionPerbill: nullable('integer'),
        blockNumber: {type: 'integer'},
        timestamp: {type: 'integer', description: 'ms since 1970; 0 when not known'},
        date: nullable('string', 'YYYY-MM-DD (UTC) of the block'),
    },
} as const

const locationCount = {
    type: 'object',
    required: ['_id', 'name', 'numberOfNodes'],
    properties: {
        _id: {type: 'string', description: 'stable key per category and name'},
        name: {type: 'string'},
        numberOfNodes: {type: 'integer'},
    },
} as const

/** A category's count with the old per-item score, as /locationstats/valid serves it. */
export const scoredLocationCount = {
    ...locationCount,
    required: [...locationCount.required, 'score'],
    properties: {
        ...locationCount.properties,
        score: {type: 'number', description: 'points a valid candidate there earns for this category'},
    },
} as const

/** The old /locationstats body over category lists of `item`, with `extra` fields after `totalNodes`. */
export function locationStatsSchema(item: object, extra: Record<string, object> = {}) {
    const counts = {type: 'array', items: item}
    return {
        type: 'object',
        required: [
            'totalNodes',
            ...Object.keys(extra),
            'locations',
            'regions',
            'countries',
            'providers',
            'locationVariance',
            'regionVariance',
            'countyVariance',
            'providerVaraince',
            'decentralization',
        ],
        properties: {
            totalNodes: {type: 'integer'},
            ...extra,
            locations: counts,
            regions: counts,
            countries: counts,
            providers: counts,
            locationVariance: {type: 'number'},
            regionVariance: {type: 'number'},
            countyVariance: {type: 'number', description: 'country variance (old spelling)'},
            providerVaraince: {type: 'number', description: 'provider variance (old spelling)'},
            decentralization: {type: 'number', description: 'mean of the four variances'},
        },
    }
}

export function registerChainHistoryRoutes(app: FastifyInstance, ctx: RouteContext) {
    const {settings, store, encoder} = ctx
    const stashParams = (name: string) => ({
        type: 'object',
        required: [name],
        properties: {[name]: addressParamSchema(settings.ss58Prefix)},
    })
    const page = pageQuerySchema(settings.maxPageSize)
    const eraFilter = {era: {type: 'integer', minimum: 0, maximum: 2_147_483_647, description: 'only this era'}}
    const tokens = (planck: bigint) => planckToTokens(planck, settings.tokenDecimals)
    /** A 404 for an address the indexer has never seen, asked only when its list came back empty. */
    const requireKnown = async (parameter: string, address: string, hex: string) => {
        if (!(await store.accountExists(hex))) throw notFound(`${parameter} ${address}: no such account in the indexed chain history`)
    }
    const knownAccount = async (parameter: string, address: string) => {
        const hex = accountHex(parameter, address, settings.ss58Prefix)
        await requireKnown(parameter, address, hex)
        return hex
    }
    app.get<{Params: {stash: string}; Querystring: PageRequest}>(
        '/erapoints/:stash',
        {
            schema: {
                summary: "A validator's era points over the last eras",
                description: `One row per era of the last ${settings.eraWindow} (score.inclusionEras) counted back from the newest era indexed, newest first.`,
                tags: ['chain history'],
                params: stashParams('stash'),
                querystring: page,
                response: {200: list(eraPointsItem, 'era points, newest era first'), ...errors(400, 404, 503)},
            },
        },
        async (req, reply) =>
            ctx.cached(req, reply, async () => {
                const hex = accountHex('stash', req.params.stash, settings.ss58Prefix)
                const {rows, total} = await store.eraPoints(hex, settings.eraWindow, req.query)
                if (!total) await requireKnown('stash', req.params.stash, hex)
                return {
                    body: rows.map(r => ({era: r.era, address: req.params.stash, eraPoints: r.points})),
                    headers: pageHeadersOf(req, total),
                }
            }),
    )

    app.get<{Querystring: PageRequest}>(
        '/totalerapoints',
        {
            schema: {
                summary: 'Era point totals and statistics over the last eras',
                description: `Per era of the last ${settings.eraWindow}, over the validators that earned points; newest first.`,
                tags: ['chain history'],
                querystring: page,
                response: {
                    200: list(
                        {
                            type: 'object',
                            required: ['era', 'totalEraPoints', 'median', 'average', 'max', 'min', 'validatorsEraPoints'],
                            properties: {
                                era: {type: 'integer'},
                                totalEraPoints: {type: 'integer'},
                                median: {type: 'number'},
                                average: {type: 'number'},
                                max: {type: 'integer'},
                                min: {type: 'integer'},
                                validatorsEraPoints: {type: 'array', items: eraPointsItem, description: 'highest first'},
                            },
                        },
                        'eras, newest first',
                    ),
                    ...errors(400, 503),
                },
            },
        },
        async (req, reply) =>
            ctx.cached(req, reply, async () => {
                const {rows: eras, total} = await store.erasWithPoints(settings.eraWindow, req.query)
                const byEra = new Map<number, {era: number; address: string; eraPoints: number}[]>(eras.map(e => [e, []]))
                for (const p of await store.pointsInEras(eras))
                    byEra.get(p.era)!.push({era: p.era, address: encoder.ss58(p.validator), eraPoints: p.points})
                return {
                    body: eras.map(era => {
                        const validatorsEraPoints = byEra.get(era)!
                        return {era, ...eraPointStats(validatorsEraPoints.map(p => p.eraPoints)), validatorsEraPoints}
                    }),
                    headers: pageHeadersOf(req, total),
                }
            }),
    )

    app.get<{Params: {stash: string}}>(
        '/validators/activeeras/:stash',
        {
            schema: {
                summary: 'Number of indexed eras in which the stash was in the active set',
                tags: ['chain history'],
                params: stashParams('stash'),
                response: {200: {type: 'integer'}, ...errors(400, 404, 503)},
            },
        },
        async (req, reply) =>
            ctx.cached(req, reply, async () => {
                const hex = await knownAccount('stash', req.params.stash)
                return {body: await store.activeEraCount(hex), headers: {}}
            }),
    )

    app.get(
        '/validators/beefy',
        {
            schema: {
                summary: 'BEEFY key adoption in the latest session keys',
                description:
                    'Counts are integers; the *Percentage fields and totalBeefyValidators (despite its name) are percentages, 0..100. ' +
                    '"1KV" counts are over the candidate list.',
                tags: ['chain history'],
                response: {
                    200: {
                        type: 'object',
                        required: [
                            'beefy1KVCount',
                            'activeBeefy1KVCount',
                            'activeBeefy1KVPercentage',
                            'total1KVValidatorCount',
                            'beefyTotalValidatorCount',
                            'activeBeefyValidatorCount',
                            'activeBeefyPercentage',
                            'activeValidatorCount',
                            'totalValidators',
                            'totalBeefyValidators',
                        ],
                        properties: {
                            beefy1KVCount: {type: 'integer'},
                            activeBeefy1KVCount: {type: 'integer'},
                            activeBeefy1KVPercentage: {type: 'number'},
                            total1KVValidatorCount: {type: 'integer'},
                            beefyTotalValidatorCount: {type: 'integer'},
                            activeBeefyValidatorCount: {type: 'integer'},
                            activeBeefyPercentage: {type: 'number'},
                            activeValidatorCount: {type: 'integer'},
                            totalValidators: {type: 'integer'},
                            totalBeefyValidators: {type: 'number', description: 'percent'},
                        },
                    },
                    ...errors(503),
                },
            },
        },
        async (req, reply) =>
            ctx.cached(req, reply, async () => {
                const {keys} = await store.latestSessionKeys()
                // The session keys of an era are those of its validator set: the latest set is the active one.
                const active = new Set(keys.map(k => k.validator))
                return {body: beefyStats(keys, active, settings.candidateHexes), headers: {}}
            }),
    )

    app.get<{Querystring: PageRequest}>(
        '/validators/beefy/dummy',
        {
            schema: {
                summary: 'Validators whose BEEFY key is the placeholder ("beef…")',
                tags: ['chain history'],
                querystring: page,
                response: {
                    200: list(
                        {
                            type: 'object',
                            required: ['address', 'keys'],
                            properties: {
                                address: {type: 'string', description: 'validator stash (SS58)'},
                                keys: {
                                    type: 'object',
                                    additionalProperties: {type: 'string'},
                                    description: 'session key name → hex public key',
                                },
                            },
                        },
                        'validators, by account',
                    ),
                    ...errors(400, 503),
                },
            },
        },
        async (req, reply) =>
            ctx.cached(req, reply, async () => {
                const {rows, total} = await store.dummyBeefyKeys(req.query)
                return {
                    body: rows.map(r => ({address: encoder.ss58(r.validator), keys: r.keys})),
                    headers: pageHeadersOf(req, total),
                }
            }),
    )

    const rewardList = list(rewardItem, 'rewards, newest block first')
    const rewardRoute = (path: string, param: 'stash' | 'address', role: 'validator' | 'nominator', summary: string) =>
        app.get<{Params: Record<string, string>; Querystring: PageRequest & {era?: number}}>(
            path,
            {
                schema: {
                    summary,
                    description:
                        'rewardAmount and totalStake are tokens and commission percent (the old units); amountPlanck, exposurePlanck and totalStakePlanck are planck as decimal strings.',
                    tags: ['chain history'],
                    params: stashParams(param),
                    querystring: pageQuerySchema(settings.maxPageSize, eraFilter),
                    response: {200: rewardList, ...errors(400, 404, 503)},
                },
            },
            async (req, reply) =>
                ctx.cached(req, reply, async () => {
                    const hex = accountHex(param, req.params[param], settings.ss58Prefix)
                    const filter = role === 'validator' ? {validator: hex} : {stash: hex}
                    const {rows, total} = await store.rewards(filter, req.query.era, req.query)
                    if (!total) await requireKnown(param, req.params[param], hex)
                    return {
                        body: rows.map(r => {
                            const exposurePercentage =
                                r.exposurePlanck !== null && r.totalExposurePlanck
                                    ? Number((r.exposurePlanck * 10n ** 9n) / r.totalExposurePlanck) / 1e7
                                    : null
                            return {
                                role: r.stash === r.validator ? 'validator' : 'nominator',
                                era: r.era,
                                validator: r.validator === null ? null : encoder.ss58(r.validator),
                                nominator: encoder.ss58(r.stash),
                                rewardAmount: tokens(r.amountPlanck),
                                amountPlanck: String(r.amountPlanck),
                                rewardDestination: r.destination,
                                exposurePercentage,
                                exposurePlanck: r.exposurePlanck === null ? null : String(r.exposurePlanck),
                                totalStake: r.totalExposurePlanck === null ? null : tokens(r.totalExposurePlanck),
                                totalStakePlanck: r.totalExposurePlanck === null ? null : String(r.totalExposurePlanck),
                                commission: r.commissionPerbill === null ? null : perbillToPercent(r.commissionPerbill),
                                commissionPerbill: r.commissionPerbill,
                                blockNumber: r.blockNumber,
                                timestamp: msOrZero(r.timestamp),
                                date: r.timestamp ? r.timestamp.toISOString().slice(0, 10) : null,
                            }
                        }),
                        headers: pageHeadersOf(req, total),
                    }
                }),
        )
    rewardRoute('/rewards/validator/:stash', 'stash', 'validator', "Rewards paid for a validator's eras: its own and its nominators'")
    rewardRoute('/rewards/nominator/:address', 'address', 'nominator', 'Rewards an account received (as a nominator, or as a validator)')

    app.get<{Params: {stash: string}}>(
        '/rewards/validator/:stash/total',
        {
            schema: {
                summary: "The sum of a validator's own rewards",
                tags: ['chain history'],
                params: stashParams('stash'),
                response: {
                    200: {
                        type: 'object',
                        required: ['validator', 'total', 'totalPlanck', 'rewardCount'],
                        properties: {
                            validator: {type: 'string', description: 'SS58'},
                            total: {type: 'number', description: 'tokens (old unit)'},
                            totalPlanck: {type: 'string', description: 'planck, decimal string'},
                            rewardCount: {type: 'integer'},
                        },
                    },
                    ...errors(400, 404, 503),
                },
            },
        },
        async (req, reply) =>
            ctx.cached(req, reply, async () => {
                const hex = await knownAccount('stash', req.params.stash)
                const t = await store.validatorRewardTotal(hex)
                return {
                    body: {
                        validator: req.params.stash,
                        total: tokens(t.totalPlanck),
                        totalPlanck: String(t.totalPlanck),
                        rewardCount: t.count,
                    },
                    headers: {},
                }
            }),
    )

    app.get(
        '/locationstats',
        {
            schema: {
                summary: "Where the candidates' nodes are: counts per city, region, country and provider, and their variances",
                description:
                    'Over the candidates whose node telemetry matched and located (its latest node per candidate). ' +
                    'countyVariance and providerVaraince keep the old spelling. A category counts the nodes whose field is known ' +
                    '(the offline IP database gives countries and providers only).',
                tags: ['telemetry'],
                response: {
                    200: locationStatsSchema(locationCount, {
                        session: {type: 'integer', description: 'newest session indexed; 0 before the first'},
                        updated: {type: 'integer', description: 'ms since 1970 of the newest location lookup; 0 when none'},
                    }),
                    ...errors(503),
                },
            },
        },
        async (req, reply) =>
            ctx.cached(req, reply, async () => {
                const [nodes, session] = await Promise.all([store.candidateNodeLocations(), store.latestSession()])
                const updated = nodes.reduce((m, n) => Math.max(m, n.lookedUpAt.getTime()), 0)
                return {body: {...locationStats(nodes), session: session ?? 0, updated}, headers: {}}
            }),
    )
}
