/**
 * What a client sees of a failure. A GraphQL error keeps its message only when the message was written
 * for the client (bad input, an invalid query); any other error is the server's fault, and its cause (SQL,
 * parameters, driver error, stack) belongs in the server log, not the response. Transport failures
 * (body too large, not JSON) get the same JSON shape.
 */
import {STATUS_CODES} from 'node:http'
import type {GraphQLFormattedError} from 'graphql'

/** Codes whose message tells the client what it got wrong (Apollo Server's, and graphql-js's through it). */
const CLIENT_CODES = new Set([
    'BAD_USER_INPUT',
    'GRAPHQL_PARSE_FAILED',
    'GRAPHQL_VALIDATION_FAILED',
    'PERSISTED_QUERY_NOT_FOUND',
    'PERSISTED_QUERY_NOT_SUPPORTED',
    'UNAUTHENTICATED',
    'FORBIDDEN',
])

export const INTERNAL_ERROR_MESSAGE = 'internal server error (the cause is in the server log)'

/**
 * Message, locations, path and code: nothing else of the error reaches the client.
 * @param aboutTheRequest raised by Apollo or graphql-js about the request itself before anything ran
 *   (no query, a mutation over GET), which they leave without a code
 */
export function clientGraphqlError(error: GraphQLFormattedError, aboutTheRequest = false): GraphQLFormattedError {
    const code = error.extensions?.code
    const clientCode = typeof code === 'string' && CLIENT_CODES.has(code) ? code : aboutTheRequest ? 'BAD_REQUEST' : undefined
    return {
        message: clientCode ? error.message : INTERNAL_ERROR_MESSAGE,
        ...(error.locations && {locations: error.locations}),
        ...(error.path && {path: error.path}),
        extensions: {code: clientCode ?? 'INTERNAL_SERVER_ERROR'},
    }
}

export function responseSizeLimitMessage(maxNodes: number): string {
    return (
        `response might exceed the size limit of ${maxNodes} nodes: ask for fewer items or fields per request and page ` +
        'through the rest (limit and offset on a list, first and after on a …Connection query)'
    )
}

export interface TransportError {
    status: number
    body: {errors: GraphQLFormattedError[]}
}

/** A JSON error response with the code named after the HTTP status (413: PAYLOAD_TOO_LARGE). */
export function transportError(status: number, message: string): TransportError {
    const code = (STATUS_CODES[status] ?? 'Error').toUpperCase().replace(/[^A-Z]+/g, '_')
    return {status, body: {errors: [{message, extensions: {code}}]}}
}

/**
 * An error Express middleware passed on: the body parser's (an http-errors error, whose `expose` marks a
 * message safe for clients) or anything unexpected.
 */
export interface MiddlewareError {
    type?: string
    status?: number
    expose?: boolean
    message: string
    /** Bytes, for a body too large. */
    limit?: number
}

/** The response for a request that failed before GraphQL saw it; status 500 is the server's fault. */
export function httpErrorResponse(error: MiddlewareError): TransportError {
    if (error.type === 'entity.too.large') {
        return transportError(
            413,
            `request body larger than the limit of ${error.limit === undefined ? '?' : Math.floor(error.limit / 1024)} KB`,
        )
    }
    if (error.type === 'entity.parse.failed') return transportError(400, 'request body is not valid JSON')
    const status = error.status ?? 500
    if (error.expose && status >= 400 && status < 500) return transportError(status, error.message)
    return transportError(500, INTERNAL_ERROR_MESSAGE)
}
