/**
 * The gateway over a real Postgres database holding chain history and telemetry rows written through the
 * generated entities: every route's response checked against the OpenAPI document it serves and its values
 * against the rows; the bad-parameter battery; 404s; 503 while the database is away and recovery; the
 * statement timeout; and no stack, path or node IP in any response.
 */
import {encodeAddress} from '@polkadot/util-crypto'
import {createLogger} from '@subsquid/logger'
import type {FastifyInstance} from 'fastify'
import {gunzipSync} from 'node:zlib'
import pg from 'pg'
import {Registry} from 'prom-client'
import type {DataSource} from 'typeorm'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {loadConfig} from '../config/load'
import {PROJECT_DIR} from '../config/project-dir'
import {pgClientConfig} from '../db/connection'
import {applyMigrations} from '../db/migrate'
import {createDataSource} from '../db/orm'
import {useTestDatabase} from '../test/vitest/database'
import path from 'node:path'
import {GatewayClient} from '../test/vitest/gateway-client'
import {TcpProxy} from '../test/vitest/tcp-proxy'
import {buildGateway, type GatewaySettings} from './gateway'

const db = useTestDatabase('gateway')
const hex = (n: number) => '0x' + n.toString(16).padStart(64, '0')
const V1 = hex(0xa1),
    V2 = hex(0xa2),
    V3 = hex(0xa3),
    N1 = hex(0xb1),
    UNSEEN = hex(0xcc)
const ss58 = (h: string) => encodeAddress(h, 0)
const DOT = 10_000_000_000n
const LATEST_ERA = 89
const T = new Date('2026-01-01T00:00:00Z')
const HEAD_SEEN_MS = T.getTime() + 5 * 60_000
const NODE_IPS = ['203.0.113.7', '198.51.100.9', '192.0.2.44']

const config = loadConfig(path.join(PROJECT_DIR, 'config', 'devnet.json'))
const SETTINGS: GatewaySettings = {
    network: 'polkadot',
    ss58Prefix: 0,
    tokenDecimals: 10,
    maxPageSize: 100,
    eraWindow: 84,
    spanInclusionEras: 28,
    proxyDelayBlocks: 10850,
    scoreWeights: config.score.weights,
    bannedProviders: config.validity.provider.blacklisted,
    roundEveryEras: config.nominator.roundEveryEras,
    forcedVersion: '1.15.2',
    fromBlocks: {relay: 1000},
    candidateHexes: new Set([V1, V2]),
    version: '0.1.0',
    startedAtMs: 1_767_225_600_000,
    cacheTtlMs: 0,
}

const v2Points = (era: number) => (era % 3 === 0 ? 0 : 60)

