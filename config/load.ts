/**
 * Reads one network's config file, validates it against `schema.ts` and resolves its secrets.
 * Every problem becomes one line naming the file and the key; the caller refuses to start.
 */
import fs from 'fs'
import path from 'path'
import type {z} from 'zod'
import {JsonSyntaxError, parseJson} from './json-syntax'
import {redactUrls} from './redact-url'
import {configSchema, type ConfigFile} from './schema'
import {PROJECT_DIR} from './project-dir'
import {readSecret, Secret, type SecretRef} from './secret'
import {DEVNET_SCENARIOS} from '../devnet/scenario/scenario-spec'

export interface NominatorAccountConfig extends Omit<ConfigFile['nominator']['accounts'][number], 'seed'> {
    seed: Secret
}

/** The validated config, with secrets read and paths made absolute. */
/** The `notify` section with its secrets read; a webhook URL is always held as a secret. */
export interface NotifyConfig extends Omit<ConfigFile['notify'], 'webhook' | 'matrix'> {
    webhook?: {url: Secret}
    matrix?: Omit<NonNullable<ConfigFile['notify']['matrix']>, 'accessToken'> & {accessToken: Secret}
}

export interface Config extends Omit<ConfigFile, 'nominator' | 'telemetry' | 'notify'> {
    /** The file it came from. */
    file: string
    nominator: Omit<ConfigFile['nominator'], 'accounts'> & {accounts: NominatorAccountConfig[]}
    telemetry: Omit<ConfigFile['telemetry'], 'location'> & {
        location: Omit<ConfigFile['telemetry']['location'], 'ipinfoToken'> & {ipinfoToken?: Secret}
    }
    notify: NotifyConfig
    /** True when no chain endpoint is configured and the devnet stands in. */
    usesDevnet: boolean
    /** The environment variables each scope's secrets come from (the launcher hands a service only its own). */
    secretVariables: Record<SecretScope, string[]>
}

/**
 * The secrets a service may be given, by what uses them: the nominator's seeds, the notification targets'
 * URL and token, the telemetry follower's IP location token. A service reads only its own scopes' secrets.
 */
export type SecretScope = 'nominator' | 'notify' | 'telemetry'

export const SECRET_SCOPES: readonly SecretScope[] = ['nominator', 'notify', 'telemetry']

export interface LoadOptions {
    /** The secrets to read; the others are held as `Secret.withheld` (their variable or file is never read). Default: all. */
    secrets?: readonly SecretScope[]
}

export class ConfigError extends Error {
    constructor(
        readonly file: string,
        readonly problems: string[],
    ) {
        super(`invalid config ${file}:\n` + problems.map(p => `  ${p}`).join('\n'))
    }
}

export function loadConfig(file: string, env: Record<string, string | undefined> = process.env, options: LoadOptions = {}): Config {
    let text: string
    try {
        text = fs.readFileSync(file, 'utf8')
    } catch (e: any) {
        throw new ConfigError(file, [`cannot read the file: ${e.code ?? e.message}`])
    }
    let json: unknown
    try {
        json = parseJson(text)
    } catch (e) {
        // Where, never what: the file may be a seed or a key file named by mistake.
        if (e instanceof JsonSyntaxError) throw new ConfigError(file, [e.message])
        throw e
    }
    return parseConfig(json, file, env, options)
}

