/**
 * What every chain processor reads from its environment, checked at start-up: the RPC endpoint and
 * the block range (the launcher sets these from the config's `chains.*`), and its stall timeout
 * (`squid.stallTimeoutMs`).
 */
import {redactUrl} from '../config/redact-url'
import {DEFAULT_STALL_TIMEOUT_MS} from '../config/schema'

export interface ProcessorSettings {
    rpcUrl: string
    fromBlock: number
    toBlock?: number
}

export class ProcessorSettingsError extends Error {
    override name = 'ProcessorSettingsError'
}

function blockNumber(env: Record<string, string | undefined>, key: string): number | undefined {
    const raw = env[key]
    if (raw === undefined || raw === '') return undefined
    const n = Number(raw)
    if (!Number.isInteger(n) || n < 0) throw new ProcessorSettingsError(`${key}: expected a block number, got "${raw}"`)
    return n
}

/**
 * `RPC_URL` (set per service by the launcher) or, failing that, the chain's own variable (e.g.
 * `RPC_RELAY_URL`, set once for all services in squid.yaml's `deploy.env`).
 */
export function processorSettingsFromEnv(env: Record<string, string | undefined>, chainUrlVar?: string): ProcessorSettings {
    const urlVar = env.RPC_URL || !chainUrlVar ? 'RPC_URL' : chainUrlVar
    const rpcUrl = env[urlVar]
    if (!rpcUrl)
        throw new ProcessorSettingsError(
            `${chainUrlVar ? `RPC_URL or ${chainUrlVar}` : 'RPC_URL'}: required (the chain's ws:// or http:// JSON-RPC endpoint)`,
        )
    if (!/^(wss?|https?):\/\/\S+$/.test(rpcUrl))
        throw new ProcessorSettingsError(`${urlVar}: expected a ws://, wss://, http:// or https:// URL, got "${redactUrl(rpcUrl)}"`)
    const fromBlock = blockNumber(env, 'BLOCK_FROM') ?? 0
    const toBlock = blockNumber(env, 'BLOCK_TO')
    if (toBlock !== undefined && toBlock < fromBlock)
        throw new ProcessorSettingsError(`BLOCK_TO (${toBlock}) is below BLOCK_FROM (${fromBlock})`)
    return {rpcUrl, fromBlock, toBlock}
}

/** `STALL_TIMEOUT_MS` (set by the launcher from `squid.stallTimeoutMs`), else the config's default. */
export function stallTimeoutFromEnv(env: Record<string, string | undefined>): number {
    const raw = env.STALL_TIMEOUT_MS
    if (raw === undefined || raw === '') return DEFAULT_STALL_TIMEOUT_MS
    const ms = Number(raw)
    if (!Number.isInteger(ms) || ms < 1000)
        throw new ProcessorSettingsError(`STALL_TIMEOUT_MS: expected a whole number of milliseconds, at least 1000, got "${raw}"`)
    return ms
}
