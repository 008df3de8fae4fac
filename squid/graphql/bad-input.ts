/**
 * An argument a caller got wrong. graphql-js copies `extensions` onto the error it reports, so clients
 * see code BAD_USER_INPUT instead of INTERNAL_SERVER_ERROR (a fault of the server).
 */
export class BadInputError extends Error {
    readonly extensions = {code: 'BAD_USER_INPUT'}
}
