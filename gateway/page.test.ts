import {describe, expect, it} from 'vitest'
import {pageHeaders} from './page'

describe('pageHeaders', () => {
    it('gives the total, the page applied and links to the next and previous pages, keeping the other parameters', () => {
        expect(pageHeaders('/rewards/validator/X', {era: '5'}, {limit: 10, offset: 10}, 35)).toEqual({
            'X-Total-Count': '35',
            'X-Page-Limit': '10',
            'X-Page-Offset': '10',
            Link: '</rewards/validator/X?era=5&limit=10&offset=20>; rel="next", </rewards/validator/X?era=5&limit=10&offset=0>; rel="prev"',
        })
    })

    it('has no Link on a single page, and no next link on the last one', () => {
        expect(pageHeaders('/t', {}, {limit: 100, offset: 0}, 84).Link).toBeUndefined()
        expect(pageHeaders('/t', {}, {limit: 10, offset: 80}, 84).Link).toBe('</t?limit=10&offset=70>; rel="prev"')
        expect(pageHeaders('/t', {}, {limit: 10, offset: 3}, 84).Link).toBe(
            '</t?limit=10&offset=13>; rel="next", </t?limit=10&offset=0>; rel="prev"',
        )
    })
})
