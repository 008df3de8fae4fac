/**
 * The connection to the chain that runs staking: of the configured endpoints, the one whose runtime metadata
 * has the `Staking` pallet (the relay in the legacy layout, Asset Hub once staking moved there), chosen from
 * the metadata and never from the chain's name; and a wait for a healthy connection before each use.
 */
import {ApiPromise, WsProvider} from '@polkadot/api'
import type {Logger} from '@subsquid/logger'

/**
 * A WsProvider that never answers from its result cache. @polkadot/rpc-provider caches the promise of each read at
 * a block hash, a rejected one included, and refreshes it on every hit: one error reply (a rate limit) to
 * `chain_getBlock(hash)` was replayed to every retry of that read for over a minute.
 */
class UncachedWsProvider extends WsProvider {
    override send<T = any>(
        method: string,
        params: unknown[],
        _isCacheable?: boolean,
        subscription?: Parameters<WsProvider['send']>[3],
    ): Promise<T> {
        return super.send<T>(method, params, false, subscription)
    }
}

export interface StakingChain {
    api: ApiPromise
    url: string
    /** Every endpoint looked at, with the pallets that decided. */
    disconnect(): Promise<void>
}

/** Whether a runtime runs staking itself: it has `Staking` and does not hand it to another chain (`StakingAhClient`). */
export function runsStaking(pallets: ReadonlySet<string>): boolean {
    return pallets.has('Staking') && !pallets.has('StakingAhClient')
}

export function palletNames(api: ApiPromise): Set<string> {
    return new Set(api.runtimeMetadata.asLatest.pallets.map(p => p.name.toString()))
}

/**
 * Connects to every endpoint, keeps the one that runs staking and closes the rest. Waits (with the provider's
 * reconnects) while an endpoint does not answer; fails when none, or more than one, runs staking.
 */
export async function connectStakingChain(urls: readonly string[], log: Logger, reconnectMs = 1000): Promise<StakingChain> {
    const apis: {url: string; api: ApiPromise}[] = []
    for (const url of urls) {
        log.info(`connecting to ${url}`)
        const api = await ApiPromise.create({provider: new UncachedWsProvider(url, reconnectMs), noInitWarn: true})
        apis.push({url, api})
    }
    const staking = apis.filter(a => runsStaking(palletNames(a.api)))
    if (staking.length !== 1) {
        await Promise.all(apis.map(a => a.api.disconnect()))
        const described = apis.map(a => `${a.url}: ${runsStaking(palletNames(a.api)) ? 'runs staking' : 'no Staking pallet of its own'}`)
        throw new Error(`expected exactly one chain that runs staking, found ${staking.length} (${described.join('; ')})`)
    }
    for (const a of apis) if (a !== staking[0]) await a.api.disconnect()
    const {api, url} = staking[0]
    log.info(`staking runs on ${url} (${api.runtimeVersion.specName.toString()} ${api.runtimeVersion.specVersion.toNumber()})`)
    return {api, url, disconnect: () => api.disconnect()}
}

/** Resolves once the API is connected (at once when it is); the provider reconnects on its own. */
export async function connected(api: ApiPromise, log: Logger, url: string): Promise<void> {
    if (api.isConnected) return
    log.warn(`waiting for the connection to ${url}`)
    await new Promise<void>(resolve => {
        const done = () => {
            api.off('connected', done)
            resolve()
        }
        api.on('connected', done)
        if (api.isConnected) done()
    })
    await api.isReady
}
