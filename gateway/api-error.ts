/**
 * The gateway's one error type and its JSON body: a status, a short reason and, for a bad request, the
 * parameter at fault. Every failure a client can see is one of these; nothing else (no stack, no path, no
 * database message) leaves the service.
 */

export interface ErrorBody {
    statusCode: number
    error: string
    message: string
    /** The request parameter at fault (path or query), for a 400. */
    parameter?: string
}

const STATUS_TEXT: Record<number, string> = {
    400: 'Bad Request',
    404: 'Not Found',
    405: 'Method Not Allowed',
    500: 'Internal Server Error',
    503: 'Service Unavailable',
}

export class ApiError extends Error {
    constructor(
        readonly statusCode: number,
        message: string,
        readonly parameter?: string,
    ) {
        super(message)
    }

    get body(): ErrorBody {
        return errorBody(this.statusCode, this.message, this.parameter)
    }
}

export function errorBody(statusCode: number, message: string, parameter?: string): ErrorBody {
    const body: ErrorBody = {statusCode, error: STATUS_TEXT[statusCode] ?? 'Error', message}
    if (parameter !== undefined) body.parameter = parameter
    return body
}

export function badParameter(parameter: string, reason: string): ApiError {
    return new ApiError(400, `${parameter}: ${reason}`, parameter)
}

export function notFound(message: string): ApiError {
    return new ApiError(404, message)
}

/** The OpenAPI schema of every error body. */
export const errorBodySchema = {
    $id: 'ErrorBody',
    type: 'object',
    description: 'A failed request: the HTTP status, its name, the reason and, for a 400, the parameter at fault.',
    required: ['statusCode', 'error', 'message'],
    properties: {
        statusCode: {type: 'integer'},
        error: {type: 'string'},
        message: {type: 'string'},
        parameter: {type: 'string', description: 'the path or query parameter at fault'},
    },
} as const

/** Postgres SQLSTATEs of a server that is shutting down, starting or unreachable (class 08, 57P0x). */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006'])
/** Socket errors of a server that is not there (any more). */
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', 'EPIPE', 'EAI_AGAIN'])

/** Why a database failure is the database's absence rather than a fault in the query, or null. */
export function databaseUnavailability(err: unknown): 'unavailable' | 'timeout' | null {
    if (!(err instanceof Error)) return null
    const code = (err as {code?: unknown}).code
    // 57014 query_canceled: the statement ran past `statement_timeout` (api.sqlStatementTimeoutMs).
    if (code === '57014') return 'timeout'
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_ERRNOS.has(code))) return 'unavailable'
    // node-postgres reports a dropped connection and a connect timeout without a code.
    if (
        /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connect ECONNREFUSED/.test(
            err.message,
        )
    ) {
        return 'unavailable'
    }
    return null
}
