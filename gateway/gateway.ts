/**
 * The REST gateway as a Fastify application: one JSON schema per route gives request validation, response
 * serialisation and the OpenAPI document (`/openapi.json`, `/docs`); errors of every kind leave as one
 * JSON shape (`api-error.ts`); CORS for browsers; request metrics. `main.ts` gives it a database and a port.
 */
import cors from '@fastify/cors'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type {Logger} from '@subsquid/logger'
import Fastify, {type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest} from 'fastify'
import type pg from 'pg'
import {promisify} from 'node:util'
import {gzip} from 'node:zlib'
import {Counter, Histogram, type Registry} from 'prom-client'
import {AddressEncoder} from './address-param'
import {ApiError, databaseUnavailability, errorBody, errorBodySchema} from './api-error'
import {ChainHistoryStore} from './chain-history-store'
import type {ChainLayer} from '../squid/chain-layer'
import {registerCandidateRoutes, scoreTotalsSchema} from './candidate-routes'
import type {ScoreWeights} from '../scorer/score/components'
import {registerChainHistoryRoutes} from './chain-history-routes'
import {registerNominatorRoutes} from './nominator-routes'
import {ProgrammeStore} from './programme-store'
import {ResponseCache} from './response-cache'
import {registerServiceRoutes} from './service-routes'
import {describeValidationError} from './validation-message'

export interface GatewaySettings {
    network: string
    ss58Prefix: number
    tokenDecimals: number
    maxPageSize: number
    /** The old routes' era window (the old backend's 84: `score.inclusionEras`). */
    eraWindow: number
    /** CandidateData's spanInclusion window (`score.spanInclusionEras`). */
    spanInclusionEras: number
    /** config `score.weights`: the per-item score of `/locationstats/valid`. */
    scoreWeights: ScoreWeights
    /** config `validity.provider.blacklisted`: a banned provider's items score 0 there. */
    bannedProviders: readonly string[]
    /** config `nominator.roundEveryEras`: when the next round is due (`/lastnomination`). */
    roundEveryEras: number
    /** The time-delay proxies' announcement delay (`nominator.announcement.delayBlocks`): the old proxyDelay. */
    proxyDelayBlocks: number
    /** config `validity.clientUpgrade.forcedVersion`: the release `/release` reports while there is no release table. */
    forcedVersion?: string
    /** The first block each configured processor indexes (config `chains.*.fromBlock`). */
    fromBlocks: Partial<Record<ChainLayer, number>>
    /** The programme's candidates, as account hexes (from the candidate list). */
    candidateHexes: ReadonlySet<string>
    version: string
    startedAtMs: number
    /** How long a computed response is reused; 0 turns the cache off. */
    cacheTtlMs: number
}

export interface GatewayDeps {
    settings: GatewaySettings
    pool: pg.Pool
    /** The service's registry: request metrics go into it and `/metrics` serves it. */
    metrics: Registry
    log: Logger
}

/** Cached responses kept at most: a few per route and parameter set; a stash route has one per stash asked. */
const CACHE_MAX_ENTRIES = 5_000
/** Seconds a client may retry after a 503. */
const RETRY_AFTER_S = 5

/** Bodies at least this long are sent gzipped to clients that accept it. */
const GZIP_MIN_CHARS = 2048
const gzipAsync = promisify(gzip)

interface CachedText {
    text: string
    headers: Record<string, string>
    /** The text gzipped, made on the first request that accepts gzip. */
    gzip?: Promise<Buffer>
}

/** Whether an Accept-Encoding header accepts gzip (named without q=0). */
export function acceptsGzip(header: string | undefined): boolean {
    if (!header) return false
    return header.split(',').some(part => {
        const [coding, ...params] = part.trim().toLowerCase().split(';')
        if (coding.trim() !== 'gzip') return false
        const q = params.map(p => p.trim()).find(p => p.startsWith('q='))
        return q === undefined || Number(q.slice(2)) > 0
    })
}

export interface CachedBody {
    body: unknown
    headers: Record<string, string>
}

/** What route modules get: the stores, the settings, the address encoder and the response cache. */
export interface RouteContext {
    settings: GatewaySettings
    store: ChainHistoryStore
    programme: ProgrammeStore
    encoder: AddressEncoder
    metrics: Registry
    /** Answers from the cache (keyed by the route and its validated parameters) or from `compute`. */
    cached(req: FastifyRequest, reply: FastifyReply, compute: () => Promise<CachedBody>): Promise<unknown>
}