export function parseConfig(
    json: unknown,
    file: string,
    env: Record<string, string | undefined> = process.env,
    {secrets = SECRET_SCOPES}: LoadOptions = {},
): Config {
    const parsed = configSchema.safeParse(json, {reportInput: true})
    if (!parsed.success) throw new ConfigError(file, parsed.error.issues.flatMap(describeIssue))
    const cfg = parsed.data
    // The launcher's children inherit the variable: every service sees the layout the devnet runs.
    if (cfg.devnet && env.DEVNET_SCENARIO) cfg.devnet = {...cfg.devnet, scenario: env.DEVNET_SCENARIO}
    const baseDir = path.dirname(path.resolve(file))
    const problems: string[] = []
    if (cfg.devnet && !DEVNET_SCENARIOS.includes(cfg.devnet.scenario)) {
        problems.push(
            `devnet.scenario${env.DEVNET_SCENARIO ? ' (DEVNET_SCENARIO)' : ''}: unknown scenario "${cfg.devnet.scenario}" (known: ${DEVNET_SCENARIOS.join(', ')})`,
        )
    }
    const secretVariables: Record<SecretScope, string[]> = {nominator: [], notify: [], telemetry: []}
    const secret = (scope: SecretScope, ref: SecretRef, key: string): Secret => {
        if ('env' in ref) secretVariables[scope].push(ref.env)
        if (!secrets.includes(scope)) return Secret.withheld(key)
        const s = readSecret(ref, env, baseDir)
        if (typeof s === 'string') problems.push(`${key}: ${s}`)
        return s as Secret
    }
    const accounts = cfg.nominator.accounts.map((a, i) => {
        const key = `nominator.accounts.${i}.seed`
        if (!('devnetAccount' in a.seed)) return {...a, seed: secret('nominator', a.seed, key)}
        // A devnet account's key is public, but it is a seed all the same: only the nominator holds it.
        const seed = secrets.includes('nominator')
            ? new Secret(`//${a.seed.devnetAccount}`, `devnet account ${a.seed.devnetAccount}`)
            : Secret.withheld(key)
        return {...a, seed}
    })
    const ipinfoToken =
        cfg.telemetry.location.ipinfoToken && secret('telemetry', cfg.telemetry.location.ipinfoToken, 'telemetry.location.ipinfoToken')
    const {webhook, matrix} = cfg.notify
    const notify: NotifyConfig = {
        ...cfg.notify,
        webhook: webhook && {
            url: typeof webhook.url === 'string' ? new Secret(webhook.url, 'config') : secret('notify', webhook.url, 'notify.webhook.url'),
        },
        matrix: matrix && {...matrix, accessToken: secret('notify', matrix.accessToken, 'notify.matrix.accessToken')},
    }
    const candidatesFile = path.resolve(baseDir, cfg.candidatesFile)
    if (!fs.existsSync(candidatesFile)) problems.push(`candidatesFile: no such file ${cfg.candidatesFile}`)
    if (problems.length > 0) throw new ConfigError(file, problems)
    return {
        ...cfg,
        file: path.resolve(file),
        candidatesFile,
        nominator: {...cfg.nominator, accounts},
        telemetry: {...cfg.telemetry, location: {...cfg.telemetry.location, ipinfoToken}},
        notify,
        usesDevnet: !cfg.chains.relay && !cfg.chains.assetHub && !cfg.chains.people,
        secretVariables,
    }
}

/** One line per problem: `key.path: what is wrong`. */
function describeIssue(issue: z.core.$ZodIssue): string[] {
    const key = issue.path.map(String).join('.') || '(top level)'
    // A secret written into the file by mistake must not reach the terminal or a log.
    if (issue.path.some(p => SECRET_KEYS.has(String(p)))) return [`${key}: ${issue.message}`]
    const at = (k: string) => (issue.path.length ? `${key}.${k}` : k)
    switch (issue.code) {
        case 'unrecognized_keys':
            return issue.keys.map(k => `${at(k)}: unknown key`)
        case 'invalid_type':
            return [
                `${key}: ${issue.input === undefined ? `missing (expected ${issue.expected})` : `expected ${issue.expected}, got ${describeValue(issue.input)}`}`,
            ]
        case 'too_big':
            return [`${key}: must be at most ${issue.maximum}, got ${describeValue(issue.input)}`]
        case 'too_small':
            return [`${key}: must be at least ${issue.minimum}, got ${describeValue(issue.input)}`]
        case 'invalid_value':
            return [`${key}: expected one of ${issue.values.map(v => JSON.stringify(v)).join(', ')}, got ${describeValue(issue.input)}`]
        default:
            return [`${key}: ${issue.message}`]
    }
}

const SECRET_KEYS = new Set(['seed', 'ipinfoToken', 'accessToken', 'webhook'])

function describeValue(v: unknown): string {
    if (v === undefined) return 'nothing'
    const s = redactUrls(JSON.stringify(v))
    return s.length > 60 ? s.slice(0, 57) + '...' : s
}

/** The secrets each service reads; every other one is withheld from it. */
export const SERVICE_SECRETS: Record<keyof Config['metrics']['ports'], readonly SecretScope[]> = {
    squidRelay: ['notify'],
    squidAssetHub: ['notify'],
    squidPeople: ['notify'],
    graphql: [],
    telemetry: ['telemetry', 'notify'],
    scorer: ['notify'],
    gateway: [],
    nominator: ['nominator', 'notify'],
}

/** The config file a service reads: `CONFIG`, else the devnet sample. */
export function configFile(env: Record<string, string | undefined>): string {
    return path.resolve(env.CONFIG || path.join(PROJECT_DIR, 'config', 'devnet.json'))
}