async function writeFixture(ds: DataSource) {
    const save = (entity: string, rows: object[]) => ds.getRepository(entity).insert(rows)
    await save(
        'Account',
        [V1, V2, V3, N1].map(id => ({id})),
    )
    const eraRows: object[] = []
    for (let era = 0; era <= LATEST_ERA; era++) {
        eraRows.push(
            {
                id: `${era}-${V1}`,
                era,
                validator: {id: V1},
                chain: 'relay',
                points: 100 + era,
                commissionPerbill: 50_000_000,
                selfStakePlanck: 1000n * DOT,
                ownExposurePlanck: 1000n * DOT,
                totalExposurePlanck: 3000n * DOT,
                nominatorCount: 1,
                active: true,
            },
            {
                id: `${era}-${V2}`,
                era,
                validator: {id: V2},
                chain: 'relay',
                points: v2Points(era),
                commissionPerbill: 0,
                nominatorCount: 0,
                active: era % 2 === 0,
            },
            {id: `${era}-${V3}`, era, validator: {id: V3}, chain: 'relay', points: 0, nominatorCount: 0, active: false},
        )
    }
    await save('EraValidator', eraRows)
    await save(
        'Exposure',
        [88, 89].map(era => ({id: `${era}-${N1}-${V1}`, era, nominatorId: N1, validatorId: V1, amountPlanck: 500n * DOT})),
    )
    const rewards: object[] = []
    for (const era of [88, 89]) {
        const block = era * 10
        rewards.push(
            {
                id: `r-${era}-v`,
                era,
                validator: {id: V1},
                stash: {id: V1},
                destination: 'Staked',
                amountPlanck: 10n * DOT,
                chain: 'relay',
                blockNumber: block,
                timestamp: T,
            },
            {
                id: `r-${era}-n`,
                era,
                validator: {id: V1},
                stash: {id: N1},
                destination: 'Stash',
                amountPlanck: (25n * DOT) / 10n,
                chain: 'relay',
                blockNumber: block,
                timestamp: T,
            },
        )
    }
    await save('Reward', rewards)
    const keys = (beefy: string | null) => ({grandpa: hex(1), babe: hex(2), ...(beefy ? {beefy} : {})})
    const dummy = '0x62656566' + '00'.repeat(29)
    await save('SessionKeys', [
        {
            id: `90-${V1}`,
            era: 90,
            validator: {id: V1},
            keys: keys('0x03' + '11'.repeat(32)),
            beefy: '0x03' + '11'.repeat(32),
            blockNumber: 900,
        },
        {id: `90-${V2}`, era: 90, validator: {id: V2}, keys: keys(dummy), beefy: dummy, blockNumber: 900},
        {id: `90-${V3}`, era: 90, validator: {id: V3}, keys: keys(null), beefy: null, blockNumber: 900},
        {id: `89-${V2}`, era: 89, validator: {id: V2}, keys: keys(dummy), beefy: dummy, blockNumber: 890},
    ])
    await save(
        'Session',
        [500, 501].map(index => ({id: `relay-${index}`, index, chain: 'relay', era: 89, blockNumber: index * 2})),
    )
    const node = (name: string, stash: string | null, ip: string) => ({
        id: `0xgenesis:${name}`,
        genesisHash: '0xgenesis',
        name,
        implementation: 'Parity Polkadot',
        version: '1.16.2',
        ip,
        firstSeenAt: T,
        lastSeenAt: T,
        online: true,
        connections: 1,
        stale: false,
        candidateStash: stash,
        matchedBy: stash ? 'name' : null,
    })
    await save('TelemetryNode', [
        node('v1', ss58(V1), NODE_IPS[0]),
        node('v2', ss58(V2), NODE_IPS[1]),
        node('v3', ss58(V3), NODE_IPS[2]),
        node('other', null, '192.0.2.99'),
    ])
    const loc = (name: string, ip: string, country: string, provider: string, minutes: number) => ({
        id: `0xgenesis:${name}`,
        node: {id: `0xgenesis:${name}`},
        ip,
        country,
        region: null,
        city: null,
        asn: 1,
        provider,
        source: 'offline:test',
        lookedUpAt: new Date(T.getTime() + minutes * 60_000),
    })
    await save('TelemetryNodeLocation', [
        loc('v1', NODE_IPS[0], 'CH', 'Init7', 1),
        loc('v2', NODE_IPS[1], 'DE', 'Hetzner Online GmbH', 2),
        loc('v3', NODE_IPS[2], 'DE', 'Init7', 3),
        loc('other', '192.0.2.99', 'US', 'Amazon', 9),
    ])
    await ds.query('CREATE SCHEMA squid_processor')
    await ds.query('CREATE TABLE squid_processor.status (id int PRIMARY KEY, height int NOT NULL)')
    await ds.query('INSERT INTO squid_processor.status VALUES (0, 1234)')
    await ds.query(`INSERT INTO chain_head (id, finalized_height, seen_at) VALUES ('relay', 1240, $1)`, [new Date(HEAD_SEEN_MS)])
}

let proxy: TcpProxy
let pool: pg.Pool
let app: FastifyInstance
let client: GatewayClient
let base = ''
let doc: any
const get = (path: string, headers: Record<string, string> = {}) => client.get(path, headers)
const getValid = (template: string, path: string, status = 200) => client.getValid(template, path, status)