export async function buildGateway(deps: GatewayDeps): Promise<FastifyInstance> {
    const {settings, log} = deps
    const app = Fastify({logger: false, return503OnClosing: true})
    app.addSchema(errorBodySchema)
    app.addSchema(scoreTotalsSchema)

    await app.register(cors, {
        origin: '*',
        methods: ['GET', 'HEAD', 'OPTIONS'],
        exposedHeaders: ['X-Total-Count', 'X-Page-Limit', 'X-Page-Offset', 'Link'],
    })
    await app.register(swagger, {
        openapi: {
            openapi: '3.0.3',
            info: {
                title: `Open nominator REST gateway (${settings.network})`,
                version: settings.version,
                description:
                    "Read-only API over the indexed chain history, telemetry and the programme's results. " +
                    'The old 1KV routes keep their field names and units (balances in tokens, commission in percent, times in ms); ' +
                    'new fields carry their unit in their name (planck as decimal strings). Lists are paginated with `limit` and `offset`.',
            },
        },
    })
    await app.register(swaggerUi, {routePrefix: '/docs'})
    app.get('/openapi.json', {schema: {hide: true}}, async () => app.swagger())

    registerRequestMetrics(app, deps.metrics)

    app.setErrorHandler((err: FastifyError, req, reply) => {
        if (err instanceof ApiError) return reply.code(err.statusCode).send(err.body)
        if (err.validation) {
            const {parameter, message} = describeValidationError(err, req)
            return reply.code(400).send(errorBody(400, message, parameter))
        }
        const db = databaseUnavailability(err)
        if (db) {
            log.warn(`${req.method} ${req.routeOptions.url ?? req.url}: database ${db} (${err.message})`)
            const message =
                db === 'timeout'
                    ? 'the query ran longer than the statement timeout (api.sqlStatementTimeoutMs); retry later or ask for a smaller page'
                    : 'the database is unavailable; retry shortly'
            return reply.code(503).header('Retry-After', String(RETRY_AFTER_S)).send(errorBody(503, message))
        }
        if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
            return reply.code(err.statusCode).send(errorBody(err.statusCode, 'the request could not be read'))
        }
        log.error(err, `${req.method} ${req.routeOptions.url ?? req.url} failed`)
        return reply.code(500).send(errorBody(500, 'internal error (logged by the gateway)'))
    })
    app.setNotFoundHandler((req, reply) => {
        const path = req.url.split('?')[0].slice(0, 200)
        reply.code(404).send(errorBody(404, `no route ${req.method} ${path}: the routes are listed at /docs and /openapi.json`))
    })

    const cache = new ResponseCache<CachedText>(settings.cacheTtlMs, CACHE_MAX_ENTRIES)
    const ctx: RouteContext = {
        settings,
        store: new ChainHistoryStore(deps.pool),
        programme: new ProgrammeStore(deps.pool),
        encoder: new AddressEncoder(settings.ss58Prefix),
        metrics: deps.metrics,
        async cached(req, reply, compute) {
            const key = `${req.routeOptions.url}|${JSON.stringify(req.params)}|${JSON.stringify(req.query)}`
            if (settings.cacheTtlMs <= 0) {
                const {body, headers} = await compute()
                reply.headers(headers)
                return body
            }
            // Cached as the serialised text (by the route's response schema): a hit costs no serialisation.
            const entry = await cache.get(key, async () => {
                const {body, headers} = await compute()
                return {text: String(reply.serialize(body)), headers}
            })
            reply.headers(entry.headers)
            reply.header('Cache-Control', `public, max-age=${Math.floor(settings.cacheTtlMs / 1000)}`)
            reply.header('Vary', 'Accept-Encoding')
            reply.type('application/json; charset=utf-8')
            // A large body is gzipped once per cached entry for the clients that accept it (a page of candidates
            // shrinks about 20 times).
            if (entry.text.length >= GZIP_MIN_CHARS && acceptsGzip(req.headers['accept-encoding'])) {
                entry.gzip ??= gzipAsync(entry.text)
                reply.header('Content-Encoding', 'gzip')
                return entry.gzip
            }
            return entry.text
        },
    }
    registerServiceRoutes(app, ctx)
    registerChainHistoryRoutes(app, ctx)
    registerCandidateRoutes(app, ctx)
    registerNominatorRoutes(app, ctx)
    return app
}

function registerRequestMetrics(app: FastifyInstance, registry: Registry) {
    const requests = new Counter({
        name: 'gateway_http_requests_total',
        help: 'REST requests answered, by route and status',
        labelNames: ['route', 'status'],
        registers: [registry],
    })
    const duration = new Histogram({
        name: 'gateway_http_request_duration_seconds',
        help: 'Time to answer a REST request, by route',
        labelNames: ['route'],
        buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
        registers: [registry],
    })
    app.addHook('onResponse', async (req, reply) => {
        const route = req.routeOptions.url ?? 'unmatched'
        requests.inc({route, status: String(reply.statusCode)})
        duration.observe({route}, reply.elapsedTime / 1000)
    })
}
