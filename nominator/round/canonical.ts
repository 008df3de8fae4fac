/**
 * Canonical JSON: object keys in code-point order, bigint as decimal strings, no whitespace, so equal data
 * gives equal bytes (and equal hashes) whatever order it was built in.
 */
import {stringToU8a} from '@polkadot/util'
import {blake2AsHex} from '@polkadot/util-crypto'

export function canonicalJson(value: unknown): string {
    try {
        return JSON.stringify(value, canonicalReplacer)
    } catch (e) {
        if (e instanceof NoCanonicalForm) throw new Error(problemAt(value, []) ?? 'no canonical form')
        throw e
    }
}

/** blake2-256 of the canonical JSON's UTF-8 bytes, 0x-prefixed hex. */
export function canonicalHash(value: unknown): string {
    return blake2AsHex(stringToU8a(canonicalJson(value)), 256)
}

class NoCanonicalForm extends Error {}

// The native JSON writer with a replacer is many times faster than a hand-written one; the slow walk below only
// runs to name the path of a value that has no canonical form.
function canonicalReplacer(this: unknown, key: string, replaced: unknown): unknown {
    const value = (this as Record<string, unknown>)[key]
    if (problem(value, Array.isArray(this))) throw new NoCanonicalForm()
    if (typeof value === 'bigint') return value.toString()
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        const sorted: Record<string, unknown> = {}
        for (const k of Object.keys(value).sort()) sorted[k] = (value as Record<string, unknown>)[k]
        return sorted
    }
    return replaced
}

/** Why a value has no canonical form, or null. Undefined is allowed as an object's value only (it is left out). */
function problem(value: unknown, inArray: boolean): string | null {
    switch (typeof value) {
        case 'bigint':
        case 'string':
        case 'boolean':
            return null
        case 'number':
            return Number.isFinite(value) ? null : `${value} has no canonical form (expected a finite number)`
        case 'undefined':
            return inArray ? 'undefined has no canonical form in a list' : null
        case 'object': {
            if (value === null || Array.isArray(value)) return null
            const proto = Object.getPrototypeOf(value)
            return proto === Object.prototype || proto === null
                ? null
                : `a ${proto?.constructor?.name} has no canonical form (expected plain data)`
        }
        default:
            return `a ${typeof value} has no canonical form (expected plain data)`
    }
}

function problemAt(value: unknown, path: (string | number)[], inArray = false): string | null {
    const here = problem(value, inArray)
    if (here) return `$${path.map(p => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}: ${here}`
    if (value === null || typeof value !== 'object') return null
    const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value)
    for (const [k, v] of entries) {
        const found = problemAt(v, [...path, k], Array.isArray(value))
        if (found) return found
    }
    return null
}