beforeAll(async () => {
    await applyMigrations(db.settings)
    const ds = createDataSource(db.settings, {withModel: true})
    await ds.initialize()
    await writeFixture(ds)
    await ds.destroy()
    proxy = new TcpProxy(db.settings.host, db.settings.port)
    await proxy.start()
    pool = new pg.Pool({
        ...pgClientConfig({...db.settings, host: '127.0.0.1', port: proxy.port}),
        max: 4,
        connectionTimeoutMillis: 2000,
        statement_timeout: 10_000,
    })
    pool.on('error', () => {})
    app = await buildGateway({settings: SETTINGS, pool, metrics: new Registry(), log: createLogger('test:gateway')})
    base = await app.listen({port: 0, host: '127.0.0.1'})
    client = new GatewayClient(base)
    doc = await client.document()
})

afterAll(async () => {
    await app?.close()
    await pool?.end()
    await proxy?.stop()
})

describe('the OpenAPI document', () => {
    it('lists every route served', async () => {
        expect(doc.openapi).toBe('3.0.3')
        expect(Object.keys(doc.paths).sort()).toEqual([
            '/blockindex',
            '/candidate/{stash}',
            '/candidate/{stash}/faults',
            '/candidate/{stash}/score',
            '/candidate/{stash}/validity',
            '/candidates',
            '/candidates/invalid',
            '/candidates/rank',
            '/candidates/valid',
            '/erapoints/{stash}',
            '/faults',
            '/healthcheck',
            '/lastnomination',
            '/locationstats',
            '/locationstats/valid',
            '/metrics',
            '/nominations',
            '/nominations/{address}/{last}',
            '/nominator/{stash}',
            '/nominators',
            '/nominators/status',
            '/proxytxs',
            '/release',
            '/rewards/nominator/{address}',
            '/rewards/validator/{stash}',
            '/rewards/validator/{stash}/total',
            '/rounds',
            '/rounds/{id}',
            '/score/{stash}',
            '/score/{stash}/{era}',
            '/scoremetadata',
            '/scoremetadata/{era}',
            '/totalerapoints',
            '/validators/activeeras/{stash}',
            '/validators/beefy',
            '/validators/beefy/dummy',
        ])
    })

    it('serves an interactive page at /docs', async () => {
        const r = await fetch(base + '/docs')
        expect(r.status).toBe(200)
        expect(await r.text()).toMatch(/swagger/i)
    })
})

