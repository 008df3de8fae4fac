/**
 * The old API's service routes: `/healthcheck` (now JSON as application/json), `/metrics` (Prometheus text),
 * `/release` (the client release counted as latest) and `/blockindex` (the indexed block range).
 */
import type {FastifyInstance} from 'fastify'
import {databaseUnavailability, notFound} from './api-error'
import {STATE_SCHEMAS, type ChainLayer} from '../squid/chain-layer'
import type {RouteContext} from './gateway'
import {errors} from './route-schema'

const healthSchema = {
    type: 'object',
    required: ['version', 'connected', 'currentEndpoint', 'upSince'],
    properties: {
        version: {type: 'string', description: "the gateway's version"},
        connected: {type: 'boolean', description: 'the database answers'},
        currentEndpoint: {
            type: 'string',
            description: 'always "" (the old API named its chain RPC node here; endpoints are not published)',
        },
        upSince: {type: 'integer', description: 'ms since 1970 when the gateway started'},
    },
} as const

const blockRange = {
    type: 'object',
    required: ['earliest', 'latest', 'blocksIndexed'],
    properties: {
        earliest: {type: 'integer', description: 'first block indexed (config chains.*.fromBlock)'},
        latest: {type: 'integer', description: 'highest block indexed'},
        blocksIndexed: {type: 'integer', description: 'latest − earliest + 1'},
        head: {type: 'integer', description: "the chain's finalized head as the processor last read it (absent before it recorded one)"},
        headSeenAt: {type: 'integer', description: 'when the processor read `head` (ms since the epoch): an old one says it stopped'},
        lagBlocks: {type: 'integer', description: 'head − latest, 0 when not behind: finalized blocks not indexed yet'},
    },
} as const

interface BlockRange {
    earliest: number
    latest: number
    blocksIndexed: number
    head?: number
    headSeenAt?: number
    lagBlocks?: number
}

export function registerServiceRoutes(app: FastifyInstance, ctx: RouteContext) {
    const {settings, store} = ctx

    app.get(
        '/healthcheck',
        {
            schema: {
                summary: 'Whether the gateway and its database are up',
                description:
                    'The old API answered text/plain and 403 when disconnected; this one answers application/json, 503 while the database is away.',
                tags: ['service'],
                response: {200: healthSchema, 503: healthSchema},
            },
        },
        async (_req, reply) => {
            let connected = true
            try {
                await store.ping()
            } catch (e) {
                if (!databaseUnavailability(e)) throw e
                connected = false
            }
            reply.code(connected ? 200 : 503)
            return {version: settings.version, connected, currentEndpoint: '', upSince: settings.startedAtMs}
        },
    )

    app.get(
        '/metrics',
        {
            schema: {
                summary: "The gateway's Prometheus metrics",
                tags: ['service'],
                response: {200: {type: 'string', description: 'Prometheus text exposition format'}},
            },
        },
        async (_req, reply) => {
            reply.type(ctx.metrics.contentType)
            return ctx.metrics.metrics()
        },
    )

    app.get(
        '/release',
        {
            schema: {
                summary: 'The client release counted as latest by the client-upgrade check',
                description: 'From config validity.clientUpgrade.forcedVersion (no release table yet); publishedAt 0 means "long ago".',
                tags: ['service'],
                response: {
                    200: {
                        type: 'object',
                        required: ['name', 'publishedAt'],
                        properties: {
                            name: {type: 'string', description: 'release tag, e.g. "v1.15.2"'},
                            publishedAt: {type: 'integer', description: 'ms since 1970; 0 when not known'},
                        },
                    },
                    ...errors(404),
                },
            },
        },
        async () => {
            if (!settings.forcedVersion)
                throw notFound('no release is known: validity.clientUpgrade.forcedVersion is not set and no release table exists yet')
            return {name: `v${settings.forcedVersion}`, publishedAt: 0}
        },
    )

    app.get(
        '/blockindex',
        {
            schema: {
                summary: 'The indexed block range',
                description: "The old fields are the relay processor's; `layers` has each processor that has run on this database.",
                tags: ['chain history'],
                response: {
                    200: {
                        type: 'object',
                        required: ['latest', 'earliest', 'blocksIndexed', 'layers'],
                        properties: {
                            ...blockRange.properties,
                            layers: {
                                type: 'object',
                                properties: Object.fromEntries(Object.keys(STATE_SCHEMAS).map(l => [l, blockRange])),
                            },
                        },
                    },
                    ...errors(404, 503),
                },
            },
        },
        async (req, reply) =>
            ctx.cached(req, reply, async () => {
                const layers: Partial<Record<ChainLayer, BlockRange>> = {}
                const heads = await store.chainHeads()
                for (const layer of Object.keys(STATE_SCHEMAS) as ChainLayer[]) {
                    const latest = await store.indexedHeight(layer)
                    if (latest === null) continue
                    const earliest = Math.min(settings.fromBlocks[layer] ?? 0, latest)
                    const head = heads.get(layer)
                    layers[layer] = {
                        earliest,
                        latest,
                        blocksIndexed: latest - earliest + 1,
                        ...(head && {
                            head: head.finalizedHeight,
                            headSeenAt: head.seenAtMs,
                            lagBlocks: Math.max(0, head.finalizedHeight - latest),
                        }),
                    }
                }
                const main = layers.relay ?? layers.assetHub
                if (!main) throw notFound('no block has been indexed yet')
                return {body: {...main, layers}, headers: {}}
            }),
    )
}
