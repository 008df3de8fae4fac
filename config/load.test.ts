import fs from 'fs'
import os from 'os'
import path from 'path'
import util from 'util'
import {describe, expect, it} from 'vitest'
import {jsonSyntaxErrorAt} from './json-syntax'
import {ConfigError, loadConfig, parseConfig, SERVICE_SECRETS} from './load'
import {withheldVariables} from '../launcher/services'

const DIR = __dirname
const SEED = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk'
const ENV = {KUSAMA_NOMINATOR_1_SEED: SEED, POLKADOT_NOMINATOR_1_SEED: SEED}

const sample = (name: string) => JSON.parse(fs.readFileSync(path.join(DIR, `${name}.json`), 'utf8'))

/** The problem lines a config gives, or [] when it loads. */
function problems(json: unknown, env: Record<string, string> = ENV): string[] {
    try {
        parseConfig(json, path.join(DIR, 'test.json'), env)
        return []
    } catch (e) {
        if (e instanceof ConfigError) return e.problems
        throw e
    }
}

function edit(name: string, change: (c: any) => void): unknown {
    const c = sample(name)
    change(c)
    return c
}

describe('sample configs', () => {
    it.each(['devnet', 'kusama', 'polkadot'])('%s loads', name => {
        const cfg = loadConfig(path.join(DIR, `${name}.json`), ENV)
        expect(cfg.network).toBe(name)
        expect(fs.existsSync(cfg.candidatesFile)).toBe(true)
    })

    it('carry the programme values of the old backend, in explicit units', () => {
        const ksm = loadConfig(path.join(DIR, 'kusama.json'), ENV)
        const dot = loadConfig(path.join(DIR, 'polkadot.json'), ENV)
        expect(ksm.validity.commission.maxPerbill).toBe(150_000_000)
        expect(dot.validity.commission.maxPerbill).toBe(50_000_000)
        expect(ksm.validity.selfStake.minPlanck).toBe(10n * 10n ** 12n)
        expect(dot.validity.selfStake.minPlanck).toBe(5000n * 10n ** 10n)
        expect(ksm.validity.online.maxOfflineMs).toBe(16 * 3600_000)
        expect(ksm.validity.accumulatedOffline.maxPerbill).toBe(20_000_000)
        expect(ksm.score.weights).toMatchObject({
            inclusion: 220,
            spanInclusion: 220,
            discovered: 30,
            nominated: 100,
            rank: 50,
            provider: 100,
            client: 200,
        })
        expect([ksm.nominator.roundEveryEras, dot.nominator.roundEveryEras]).toEqual([4, 1])
        expect([ksm.nominator.maxTargets, dot.nominator.maxTargets]).toEqual([24, 16])
        expect(ksm.nominator.announcement.delayBlocks).toBe(10850)
        expect(dot.validity.kusamaRank).toEqual({skip: false, minRank: 100, url: 'https://kusama.w3f.community', maxAgeMs: 3_600_000})
        expect(dot.validity.noSlash).toEqual({skip: false, eras: 84})
        expect(ksm.validity.hysteresis.default).toEqual({passes: 3, minMs: 15 * 60_000})
        expect(ksm.validity.kusamaRank).toBeUndefined()
        expect(ksm.telemetry.chains).toEqual(['0xb0a8d493285c2df73290dfb7e61f870f17b41801197a149ca93654499ea3dafe'])
    })

    it('the devnet sample names no endpoint, so the devnet stands in', () => {
        expect(loadConfig(path.join(DIR, 'devnet.json'), {}).usesDevnet).toBe(true)
        expect(loadConfig(path.join(DIR, 'kusama.json'), ENV).usesDevnet).toBe(false)
    })

    it('per-check hysteresis accepts only check names', () => {
        expect(
            problems(
                edit('kusama', c => {
                    c.validity.hysteresis.checks = {online: {passes: 1, minMs: 0}, comission: {passes: 2, minMs: 0}}
                }),
            ),
        ).toEqual(['validity.hysteresis.checks.comission: unknown key'])
    })

    it('nominator caps and the ample-backing threshold: null means none, amounts are planck', () => {
        const ksm = loadConfig(path.join(DIR, 'kusama.json'), ENV)
        expect(ksm.nominator.caps).toEqual({perIdentityGroup: 2, perProvider: null, perCountry: null})
        expect(ksm.nominator.ampleBackingPlanck).toBeNull()
        expect(loadConfig(path.join(DIR, 'devnet.json'), {}).nominator.ampleBackingPlanck).toBe(2_000_000_000_000_000n)
        expect(
            problems(
                edit('kusama', c => {
                    c.nominator.caps.perProvider = 0
                    c.nominator.ampleBackingPlanck = 1e15
                }),
            ),
        ).toEqual([
            'nominator.caps.perProvider: must be at least 1, got 0',
            'nominator.ampleBackingPlanck: expected string, got 1000000000000000',
        ])
    })

    it('a weight of 0 is allowed', () => {
        expect(
            problems(
                edit('kusama', c => {
                    c.score.weights.client = 0
                }),
            ),
        ).toEqual([])
    })
})