describe('chain-history routes, shapes from the document and values from the rows', () => {
    it('/erapoints/:stash gives the last 84 eras (6..89) newest first, and pages through them', async () => {
        const r = await getValid('/erapoints/{stash}', `/erapoints/${ss58(V1)}`)
        expect(r.body).toHaveLength(84)
        expect(r.body[0]).toEqual({era: 89, address: ss58(V1), eraPoints: 189})
        expect(r.body.at(-1)).toEqual({era: 6, address: ss58(V1), eraPoints: 106})
        // The old route was unpaginated: the default is the largest page, and the headers say so.
        expect(r.headers.get('x-total-count')).toBe('84')
        expect(r.headers.get('x-page-limit')).toBe('100')
        expect(r.headers.get('link')).toBeNull()
        const p = await getValid('/erapoints/{stash}', `/erapoints/${ss58(V1)}?limit=10&offset=20`)
        expect(p.body.map((x: any) => x.era)).toEqual([69, 68, 67, 66, 65, 64, 63, 62, 61, 60])
        expect(p.headers.get('link')).toBe(
            `</erapoints/${ss58(V1)}?limit=10&offset=30>; rel="next", </erapoints/${ss58(V1)}?limit=10&offset=10>; rel="prev"`,
        )
    })

    it('/totalerapoints gives per-era totals and statistics over the validators with points', async () => {
        const r = await getValid('/totalerapoints', '/totalerapoints?limit=3')
        expect(r.headers.get('x-total-count')).toBe('84')
        // Era 89: V1 189, V2 60; era 88: V1 188, V2 60; era 87: V1 only (87 % 3 = 0).
        expect(
            r.body.map((e: any) => ({...e, validatorsEraPoints: e.validatorsEraPoints.map((p: any) => [p.address, p.eraPoints])})),
        ).toEqual([
            {
                era: 89,
                totalEraPoints: 249,
                median: 124.5,
                average: 124.5,
                max: 189,
                min: 60,
                validatorsEraPoints: [
                    [ss58(V1), 189],
                    [ss58(V2), 60],
                ],
            },
            {
                era: 88,
                totalEraPoints: 248,
                median: 124,
                average: 124,
                max: 188,
                min: 60,
                validatorsEraPoints: [
                    [ss58(V1), 188],
                    [ss58(V2), 60],
                ],
            },
            {era: 87, totalEraPoints: 187, median: 187, average: 187, max: 187, min: 187, validatorsEraPoints: [[ss58(V1), 187]]},
        ])
    })

    it('/validators/activeeras/:stash counts the eras in the active set', async () => {
        expect((await getValid('/validators/activeeras/{stash}', `/validators/activeeras/${ss58(V1)}`)).body).toBe(90)
        expect((await getValid('/validators/activeeras/{stash}', `/validators/activeeras/${ss58(V2)}`)).body).toBe(45)
        expect((await getValid('/validators/activeeras/{stash}', `/validators/activeeras/${ss58(V3)}`)).body).toBe(0)
    })

    it('/validators/beefy counts real BEEFY keys in the latest session keys (a missing key is not a real one)', async () => {
        const r = await getValid('/validators/beefy', '/validators/beefy')
        const third = (1 / 3) * 100
        expect(r.body).toEqual({
            beefy1KVCount: 1,
            activeBeefy1KVCount: 1,
            activeBeefy1KVPercentage: third,
            total1KVValidatorCount: 2,
            beefyTotalValidatorCount: 1,
            activeBeefyValidatorCount: 1,
            activeBeefyPercentage: third,
            activeValidatorCount: 3,
            totalValidators: 3,
            totalBeefyValidators: third,
        })
    })

    it('/validators/beefy/dummy lists the placeholder keys of the latest era', async () => {
        const r = await getValid('/validators/beefy/dummy', '/validators/beefy/dummy')
        expect(r.body).toEqual([{address: ss58(V2), keys: {grandpa: hex(1), babe: hex(2), beefy: '0x62656566' + '00'.repeat(29)}}])
        expect(r.headers.get('x-total-count')).toBe('1')
    })

    it("/rewards/validator/:stash lists the validator's and its nominators' rewards with old units and planck strings", async () => {
        const r = await getValid('/rewards/validator/{stash}', `/rewards/validator/${ss58(V1)}`)
        expect(r.body).toHaveLength(4)
        expect(r.body.map((x: any) => [x.era, x.role])).toEqual([
            [89, 'validator'],
            [89, 'nominator'],
            [88, 'validator'],
            [88, 'nominator'],
        ])
        expect(r.body[0]).toEqual({
            role: 'validator',
            era: 89,
            validator: ss58(V1),
            nominator: ss58(V1),
            rewardAmount: 10,
            amountPlanck: '100000000000',
            rewardDestination: 'Staked',
            exposurePercentage: 33.3333333,
            exposurePlanck: '10000000000000',
            totalStake: 3000,
            totalStakePlanck: '30000000000000',
            commission: 5,
            commissionPerbill: 50_000_000,
            blockNumber: 890,
            timestamp: T.getTime(),
            date: '2026-01-01',
        })
        expect(r.body[1]).toMatchObject({
            role: 'nominator',
            nominator: ss58(N1),
            rewardAmount: 2.5,
            amountPlanck: '25000000000',
            exposurePercentage: 16.6666666,
        })
        const era88 = await getValid('/rewards/validator/{stash}', `/rewards/validator/${ss58(V1)}?era=88`)
        expect(era88.body.map((x: any) => x.era)).toEqual([88, 88])
    })

    it('/rewards/validator/:stash/total sums the validator’s own rewards', async () => {
        const r = await getValid('/rewards/validator/{stash}/total', `/rewards/validator/${ss58(V1)}/total`)
        expect(r.body).toEqual({validator: ss58(V1), total: 20, totalPlanck: '200000000000', rewardCount: 2})
        expect((await getValid('/rewards/validator/{stash}/total', `/rewards/validator/${ss58(V3)}/total`)).body).toEqual({
            validator: ss58(V3),
            total: 0,
            totalPlanck: '0',
            rewardCount: 0,
        })
    })

    it('/rewards/nominator/:address lists what the account received', async () => {
        const r = await getValid('/rewards/nominator/{address}', `/rewards/nominator/${ss58(N1)}`)
        expect(r.body.map((x: any) => [x.era, x.role, x.validator, x.rewardAmount])).toEqual([
            [89, 'nominator', ss58(V1), 2.5],
            [88, 'nominator', ss58(V1), 2.5],
        ])
    })

    it("/locationstats counts the candidates' located nodes per country and provider, with the old spellings", async () => {
        const r = await getValid('/locationstats', '/locationstats')
        expect(r.body).toEqual({
            totalNodes: 3,
            session: 501,
            updated: T.getTime() + 3 * 60_000,
            locations: [],
            regions: [],
            countries: [
                {_id: 'country:DE', name: 'DE', numberOfNodes: 2},
                {_id: 'country:CH', name: 'CH', numberOfNodes: 1},
            ],
            providers: [
                {_id: 'provider:Init7', name: 'Init7', numberOfNodes: 2},
                {_id: 'provider:Hetzner Online GmbH', name: 'Hetzner Online GmbH', numberOfNodes: 1},
            ],
            locationVariance: 0,
            regionVariance: 0,
            countyVariance: 0.25,
            providerVaraince: 0.25,
            decentralization: 0.125,
        })
    })

    it('/blockindex gives the relay processor’s range and each layer’s, with the chain head it last read and its lag', async () => {
        const r = await getValid('/blockindex', '/blockindex')
        expect(r.body).toEqual({
            earliest: 1000,
            latest: 1234,
            blocksIndexed: 235,
            head: 1240,
            headSeenAt: HEAD_SEEN_MS,
            lagBlocks: 6,
            layers: {relay: {earliest: 1000, latest: 1234, blocksIndexed: 235, head: 1240, headSeenAt: HEAD_SEEN_MS, lagBlocks: 6}},
        })
    })

    it('/healthcheck answers JSON as application/json, /release the forced version, /metrics Prometheus text with the request counts', async () => {
        const h = await getValid('/healthcheck', '/healthcheck')
        expect(h.headers.get('content-type')).toMatch(/^application\/json/)
        expect(h.body).toEqual({version: '0.1.0', connected: true, currentEndpoint: '', upSince: SETTINGS.startedAtMs})
        expect((await getValid('/release', '/release')).body).toEqual({name: 'v1.15.2', publishedAt: 0})
        const m = await get('/metrics')
        expect(m.status).toBe(200)
        expect(m.headers.get('content-type')).toMatch(/^text\/plain/)
        expect(m.text).toMatch(/gateway_http_requests_total\{route="\/healthcheck",status="200"\} 1/)
    })

    it('answers browsers with CORS headers', async () => {
        const r = await get('/release', {Origin: 'https://dashboard.example'})
        expect(r.headers.get('access-control-allow-origin')).toBe('*')
        expect(r.headers.get('access-control-expose-headers')).toMatch(/X-Total-Count/)
    })
})

