/**
 * Pieces every route module's schemas and handlers share: the error responses, nullable fields, a paginated
 * list, and the page headers of a request.
 */
import type {FastifyRequest} from 'fastify'
import {pageHeaders, pageHeadersSchema, type PageRequest} from './page'

export const errors = (...codes: number[]) => Object.fromEntries(codes.map(c => [c, {$ref: 'ErrorBody#'}]))
export const nullable = (type: string, description?: string) => ({type: [type, 'null'], ...(description ? {description} : {})})
export const list = (items: object, description: string) => ({type: 'array', description, items, headers: pageHeadersSchema})

/** The page headers of `req` (its path, and its query parameters other than limit and offset) over `total` rows. */
export function pageHeadersOf(req: FastifyRequest, total: number): Record<string, string> {
    const query = req.query as PageRequest & Record<string, unknown>
    const rest = Object.fromEntries(
        Object.entries(query)
            .filter(([k, v]) => k !== 'limit' && k !== 'offset' && v !== undefined)
            .map(([k, v]) => [k, String(v)]),
    )
    return pageHeaders(req.url.split('?')[0], rest, {limit: query.limit, offset: query.offset}, total)
}
