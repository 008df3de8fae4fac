/**
 * Pagination of the list routes: the `limit`/`offset` query parameters (bounded by `api.maxPageSize`), and
 * the headers that tell a client which slice of how many rows it got and where the next one is. The old
 * routes were unpaginated; they now return the first page by default and say so in these headers.
 */

export interface PageRequest {
    limit: number
    offset: number
}

/** The largest offset accepted: a Postgres int4, far beyond any list the gateway serves. */
export const MAX_OFFSET = 2_147_483_647

/** The query-string schema of a paginated route (`extra` adds the route's own filters). */
export function pageQuerySchema(maxPageSize: number, extra: Record<string, object> = {}) {
    return {
        type: 'object',
        properties: {
            limit: {
                type: 'integer',
                minimum: 1,
                maximum: maxPageSize,
                default: maxPageSize,
                description: `Rows per page, 1 to ${maxPageSize} (api.maxPageSize); the default is the largest page.`,
            },
            offset: {type: 'integer', minimum: 0, maximum: MAX_OFFSET, default: 0, description: 'Rows to skip from the start of the list.'},
            ...extra,
        },
    } as const
}

/** The headers a paginated response carries, documented once for the OpenAPI document. */
export const pageHeadersSchema = {
    'X-Total-Count': {type: 'integer', description: 'rows in the whole list'},
    'X-Page-Limit': {type: 'integer', description: 'the page size applied (the default is api.maxPageSize)'},
    'X-Page-Offset': {type: 'integer', description: 'rows skipped'},
    Link: {type: 'string', description: 'RFC 8288 links to the next and previous pages, where there are any'},
} as const

/**
 * The headers for one page of `total` rows served at `path` (with its other query parameters in `query`).
 */
export function pageHeaders(path: string, query: Record<string, string>, page: PageRequest, total: number): Record<string, string> {
    const headers: Record<string, string> = {
        'X-Total-Count': String(total),
        'X-Page-Limit': String(page.limit),
        'X-Page-Offset': String(page.offset),
    }
    const link = (offset: number, rel: string) => {
        const params = new URLSearchParams({...query, limit: String(page.limit), offset: String(offset)})
        return `<${path}?${params}>; rel="${rel}"`
    }
    const links: string[] = []
    if (page.offset + page.limit < total) links.push(link(page.offset + page.limit, 'next'))
    if (page.offset > 0) links.push(link(Math.max(0, page.offset - page.limit), 'prev'))
    if (links.length) headers.Link = links.join(', ')
    return headers
}
