/**
 * Arguments of the custom GraphQL queries, checked before they reach SQL: each check returns the value or
 * throws a BadInputError naming the argument, so a bad argument never becomes a database error.
 */

/**
 * An argument a caller got wrong. graphql-js copies `extensions` onto the error it reports, so clients
 * see code BAD_USER_INPUT instead of INTERNAL_SERVER_ERROR (a fault of the server).
 */
export class BadInputError extends Error {
    readonly extensions = {code: 'BAD_USER_INPUT'}
}

/** Largest value of a Postgres `integer` column (eras are stored as int4). */
export const INT4_MAX = 2 ** 31 - 1

/** An era number: an integer from 0 to INT4_MAX (GraphQL's Int can be negative). */
export function eraArgument(name: string, era: number): number {
    if (!Number.isInteger(era) || era < 0 || era > INT4_MAX)
        throw new BadInputError(`${name}: expected an era from 0 to ${INT4_MAX}, got ${era}`)
    return era
}

/**
 * Eras `from` to `to` inclusive, at most `maxSpan` apart; `to` defaults to the widest span allowed and
 * stops at INT4_MAX, so the bound itself always fits the column.
 */
export function eraRangeArguments(from: number, to: number | undefined, maxSpan: number): {fromEra: number; toEra: number} {
    const fromEra = eraArgument('fromEra', from)
    const toEra = to === undefined || to === null ? Math.min(fromEra + maxSpan, INT4_MAX) : eraArgument('toEra', to)
    if (toEra - fromEra > maxSpan) throw new BadInputError(`toEra - fromEra: at most ${maxSpan} eras per query, got ${toEra - fromEra}`)
    return {fromEra, toEra}
}

/** A page size: an integer from 1 to `max`. */
export function limitArgument(name: string, limit: number, max: number): number {
    if (!Number.isInteger(limit) || limit < 1 || limit > max) throw new BadInputError(`${name}: expected 1 to ${max}, got ${limit}`)
    return limit
}

/** An account as the squid stores it: a 0x-prefixed lower-case 32-byte hex public key. */
export function accountArgument(name: string, account: string): string {
    if (!/^0x[0-9a-f]{64}$/.test(account))
        throw new BadInputError(`${name}: expected a 0x-prefixed lower-case 32-byte hex public key, got ${JSON.stringify(account)}`)
    return account
}

/**
 * A DateTime argument. The SDK's DateTime scalar turns a literal that is not a string (`from: 0`) into
 * null instead of refusing it, so a non-null argument can still arrive as null here.
 */
export function dateArgument(name: string, date: Date | null | undefined): Date {
    if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
        throw new BadInputError(`${name}: expected a date-time string such as "2026-01-01T00:00:00Z"`)
    }
    return date
}
