/**
 * Node IPs never leave the gateway: the scorer's evidence and sentences may name a node's IP (the provider
 * check cites the address it looked up), so what the candidate routes serve from them passes through here.
 * An `ip` field is dropped; an IPv4 or IPv6 address inside any text is replaced.
 */

export const WITHHELD = '[node IP withheld]'

const IPV4 = /\b(?:\d{1,3}\.){3}\d{1,3}\b/g
// Full eight-group form, or any compressed form with "::" and at least one group.
const IPV6 = /\b(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}\b|(?:\b[0-9a-f]{1,4}(?::[0-9a-f]{1,4})*)?::(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4})*\b)?/gi

export function redactText(text: string): string {
    return text.replace(IPV4, WITHHELD).replace(IPV6, m => (m === '::' ? m : WITHHELD))
}

/** A JSON value with every `ip` field dropped and every string's addresses replaced. */
export function redactJson(value: unknown): unknown {
    if (typeof value === 'string') return redactText(value)
    if (Array.isArray(value)) return value.map(redactJson)
    if (value !== null && typeof value === 'object') {
        return Object.fromEntries(
            Object.entries(value)
                .filter(([k]) => k !== 'ip')
                .map(([k, v]) => [k, redactJson(v)]),
        )
    }
    return value
}