describe('config errors: one line per bad key, naming the key', () => {
    it('unknown keys', () => {
        expect(
            problems(
                edit('kusama', c => {
                    c.score.weights.useInclusion = true
                    c.dryRun = true
                }),
            ),
        ).toEqual(['score.weights.useInclusion: unknown key', 'dryRun: unknown key'])
    })

    it('missing keys', () => {
        expect(
            problems(
                edit('kusama', c => {
                    delete c.validity.commission.maxPerbill
                }),
            ),
        ).toEqual(['validity.commission.maxPerbill: missing (expected number)'])
    })

    it('wrong types, as the old backend accepted them ("weights as strings")', () => {
        expect(
            problems(
                edit('kusama', c => {
                    c.score.weights.rank = '50'
                }),
            ),
        ).toEqual(['score.weights.rank: expected number, got "50"'])
    })

    it('values out of range', () => {
        expect(
            problems(
                edit('kusama', c => {
                    c.validity.commission.maxPerbill = 1_500_000_000
                    c.score.weights.faults = -1
                }),
            ),
        ).toEqual([
            'validity.commission.maxPerbill: must be at most 1000000000, got 1500000000',
            'score.weights.faults: must be at least 0, got -1',
        ])
    })

    it('a fraction where an integer is needed', () => {
        expect(
            problems(
                edit('kusama', c => {
                    c.validity.online.maxOfflineMs = 1.5
                }),
            ),
        ).toEqual(['validity.online.maxOfflineMs: expected int, got 1.5'])
    })

    it('balances that are not whole planck strings', () => {
        const lines = problems(
            edit('kusama', c => {
                c.validity.selfStake.minPlanck = 10
            }),
        )
        expect(lines).toEqual(['validity.selfStake.minPlanck: expected string, got 10'])
        expect(
            problems(
                edit('kusama', c => {
                    c.validity.selfStake.minPlanck = '10.5'
                }),
            )[0],
        ).toMatch(/^validity\.selfStake\.minPlanck: expected a whole number of planck/)
    })

    it('a value outside an enumeration', () => {
        expect(
            problems(
                edit('kusama', c => {
                    c.network = 'westend'
                }),
            ),
        ).toEqual(['network: expected one of "polkadot", "kusama", "devnet", got "westend"'])
    })

    it('malformed URLs and hashes', () => {
        expect(
            problems(
                edit('kusama', c => {
                    c.chains.relay.rpcUrl = 'kusama.example'
                    c.telemetry.chains = ['0x12']
                }),
            ),
        ).toEqual([
            'chains.relay.rpcUrl: expected a ws://, wss://, http:// or https:// URL',
            'telemetry.chains.0: expected a 0x-prefixed 32-byte hex hash',
        ])
    })

    it('a scorer schedule that is not a cron expression, named by its key', () => {
        const lines = problems(
            edit('kusama', c => {
                c.scorer.schedule = 'every 5 minutes'
            }),
        )
        expect(lines).toHaveLength(1)
        expect(lines[0]).toMatch(
            /^scorer\.schedule: not a cron expression croner can schedule \(.+\), e\.g\. "\*\/5 \* \* \* \*" for every five minutes$/,
        )
        expect(
            problems(
                edit('kusama', c => {
                    c.scorer.schedule = '0 */10 * * * *'
                }),
            ),
        ).toEqual([])
    })

    it('keys that contradict each other', () => {
        expect(
            problems(
                edit('kusama', c => {
                    delete c.nominator.accounts[0].real
                    c.nominator.announcement.cancelAfterBlocks = 100
                }),
            ),
        ).toEqual([
            'nominator.accounts.0.real: required for mode "delayedProxy": the account the proxy nominates for',
            'nominator.announcement.cancelAfterBlocks: must not be smaller than delayBlocks, or announcements are removed before they can run',
        ])
        expect(
            problems(
                edit('devnet', c => {
                    delete c.devnet
                }),
                {},
            ),
        ).toEqual(['devnet: required when no chain endpoint is configured (the devnet stands in for them)'])
    })

    it('a secret written into the file is refused without echoing it', () => {
        const lines = problems(
            edit('kusama', c => {
                c.nominator.accounts[0].seed = SEED
            }),
        )
        expect(lines).toEqual([
            'nominator.accounts.0.seed: a seed must be {"env": "VAR_NAME"} or {"file": "path"} (on the devnet also {"devnetAccount": "Alice"}), never the value itself',
        ])
        expect(lines.join('\n')).not.toContain('bottom drive')
    })

    it('a secret whose variable or file is missing', () => {
        expect(problems(sample('kusama'), {})).toEqual([
            'nominator.accounts.0.seed: environment variable KUSAMA_NOMINATOR_1_SEED is not set',
        ])
        expect(
            problems(
                edit('kusama', c => {
                    c.nominator.accounts[0].seed = {file: 'no-such-seed.txt'}
                }),
            ),
        ).toEqual(['nominator.accounts.0.seed: cannot read secret file no-such-seed.txt: ENOENT'])
    })

    it('a missing candidates file', () => {
        expect(
            problems(
                edit('kusama', c => {
                    c.candidatesFile = 'candidates/westend.json'
                }),
            ),
        ).toEqual(['candidatesFile: no such file candidates/westend.json'])
    })

    it('every problem at once, not just the first', () => {
        expect(
            problems(
                edit('kusama', c => {
                    c.ss58Prefix = -1
                    c.api.graphqlPort = 70000
                    c.telemetry.location.source = 'ipinfo'
                }),
            ),
        ).toHaveLength(3)
    })

    it('files that cannot be read or parsed', () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfg-'))
        fs.writeFileSync(path.join(dir, 'bad.json'), '{"network": "kusama",')
        expect(() => loadConfig(path.join(dir, 'bad.json'))).toThrow(/not valid JSON/)
        expect(() => loadConfig(path.join(dir, 'none.json'))).toThrow(/cannot read the file: ENOENT/)
        fs.rmSync(dir, {recursive: true})
    })

    it('a file that is not JSON (CONFIG naming a seed file) is refused naming the file, line and column, never its content', () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfg-'))
        const message = (name: string, text: string) => {
            fs.writeFileSync(path.join(dir, name), text)
            try {
                loadConfig(path.join(dir, name))
            } catch (e) {
                if (e instanceof ConfigError) return e.message
                throw e
            }
            throw new Error(`${name} loaded`)
        }
        const seedFile = message('seed.txt', SEED + '\n')
        expect(seedFile).toBe(`invalid config ${path.join(dir, 'seed.txt')}:\n  not valid JSON: unexpected character at line 1, column 1`)
        // A secret pasted as a value, broken further down.
        const pasted = message('pasted.json', `{\n  "network": "kusama",\n  "seed": "${SEED}\n"}`)
        expect(pasted).toContain('not valid JSON: control character (such as a line break) in a string at line 3, column 81')
        for (const m of [seedFile, pasted]) {
            expect(m).not.toContain('bottom')
            expect(m).not.toContain('drive')
        }
        expect(message('cut.json', '{"network": "kusama",')).toContain('not valid JSON: unexpected end of the file at line 1, column 22')
        fs.rmSync(dir, {recursive: true})
    })

    it('finds the first syntax error where JSON.parse does, and none in valid JSON', () => {
        for (const ok of ['{}', '[]', ' {"a": [1, -2.5e3, true, false, null, "x\\u00e9\\n"]} ', '"s"', '0'])
            expect(jsonSyntaxErrorAt(ok), ok).toBeNull()
        expect(jsonSyntaxErrorAt('{"a": 1,}')).toEqual({offset: 8, reason: 'expected a double-quoted property name'})
        expect(jsonSyntaxErrorAt('[1 2]')).toEqual({offset: 3, reason: "expected ',' or ']'"})
        expect(jsonSyntaxErrorAt('{"a" 1}')).toEqual({offset: 5, reason: "expected ':' after a property name"})
        expect(jsonSyntaxErrorAt('{"a": 01}')).toEqual({offset: 7, reason: "expected ',' or '}'"})
        expect(jsonSyntaxErrorAt('{"a": "\\x"}')).toEqual({offset: 7, reason: 'invalid escape in a string'})
        expect(jsonSyntaxErrorAt('{} {}')).toEqual({offset: 3, reason: 'unexpected character after the JSON value'})
    })

    it('a URL with an API key given where another type belongs is not echoed whole', () => {
        expect(problems(edit('kusama', c => (c.api.graphqlPort = 'wss://rpc.example.com/ws/abcd1234efgh5678')))).toEqual([
            'api.graphqlPort: expected number, got "wss://rpc.example.com/ws/***"',
        ])
    })
})