describe('the response cache', () => {
    it('serves the same body, as application/json with Cache-Control, from a cached copy, gzipped when large and accepted', async () => {
        const cachedApp = await buildGateway({
            settings: {...SETTINGS, cacheTtlMs: 60_000},
            pool,
            metrics: new Registry(),
            log: createLogger('test:gateway:cached'),
        })
        try {
            const uncached = await get(`/erapoints/${ss58(V1)}?limit=5`)
            for (let i = 0; i < 2; i++) {
                const r = await cachedApp.inject(`/erapoints/${ss58(V1)}?limit=5`)
                expect(r.statusCode).toBe(200)
                expect(r.headers['content-type']).toBe('application/json; charset=utf-8')
                expect(r.headers['cache-control']).toBe('public, max-age=60')
                expect(r.headers['x-total-count']).toBe('84')
                expect(r.json()).toEqual(uncached.body)
            }
            // A large body goes gzipped to a client that accepts gzip, and plain to the others.
            const full = await get(`/erapoints/${ss58(V1)}`)
            expect(full.text.length).toBeGreaterThan(2048)
            for (const [accept, gzipped] of [
                ['gzip, deflate, br', true],
                ['br;q=1.0, gzip;q=0.8', true],
                ['gzip;q=0', false],
                ['identity', false],
                [undefined, false],
            ] as const) {
                const r = await cachedApp.inject({url: `/erapoints/${ss58(V1)}`, headers: accept ? {'accept-encoding': accept} : {}})
                expect(r.statusCode, String(accept)).toBe(200)
                expect(r.headers.vary).toBe('Accept-Encoding')
                expect(r.headers['content-encoding'], String(accept)).toBe(gzipped ? 'gzip' : undefined)
                const text = gzipped ? gunzipSync(r.rawPayload).toString('utf8') : r.body
                expect(JSON.parse(text)).toEqual(full.body)
            }
        } finally {
            await cachedApp.close()
        }
    })
})

