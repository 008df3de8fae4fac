import {describe, expect, it} from 'vitest'
import {clientGraphqlError, httpErrorResponse, INTERNAL_ERROR_MESSAGE, transportError} from './client-errors'

describe('clientGraphqlError', () => {
    it('keeps message, locations, path and code of an error written for the client, and nothing else', () => {
        const error = {
            message: 'limit: expected 1 to 5000, got 0',
            locations: [{line: 1, column: 2}],
            path: ['validatorNominators'],
            extensions: {code: 'BAD_USER_INPUT', exception: {stacktrace: ['Error: …', '    at lib/graphql/arguments.js:1:1']}},
        }
        expect(clientGraphqlError(error)).toEqual({
            message: error.message,
            locations: error.locations,
            path: error.path,
            extensions: {code: 'BAD_USER_INPUT'},
        })
    })

    it('replaces the message of a server fault, which may hold SQL and its parameters', () => {
        const error = {
            message: 'value "2147484647" is out of range for type integer',
            path: ['eraPointsHistory'],
            extensions: {code: 'INTERNAL_SERVER_ERROR', exception: {query: 'SELECT …', parameters: ['0x…']}},
        }
        expect(clientGraphqlError(error)).toEqual({
            message: INTERNAL_ERROR_MESSAGE,
            path: ['eraPointsHistory'],
            extensions: {code: 'INTERNAL_SERVER_ERROR'},
        })
        expect(clientGraphqlError({message: 'x', extensions: {code: 'SOMETHING_NEW'}}).extensions).toEqual({code: 'INTERNAL_SERVER_ERROR'})
    })

    it('codes an error about the request that came without a code as BAD_REQUEST', () => {
        expect(
            clientGraphqlError({message: 'GET supports only query operation', extensions: {code: 'INTERNAL_SERVER_ERROR'}}, true),
        ).toEqual({message: 'GET supports only query operation', extensions: {code: 'BAD_REQUEST'}})
    })
})

describe('transport errors', () => {
    it('are JSON errors coded after the HTTP status', () => {
        expect(transportError(413, 'too large')).toEqual({
            status: 413,
            body: {errors: [{message: 'too large', extensions: {code: 'PAYLOAD_TOO_LARGE'}}]},
        })
        expect(transportError(405, 'no').body.errors[0].extensions).toEqual({code: 'METHOD_NOT_ALLOWED'})
    })

    it('say what was wrong with the body without echoing it or the parser', () => {
        expect(
            httpErrorResponse({type: 'entity.too.large', status: 413, expose: true, message: 'request entity too large', limit: 262144}),
        ).toEqual(transportError(413, 'request body larger than the limit of 256 KB'))
        expect(
            httpErrorResponse({
                type: 'entity.parse.failed',
                status: 400,
                expose: true,
                message: 'Unexpected token } in JSON at position 1',
            }),
        ).toEqual(transportError(400, 'request body is not valid JSON'))
        expect(
            httpErrorResponse({type: 'charset.unsupported', status: 415, expose: true, message: 'unsupported charset "LATIN-9"'}),
        ).toEqual(transportError(415, 'unsupported charset "LATIN-9"'))
        expect(httpErrorResponse({message: 'ECONNRESET at /srv/app/node_modules/raw-body'})).toEqual(
            transportError(500, INTERNAL_ERROR_MESSAGE),
        )
    })
})
