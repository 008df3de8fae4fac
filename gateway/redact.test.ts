import {describe, expect, it} from 'vitest'
import {redactJson, redactText, WITHHELD} from './redact'

describe('redact', () => {
    it('replaces IPv4 and IPv6 addresses in text, and leaves versions, times and module paths alone', () => {
        expect(redactText("unknown: no network operator is known for the node's IP 203.0.113.7 (TelemetryNodeLocation)")).toBe(
            `unknown: no network operator is known for the node's IP ${WITHHELD} (TelemetryNodeLocation)`,
        )
        expect(redactText('at 2001:db8::1 and fe80::a:b and 2a01:4f8:10a:1791:0:0:0:2 ok')).toBe(
            `at ${WITHHELD} and ${WITHHELD} and ${WITHHELD} ok`,
        )
        for (const kept of ['version 1.15.2-abc', 'v1.10.0', 'at 12:30:00 UTC', '2026-01-15T12:00:00.000Z', 'Staking::BadTarget', '5 %'])
            expect(redactText(kept)).toBe(kept)
    })

    it('drops ip fields and redacts strings at any depth', () => {
        expect(
            redactJson({
                code: 'no_provider',
                observed: {ip: '198.51.100.9', provider: null},
                list: ['10.0.0.1', 3],
                nested: [{ip: '::1', n: null}],
            }),
        ).toEqual({code: 'no_provider', observed: {provider: null}, list: [WITHHELD, 3], nested: [{n: null}]})
    })
})
