/**
 * Secrets (seeds, tokens) come from an environment variable or a file named in config, never from the
 * config file itself. A `Secret` prints as `[redacted]` in logs, JSON and `util.inspect`; only
 * `reveal()` gives the value, at the place that signs or authenticates.
 */
import fs from 'fs'
import path from 'path'
import util from 'util'

const REDACTED = '[redacted]'

export class Secret {
    readonly #value: string | undefined
    /** @param value undefined for a secret withheld from this process (`Secret.withheld`) */
    constructor(
        value: string | undefined,
        readonly source: string,
    ) {
        this.#value = value
    }
    /** A secret this process is not given (its service does not need it): never read, and `reveal` says so. */
    static withheld(key: string): Secret {
        return new Secret(undefined, `${key}, withheld from this service`)
    }
    get isWithheld(): boolean {
        return this.#value === undefined
    }
    reveal(): string {
        if (this.#value === undefined) throw new Error(`${this.source}: only the services that use it read it`)
        return this.#value
    }
    toString(): string {
        return REDACTED
    }
    toJSON(): string {
        return REDACTED
    }
    [util.inspect.custom](): string {
        return `Secret(${this.source})`
    }
}

export type SecretRef = {env: string} | {file: string}

/**
 * Reads a secret. Returns an error sentence (never containing the value) instead of throwing, so the
 * config loader can report every bad key at once.
 */
export function readSecret(ref: SecretRef, env: Record<string, string | undefined>, baseDir: string): Secret | string {
    if ('env' in ref) {
        const value = env[ref.env]
        if (!value) return `environment variable ${ref.env} is not set`
        return new Secret(value, `env ${ref.env}`)
    }
    const file = path.resolve(baseDir, ref.file)
    let value: string
    try {
        value = fs.readFileSync(file, 'utf8').trim()
    } catch (e: any) {
        return `cannot read secret file ${ref.file}: ${e.code ?? e.message}`
    }
    if (!value) return `secret file ${ref.file} is empty`
    return new Secret(value, `file ${ref.file}`)
}