describe('bad requests', () => {
    const KSM = encodeAddress(V1, 2)
    const battery: [string, string, string, string][] = [
        [
            '/erapoints/{stash}',
            '/erapoints/not-an-address',
            'stash',
            'stash: "not-an-address" is not an SS58 address (a character outside base58)',
        ],
        [
            '/erapoints/{stash}',
            `/erapoints/${KSM}`,
            'stash',
            `stash: "${KSM}" is a Kusama address (prefix 2), expected Polkadot (prefix 0)`,
        ],
        ['/erapoints/{stash}', `/erapoints/${V1}`, 'stash', `stash: "${V1}" is hex, not an SS58 address`],
        [
            '/erapoints/{stash}',
            `/erapoints/${ss58(V1).slice(0, -1)}2`,
            'stash',
            `stash: "${ss58(V1).slice(0, -1)}2" is not a valid SS58 address (its checksum does not match: a typo?)`,
        ],
        [
            '/rewards/nominator/{address}',
            '/rewards/nominator/0OIl',
            'address',
            'address: "0OIl" is not an SS58 address (a character outside base58)',
        ],
        ['/totalerapoints', '/totalerapoints?limit=-1', 'limit', 'limit: must be ≥ 1, got "-1"'],
        ['/totalerapoints', '/totalerapoints?limit=0', 'limit', 'limit: must be ≥ 1, got "0"'],
        ['/totalerapoints', '/totalerapoints?limit=101', 'limit', 'limit: must be ≤ 100, got "101"'],
        [
            '/totalerapoints',
            '/totalerapoints?limit=99999999999999999999999',
            'limit',
            'limit: must be ≤ 100, got "99999999999999999999999"',
        ],
        ['/totalerapoints', '/totalerapoints?limit=ten', 'limit', 'limit: must be a whole number, got "ten"'],
        ['/totalerapoints', '/totalerapoints?limit=2.5', 'limit', 'limit: must be a whole number, got "2.5"'],
        ['/validators/beefy/dummy', '/validators/beefy/dummy?offset=x', 'offset', 'offset: must be a whole number, got "x"'],
        ['/validators/beefy/dummy', '/validators/beefy/dummy?offset=-3', 'offset', 'offset: must be ≥ 0, got "-3"'],
        [
            '/validators/beefy/dummy',
            '/validators/beefy/dummy?offset=3000000000',
            'offset',
            'offset: must be ≤ 2147483647, got "3000000000"',
        ],
        ['/rewards/validator/{stash}', `/rewards/validator/${ss58(V1)}?era=latest`, 'era', 'era: must be a whole number, got "latest"'],
        ['/rewards/validator/{stash}', `/rewards/validator/${ss58(V1)}?era=-1`, 'era', 'era: must be ≥ 0, got "-1"'],
    ]
    it.each(battery)('%s: %s → 400 naming %s', async (template, path, parameter, message) => {
        const r = await getValid(template, path, 400)
        expect(r.body).toEqual({statusCode: 400, error: 'Bad Request', message, parameter})
    })

    it('answers an unknown route with 404 JSON', async () => {
        const r = await get('/candidates/everything?x=1')
        expect(r.status).toBe(404)
        expect(r.headers.get('content-type')).toMatch(/^application\/json/)
        expect(r.body).toEqual({
            statusCode: 404,
            error: 'Not Found',
            message: 'no route GET /candidates/everything: the routes are listed at /docs and /openapi.json',
        })
    })

    it('answers a stash the chain history has never seen with 404 JSON, not the old empty 204', async () => {
        for (const [template, path] of [
            ['/erapoints/{stash}', `/erapoints/${ss58(UNSEEN)}`],
            ['/validators/activeeras/{stash}', `/validators/activeeras/${ss58(UNSEEN)}`],
            ['/rewards/validator/{stash}', `/rewards/validator/${ss58(UNSEEN)}`],
            ['/rewards/validator/{stash}/total', `/rewards/validator/${ss58(UNSEEN)}/total`],
        ]) {
            const r = await getValid(template, path, 404)
            expect(r.body.message).toBe(`stash ${ss58(UNSEEN)}: no such account in the indexed chain history`)
        }
    })
})

