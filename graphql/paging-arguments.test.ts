import {parse} from 'graphql'
import {describe, expect, it} from 'vitest'
import {negativePagingArguments} from './paging-arguments'

const messages = (query: string, variables?: Record<string, unknown>) =>
    negativePagingArguments(parse(query), variables).map(e => e.message)

describe('negativePagingArguments', () => {
    it('finds negative limit, offset and first, inline or through variables, at any depth', () => {
        expect(messages('{eras(limit: -1) {id}}')).toEqual(['limit: must not be negative, got -1'])
        expect(messages('query($o: Int) {eras(offset: $o) {id}}', {o: -2})).toEqual(['offset: must not be negative, got -2'])
        expect(messages('{validators {eras(first: -3) {id}}} fragment F on Era {x(limit: -4)}')).toEqual([
            'first: must not be negative, got -3',
            'limit: must not be negative, got -4',
        ])
    })

    it('leaves other arguments and non-negative pages alone', () => {
        expect(messages('query($l: Int) {eras(limit: 0, offset: $l, where: {index_gt: -1}) {id}}', {l: 5})).toEqual([])
        expect(messages('query($l: Int) {eras(limit: $l) {id}}')).toEqual([])
    })

    it('reports them as bad input', () => {
        expect(negativePagingArguments(parse('{eras(limit: -1) {id}}'))[0].extensions).toEqual({code: 'BAD_USER_INPUT'})
    })
})
