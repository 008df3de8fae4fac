/**
 * Canonical JSON: object keys in code-point order, bigint as decimal strings, no whitespace, so equal data
 * gives equal bytes (and equal hashes) whatever order it was built in.
 */
import {stringToU8a} from '@polkadot/util'
import {blake2AsHex} from '@polkadot/util-crypto'

export function canonicalJson(value: unknown): string {
    return write(value, '$')
}

/** blake2-256 of the canonical JSON's UTF-8 bytes, 0x-prefixed hex. */
export function canonicalHash(value: unknown): string {
    return blake2AsHex(stringToU8a(canonicalJson(value)), 256)
}

function write(value: unknown, path: string): string {
    switch (typeof value) {
        case 'bigint':
            return JSON.stringify(value.toString())
        case 'number':
            if (!Number.isFinite(value)) throw new Error(`${path}: ${value} has no canonical form (expected a finite number)`)
            return JSON.stringify(value)
        case 'string':
        case 'boolean':
            return JSON.stringify(value)
        case 'object': {
            if (value === null) return 'null'
            if (Array.isArray(value)) return `[${value.map((v, i) => write(v, `${path}[${i}]`)).join(',')}]`
            const proto = Object.getPrototypeOf(value)
            if (proto !== Object.prototype && proto !== null) throw new Error(`${path}: a ${proto?.constructor?.name} has no canonical form (expected plain data)`)
            const keys = Object.keys(value).filter(k => (value as Record<string, unknown>)[k] !== undefined).sort()
            return `{${keys.map(k => `${JSON.stringify(k)}:${write((value as Record<string, unknown>)[k], `${path}.${k}`)}`).join(',')}}`
        }
        default:
            throw new Error(`${path}: a ${typeof value} has no canonical form (expected plain data)`)
    }
}