describe('when the database is away', () => {
    it('answers 503 JSON with Retry-After while it is away and serves again by itself when it is back', async () => {
        expect((await get('/totalerapoints?limit=1')).status).toBe(200)
        await proxy.stop()
        const down = await getValid('/totalerapoints', '/totalerapoints?limit=1', 503)
        expect(down.body).toEqual({statusCode: 503, error: 'Service Unavailable', message: 'the database is unavailable; retry shortly'})
        expect(down.headers.get('retry-after')).toBe('5')
        const health = await getValid('/healthcheck', '/healthcheck', 503)
        expect(health.body.connected).toBe(false)
        // Routes that need no database keep answering.
        expect((await get('/release')).status).toBe(200)
        await proxy.start()
        let status = 0
        for (let attempt = 0; attempt < 20 && status !== 200; attempt++) status = (await get('/totalerapoints?limit=1')).status
        expect(status).toBe(200)
        expect((await get('/healthcheck')).body.connected).toBe(true)
    })

    it('cuts a statement off at the statement timeout and answers 503', async () => {
        const locker = new pg.Client(pgClientConfig(db.settings))
        await locker.connect()
        const shortPool = new pg.Pool({...pgClientConfig(db.settings), max: 2, statement_timeout: 200})
        const slow = await buildGateway({
            settings: SETTINGS,
            pool: shortPool,
            metrics: new Registry(),
            log: createLogger('test:gateway:slow'),
        })
        try {
            // A table lock held elsewhere makes the route's query wait until the timeout cancels it.
            await locker.query('BEGIN')
            await locker.query('LOCK TABLE era_validator IN ACCESS EXCLUSIVE MODE')
            const r = await slow.inject('/totalerapoints')
            client.bodies.push(r.body)
            expect(r.statusCode).toBe(503)
            expect(r.json().message).toBe(
                'the query ran longer than the statement timeout (api.sqlStatementTimeoutMs); retry later or ask for a smaller page',
            )
        } finally {
            await locker.query('ROLLBACK')
            await locker.end()
            await slow.close()
            await shortPool.end()
        }
    })
})

describe('what responses never contain', () => {
    it('has no stack trace, source path, node IP or database detail in any body sent in this file', () => {
        expect(client.bodies.length).toBeGreaterThan(40)
        for (const b of client.bodies) {
            for (const ip of [...NODE_IPS, '192.0.2.99', '127.0.0.1']) expect(b).not.toContain(ip)
            expect(b).not.toMatch(/\n\s+at |\.ts:\d|\.js:\d|node_modules|ECONNREFUSED|SQLSTATE|relation "|password/)
        }
    })
})
