import {describe, expect, it} from 'vitest'
import {accountArgument, BadInputError, dateArgument, eraArgument, eraRangeArguments, INT4_MAX, limitArgument} from './arguments'

/** The message of the BadInputError `f` throws. */
function refusal(f: () => unknown): string {
    try {
        f()
    } catch (e) {
        expect(e).toBeInstanceOf(BadInputError)
        expect((e as BadInputError).extensions.code).toBe('BAD_USER_INPUT')
        return (e as Error).message
    }
    throw new Error('accepted')
}

describe('custom query arguments', () => {
    it('accept eras from 0 to the largest int4 and refuse others, naming the argument', () => {
        expect(eraArgument('era', 0)).toBe(0)
        expect(eraArgument('era', INT4_MAX)).toBe(INT4_MAX)
        expect(refusal(() => eraArgument('era', -1))).toBe('era: expected an era from 0 to 2147483647, got -1')
    })

    it('stop a default era range at the largest int4, so the bound fits the column', () => {
        expect(eraRangeArguments(5, undefined, 1000)).toEqual({fromEra: 5, toEra: 1005})
        expect(eraRangeArguments(INT4_MAX, undefined, 1000)).toEqual({fromEra: INT4_MAX, toEra: INT4_MAX})
        expect(refusal(() => eraRangeArguments(0, 1001, 1000))).toBe('toEra - fromEra: at most 1000 eras per query, got 1001')
        expect(refusal(() => eraRangeArguments(-2, 3, 1000))).toMatch(/^fromEra: /)
        expect(refusal(() => eraRangeArguments(0, -3, 1000))).toMatch(/^toEra: /)
    })

    it('accept a limit from 1 to the maximum', () => {
        expect(limitArgument('limit', 1, 10)).toBe(1)
        expect(refusal(() => limitArgument('limit', 0, 10))).toBe('limit: expected 1 to 10, got 0')
        expect(refusal(() => limitArgument('limit', 11, 10))).toBe('limit: expected 1 to 10, got 11')
    })

    it('accept only accounts as the squid stores them', () => {
        const key = '0x' + '0a'.repeat(32)
        expect(accountArgument('validator', key)).toBe(key)
        expect(refusal(() => accountArgument('validator', key.toUpperCase()))).toMatch(
            /^validator: expected a 0x-prefixed lower-case 32-byte hex public key/,
        )
    })

    it('refuse a date the DateTime scalar let through as null or invalid', () => {
        const date = new Date('2026-01-01T00:00:00Z')
        expect(dateArgument('from', date)).toBe(date)
        expect(refusal(() => dateArgument('from', null))).toMatch(/^from: expected a date-time string/)
        expect(refusal(() => dateArgument('to', new Date(Number.NaN)))).toMatch(/^to: /)
    })
})
