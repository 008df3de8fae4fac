import {describe, expect, it} from 'vitest'
import {isPublicIp, OfflineIpLocator, parseAsnLine, parseIpinfo, parseIpv4, parseIpv6} from './ip-location'

describe('IP parsing', () => {
    it.each([
        ['95.141.47.38', 1603088166],
        ['0.0.0.0', 0],
        ['255.255.255.255', 4294967295],
        ['256.1.1.1', null],
        ['1.2.3', null],
    ])('parseIpv4(%s) = %s', (ip, v) => expect(parseIpv4(ip)).toBe(v))

    it.each([
        ['2a01:4f9::1', 0x2a0104f9000000000000000000000001n],
        ['::1', 1n],
        ['::ffff:1.2.3.4', 0xffff01020304n],
        ['1:2:3:4:5:6:7:8', 0x00010002000300040005000600070008n],
        ['1::2::3', null],
        ['1:2:3', null],
        ['95.141.47.38', null],
    ])('parseIpv6(%s) = %s', (ip, v) => expect(parseIpv6(ip)).toBe(v))

    it.each([
        ['95.141.47.38', true],
        ['10.1.2.3', false],
        ['192.168.0.1', false],
        ['172.20.0.1', false],
        ['127.0.0.1', false],
        ['100.64.0.1', false],
        ['2a01:4f9::1', true],
        ['::1', false],
        ['fd00::1', false],
        ['fe80::1', false],
        ['nonsense', false],
    ])('isPublicIp(%s) = %s', (ip, v) => expect(isPublicIp(ip)).toBe(v))

    it('parses ASN CSV lines with quoted operators', () => {
        expect(parseAsnLine('16777216,16777471,13335,"Cloudflare, Inc."')).toEqual(['16777216', '16777471', 13335, 'Cloudflare, Inc.'])
        expect(parseAsnLine("1603084288,1603088383,49367,Seflow S.N.C. Di Marco Brame' & C.")).toEqual([
            '1603084288',
            '1603088383',
            49367,
            "Seflow S.N.C. Di Marco Brame' & C.",
        ])
        expect(parseAsnLine('')).toBeNull()
    })
})

describe('OfflineIpLocator (the npm databases)', () => {
    const locator = new OfflineIpLocator()

    it('finds the operator and country of the real Sio34 node IP from the W3F feed', async () => {
        expect(await locator.locate('95.141.47.38')).toEqual({
            ip: '95.141.47.38',
            country: 'IT',
            region: null,
            city: null,
            asn: 49367,
            provider: "Seflow S.N.C. Di Marco Brame' & C.",
            source: expect.stringMatching(/^offline:@ip-location-db\/asn@\d.*\+@ip-location-db\/geo-whois-asn-country-mmdb@\d/),
        })
    })

    it('IPv6: a Hetzner range', async () => {
        const loc = await locator.locate('2a01:4f9::1')
        expect(loc?.asn).toBe(24940)
        expect(loc?.provider).toBe('Hetzner Online GmbH')
    })

    it('private addresses are not looked up', async () => {
        expect(await locator.locate('10.0.0.1')).toBeNull()
    })
})

describe('parseIpinfo', () => {
    it('reads the free plan answer (org = "AS<n> <name>")', () => {
        expect(
            parseIpinfo('1.2.3.4', {ip: '1.2.3.4', city: 'Helsinki', region: 'Uusimaa', country: 'FI', org: 'AS24940 Hetzner Online GmbH'}),
        ).toEqual({
            ip: '1.2.3.4',
            country: 'FI',
            region: 'Uusimaa',
            city: 'Helsinki',
            asn: 24940,
            provider: 'Hetzner Online GmbH',
            source: 'ipinfo',
        })
    })
    it('prefers the paid plan ASN object; a bogon answer gives nulls', () => {
        expect(parseIpinfo('1.2.3.4', {country: 'DE', asn: {asn: 'AS16276', name: 'OVH SAS'}, org: 'AS1 other'})).toMatchObject({
            asn: 16276,
            provider: 'OVH SAS',
        })
        expect(parseIpinfo('10.0.0.1', {ip: '10.0.0.1', bogon: true})).toMatchObject({country: null, asn: null, provider: null})
    })
})