describe('secrets', () => {
    it('are read from the environment or a file and never printed', () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfg-'))
        fs.writeFileSync(path.join(dir, 'seed'), SEED + '\n')
        const c = sample('kusama')
        c.candidatesFile = path.join(DIR, 'candidates', 'kusama.json')
        c.nominator.accounts[0].seed = {file: 'seed'}
        c.nominator.accounts.push({name: 'second', seed: {env: 'SECOND_SEED'}, mode: 'direct'})
        const cfg = parseConfig(c, path.join(dir, 'kusama.json'), {SECOND_SEED: '0x' + 'ab'.repeat(32)})
        expect(cfg.nominator.accounts[0].seed.reveal()).toBe(SEED)
        expect(cfg.nominator.accounts[1].seed.reveal()).toBe('0x' + 'ab'.repeat(32))
        const printed = [
            JSON.stringify(cfg, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)),
            util.inspect(cfg, {depth: 10}),
            String(cfg.nominator.accounts[0].seed),
            `${cfg.nominator.accounts[1].seed}`,
        ].join('\n')
        expect(printed).not.toContain('bottom drive')
        expect(printed).not.toContain('abab')
        expect(printed).toContain('[redacted]')
        fs.rmSync(dir, {recursive: true})
    })

    it('a devnet account names its public development key, wherever the config file is copied, and only on the devnet', () => {
        const c = sample('devnet')
        c.candidatesFile = path.join(DIR, 'candidates', 'polkadot.json')
        const [account] = parseConfig(c, path.join(os.tmpdir(), 'copied', 'devnet.json'), {}).nominator.accounts
        expect(account.seed.reveal()).toBe('//Bob')
        expect(String(account.seed)).toBe('[redacted]')
        // Public or not, only the nominator holds it.
        expect(
            parseConfig(c, path.join(DIR, 'devnet.json'), {}, {secrets: SERVICE_SECRETS.scorer}).nominator.accounts[0].seed.isWithheld,
        ).toBe(true)
        const onChains = edit('kusama', k => {
            k.nominator.accounts[0].seed = {devnetAccount: 'Alice'}
        })
        expect(problems(onChains)).toEqual([
            "nominator.accounts.0.seed: a devnet account's key is public: only the devnet (no chain endpoint configured) accepts it",
        ])
        expect(problems(edit('devnet', d => (d.nominator.accounts[0].seed = {devnetAccount: 'Mallory'})))[0]).toMatch(
            /^nominator\.accounts\.0\.seed: a seed must be/,
        )
    })

    /** The Kusama sample with a Matrix room and an IP location token, each secret from its own variable. */
    const everySecret = () =>
        edit('kusama', c => {
            c.notify.matrix = {homeserverUrl: 'https://matrix.example', roomId: '!r:matrix.example', accessToken: {env: 'MATRIX_TOKEN'}}
            c.telemetry.location = {...c.telemetry.location, source: 'ipinfo', ipinfoToken: {env: 'IPINFO_TOKEN'}}
        })

    it("a service reads only its own scopes' secrets: the others are never read, and revealing one says it is withheld", () => {
        // Only the notify scope's variable is set: the seed and the IP token would be refused if they were read.
        const scorer = parseConfig(
            everySecret(),
            path.join(DIR, 'kusama.json'),
            {MATRIX_TOKEN: 'syt_token'},
            {secrets: SERVICE_SECRETS.scorer},
        )
        expect(scorer.notify.matrix!.accessToken.reveal()).toBe('syt_token')
        expect(() => scorer.nominator.accounts[0].seed.reveal()).toThrow(
            'nominator.accounts.0.seed, withheld from this service: only the services that use it read it',
        )
        expect(scorer.telemetry.location.ipinfoToken!.isWithheld).toBe(true)
        const gateway = parseConfig(everySecret(), path.join(DIR, 'kusama.json'), {}, {secrets: SERVICE_SECRETS.gateway})
        expect([gateway.notify.matrix!.accessToken, gateway.nominator.accounts[0].seed].every(s => s.isWithheld)).toBe(true)
        // The nominator reads its seeds and fails to start without them.
        expect(() =>
            parseConfig(everySecret(), path.join(DIR, 'kusama.json'), {MATRIX_TOKEN: 't'}, {secrets: SERVICE_SECRETS.nominator}),
        ).toThrow('nominator.accounts.0.seed: environment variable KUSAMA_NOMINATOR_1_SEED is not set')
    })

    it("the launcher keeps every other service's secret variables out of a service's environment", () => {
        const cfg = parseConfig(everySecret(), path.join(DIR, 'kusama.json'), {...ENV, MATRIX_TOKEN: 't', IPINFO_TOKEN: 'i'})
        expect(cfg.secretVariables).toEqual({nominator: ['KUSAMA_NOMINATOR_1_SEED'], notify: ['MATRIX_TOKEN'], telemetry: ['IPINFO_TOKEN']})
        expect(withheldVariables(cfg, 'nominator')).toEqual(['IPINFO_TOKEN'])
        expect(withheldVariables(cfg, 'squidRelay')).toEqual(['KUSAMA_NOMINATOR_1_SEED', 'IPINFO_TOKEN'])
        expect(withheldVariables(cfg, 'telemetry')).toEqual(['KUSAMA_NOMINATOR_1_SEED'])
        // The scorer notifies (its Matrix token) and never sees a seed.
        expect(withheldVariables(cfg, 'scorer')).toEqual(['KUSAMA_NOMINATOR_1_SEED', 'IPINFO_TOKEN'])
        expect(withheldVariables(cfg, 'gateway')).toEqual(['KUSAMA_NOMINATOR_1_SEED', 'MATRIX_TOKEN', 'IPINFO_TOKEN'])
        expect(withheldVariables(cfg)).toEqual(['KUSAMA_NOMINATOR_1_SEED', 'MATRIX_TOKEN', 'IPINFO_TOKEN'])
    })
})

