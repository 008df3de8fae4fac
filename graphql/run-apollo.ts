/**
 * The HTTP side of the GraphQL server: openreader's `runApollo` (Express plus Apollo Server) with the same
 * options, rebuilt so that no response carries the server's internals. Every error is JSON; GraphQL errors
 * keep only what the client needs and their cause goes to the log; negative paging arguments are refused
 * before any SQL runs; stack traces stay out whatever NODE_ENV says.
 */
import http from 'node:http'
import {ApolloServer} from '@subsquid/apollo-server-express'
import {UserInputError} from '@subsquid/apollo-server-core'
import type {Context} from '@subsquid/openreader/lib/context'
import type {ApolloOptions} from '@subsquid/openreader/lib/server'
import {setupGraphiqlConsole} from '@subsquid/openreader/lib/server'
import {openreaderExecute} from '@subsquid/openreader/lib/util/execute'
import {Limit} from '@subsquid/openreader/lib/util/limit'
import {listen, type ListeningServer} from '@subsquid/util-internal-http-server'
import cors from 'cors'
import express, {type ErrorRequestHandler, type RequestHandler} from 'express'
import type {GraphQLError} from 'graphql'
import {clientGraphqlError, httpErrorResponse, responseSizeLimitMessage, transportError, type TransportError} from './client-errors'
import {negativePagingArguments} from './paging-arguments'

const GRAPHQL_PATH = '/graphql'

export async function runApollo(options: ApolloOptions): Promise<ListeningServer> {
    const {disposals, schema, log, maxRootFields} = options
    // Subscriptions would need their own error handling over WebSocket; nothing here uses them.
    if (options.subscriptions) throw new Error('GraphQL subscriptions are not served: start the server without --subscriptions')
    const maxRequestSizeBytes = options.maxRequestSizeBytes ?? 256 * 1024
    const app = express()
    app.disable('x-powered-by')
    const server = http.createServer(app)
    const apollo = new ApolloServer({
        schema,
        context: () => withResponseSizeHint(options.context()),
        cache: options.cache,
        stopOnTerminationSignals: false,
        allowBatchedHttpRequests: false,
        // Both default from NODE_ENV: debug puts stack traces into errors, and production turns off the
        // introspection that GraphiQL and client code generators need. Neither should depend on it.
        debug: false,
        introspection: true,
        validateOptions: {maxErrors: options.validationMaxErrors},
        executor: async req => {
            const errors = negativePagingArguments(req.document, req.request.variables)
            if (errors.length > 0) return {errors}
            return openreaderExecute(
                {
                    schema,
                    document: req.document,
                    rootValue: {},
                    contextValue: req.context,
                    variableValues: req.request.variables,
                    operationName: req.operationName,
                },
                {maxRootFields},
            )
        },
        formatError: error => {
            const client = clientGraphqlError(error, isAboutTheRequest(error))
            // openreader's executor logs the errors of fields (those with a path) with their cause already.
            if (client.extensions?.code === 'INTERNAL_SERVER_ERROR' && !error.path)
                log?.error({err: error.originalError ?? error}, 'GraphQL request failed')
            return client
        },
        plugins: [
            ...(options.plugins ?? []),
            {
                async requestDidStart() {
                    return {
                        willSendResponse(req) {
                            return (req.context as unknown as {openreader: {close(): Promise<void>}}).openreader.close()
                        },
                    }
                },
            },
        ],
    })
    if (options.graphiqlConsole !== false) setupGraphiqlConsole(app)
    await apollo.start()
    disposals.push(() => apollo.stop())
    // CORS and the body parser as Apollo would add them, but ahead of the checks below, whose errors are then
    // readable cross-origin too.
    app.use(GRAPHQL_PATH, cors(), express.json({limit: maxRequestSizeBytes}), requireOneOperation, plainErrorsAsJson)
    apollo.applyMiddleware({app: app as never, cors: false, bodyParserConfig: false})
    app.use((_req, res) => sendTransportError(res, transportError(404, `no such resource: GraphQL is served at ${GRAPHQL_PATH}`)))
    app.use(((err, _req, res, _next) => {
        const response = httpErrorResponse(err)
        if (response.status >= 500) log?.error({err}, 'HTTP request failed')
        sendTransportError(res, response)
    }) as ErrorRequestHandler)
    return listen(server, options.port)
}

/** The response size limit's error, as openreader words it, says neither the limit nor what to do. */
function withResponseSizeHint(context: Context): Context {
    const limit = context.openreader.responseSizeLimit
    if (limit) {
        const maxNodes = limit.left
        context.openreader.responseSizeLimit = new Limit(new UserInputError(responseSizeLimitMessage(maxNodes)), maxNodes)
    }
    return context
}

/** Apollo's own HTTP errors (a mutation over GET) are about the request but carry no code. */
function isAboutTheRequest(error: GraphQLError): boolean {
    return error.name === 'HttpQueryError'
}

/**
 * A POST body must hold one operation. Apollo refuses a batch or a body without a query with errors that
 * have no code, which would read as the server's fault.
 */
const requireOneOperation: RequestHandler = (req, res, next) => {
    if (req.method !== 'POST') return next()
    const body: unknown = req.body
    if (Array.isArray(body)) {
        sendTransportError(res, transportError(400, 'batched requests are not supported: send one operation per request'))
    } else if (!isOperation(body)) {
        sendTransportError(
            res,
            transportError(400, 'request body: expected a JSON object with a "query" string (Content-Type: application/json)'),
        )
    } else {
        next()
    }
}

/** A query, or the hash of one the server may know (Apollo's automatic persisted queries). */
function isOperation(body: unknown): boolean {
    if (typeof body !== 'object' || body === null) return false
    const {query, extensions} = body as {query?: unknown; extensions?: {persistedQuery?: unknown}}
    return (typeof query === 'string' && query.trim() !== '') || (query === undefined && extensions?.persistedQuery !== undefined)
}

/**
 * Apollo answers some malformed requests (a GET without a query, invalid variables in a GET) with a bare text
 * message; this sends those as the same JSON error shape as everything else.
 */
const plainErrorsAsJson: RequestHandler = (_req, res, next) => {
    const send = res.send.bind(res)
    res.send = body => {
        const type = String(res.getHeader('content-type') ?? '')
        if (res.statusCode >= 400 && typeof body === 'string' && !type.includes('json')) {
            const {body: json} = transportError(res.statusCode, body)
            res.type('application/json')
            return send(JSON.stringify(json))
        }
        return send(body)
    }
    next()
}

function sendTransportError(res: express.Response, error: TransportError): void {
    res.status(error.status).type('application/json').send(JSON.stringify(error.body))
}
