/**
 * One zod issue on one field of a list entry, as a short reason that names what was expected and what was
 * found (the value is shown only when short: list entries hold names and addresses, nothing secret).
 */
import type {z} from 'zod'

export function describeFieldIssue(issue: z.core.$ZodIssue): string {
    const got = describeValue((issue as {input?: unknown}).input)
    switch (issue.code) {
        case 'invalid_type':
            return `expected a ${issue.expected}, got ${got}`
        case 'invalid_union':
            return `expected a string or a list of strings, got ${got}`
        case 'too_small':
            return issue.origin === 'string' ? 'must not be empty' : `must be at least ${issue.minimum}, got ${got}`
        default:
            return issue.message
    }
}

function describeValue(v: unknown): string {
    if (v === undefined) return 'nothing'
    if (v === null) return 'null'
    if (Array.isArray(v)) return 'a list'
    if (typeof v === 'object') return 'an object'
    const s = JSON.stringify(v)
    return `${typeof v} ${s.length > 60 ? s.slice(0, 57) + '...' : s}`
}