describe('DEVNET_SCENARIO', () => {
    it('the devnet sample runs the current layout (relay, Asset Hub, People); the variable chooses another for every service, a known one', () => {
        expect(loadConfig(path.join(DIR, 'devnet.json'), {}).devnet!.scenario).toBe('current')
        expect(loadConfig(path.join(DIR, 'devnet.json'), {DEVNET_SCENARIO: 'legacy'}).devnet!.scenario).toBe('legacy')
        expect(() => loadConfig(path.join(DIR, 'devnet.json'), {DEVNET_SCENARIO: 'mars'})).toThrow(
            'devnet.scenario (DEVNET_SCENARIO): unknown scenario "mars" (known: legacy, kusama-scale, current)',
        )
        expect(problems(edit('devnet', c => (c.devnet.scenario = 'mars')))).toEqual([
            'devnet.scenario: unknown scenario "mars" (known: legacy, kusama-scale, current)',
        ])
    })
})

describe('notify', () => {
    const TOKEN = 'syt_bm90aWZpZXI_abcdefghijklmnop_0a1b2c'

    it('reads the Matrix token and a webhook URL as secrets that never print', () => {
        const cfg = parseConfig(
            edit('kusama', c => {
                c.notify.matrix = {
                    homeserverUrl: 'https://matrix.example',
                    roomId: '!room:matrix.example',
                    accessToken: {env: 'MATRIX_TOKEN'},
                }
                c.notify.webhook = {url: {env: 'HOOK_URL'}}
            }),
            path.join(DIR, 'kusama.json'),
            {...ENV, MATRIX_TOKEN: TOKEN, HOOK_URL: 'https://hooks.example/T0/B0/XYZsecret'},
        )
        expect(cfg.notify.matrix!.accessToken.reveal()).toBe(TOKEN)
        expect(cfg.notify.webhook!.url.reveal()).toBe('https://hooks.example/T0/B0/XYZsecret')
        const printed = JSON.stringify(cfg, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)) + util.inspect(cfg, {depth: 10})
        expect(printed).not.toContain(TOKEN)
        expect(printed).not.toContain('XYZsecret')
    })

    it('a plain webhook URL is accepted (and held as a secret too); a missing section means no targets', () => {
        const cfg = parseConfig(
            edit('kusama', c => (c.notify.webhook = {url: 'http://127.0.0.1:8080/hook'})),
            path.join(DIR, 'kusama.json'),
            ENV,
        )
        expect(cfg.notify.webhook!.url.reveal()).toBe('http://127.0.0.1:8080/hook')
        const bare = parseConfig(
            edit('kusama', c => delete c.notify),
            path.join(DIR, 'kusama.json'),
            ENV,
        )
        expect(bare.notify).toMatchObject({maxPerMinute: 20, attempts: 6})
        expect(bare.notify.webhook).toBeUndefined()
        expect(bare.notify.matrix).toBeUndefined()
    })

    it('names each bad key, and never echoes a token written into the file', () => {
        expect(
            problems(
                edit('kusama', c => {
                    c.notify.matrix = {homeserverUrl: 'matrix.example', roomId: '#alias:matrix.example', accessToken: TOKEN}
                }),
            ),
        ).toEqual([
            'notify.matrix.homeserverUrl: expected an http:// or https:// URL',
            'notify.matrix.roomId: expected a room id like "!abcdef:matrix.org"',
            'notify.matrix.accessToken: a secret must be {"env": "VAR_NAME"} or {"file": "path"}, never the value itself',
        ])
        expect(problems(edit('kusama', c => (c.notify.maxRetryDelayMs = 10)))).toEqual([
            'notify.maxRetryDelayMs: must not be smaller than minRetryDelayMs',
        ])
        expect(
            problems(
                edit(
                    'kusama',
                    c =>
                        (c.notify.matrix = {
                            homeserverUrl: 'https://m.example',
                            roomId: '!r:m.example',
                            accessToken: {env: 'NO_SUCH_TOKEN'},
                        }),
                ),
            ),
        ).toEqual(['notify.matrix.accessToken: environment variable NO_SUCH_TOKEN is not set'])
    })
})
