/**
 * A request that failed its route's schema, told as the parameter at fault and one sentence with the value
 * that was sent: `limit: must be ≤ 1000, got "5000"`.
 */
import type {FastifyError, FastifyRequest} from 'fastify'

interface AjvError {
    instancePath: string
    keyword: string
    params: Record<string, unknown>
    message?: string
}

export function describeValidationError(err: FastifyError, req: FastifyRequest): {parameter: string; message: string} {
    const first = (err.validation?.[0] ?? {instancePath: '', keyword: '', params: {}}) as AjvError
    const missing = first.params.missingProperty
    const parameter =
        typeof missing === 'string'
            ? missing
            : first.instancePath.replace(/^\//, '').split('/')[0] || String(err.validationContext ?? 'request')
    // The value as sent: validation may already have coerced the parsed query in place.
    const sent =
        err.validationContext === 'querystring'
            ? (new URLSearchParams(req.raw.url?.split('?')[1] ?? '').get(parameter) ?? undefined)
            : (req.params as Record<string, unknown> | undefined)?.[parameter]
    // Path parameters are coerced in place (`-2` → -2): quoted as text either way.
    const got = sent === undefined ? '' : `, got ${JSON.stringify(String(sent))}`
    return {parameter, message: `${parameter}: ${reason(first)}${got}`}
}

function reason(e: AjvError): string {
    switch (e.keyword) {
        case 'type':
            return e.params.type === 'integer' ? 'must be a whole number' : `must be of type ${String(e.params.type)}`
        case 'minimum':
            return `must be ≥ ${String(e.params.limit)}`
        case 'maximum':
            return `must be ≤ ${String(e.params.limit)}`
        case 'required':
            return 'is required'
        case 'pattern':
            return `must match ${String(e.params.pattern)}`
        case 'enum':
            return `must be one of ${(e.params.allowedValues as unknown[]).map(v => JSON.stringify(v)).join(', ')}`
        default:
            return e.message ?? 'is not valid'
    }
}
