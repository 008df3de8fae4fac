/**
 * The devnet's controls as JSON-RPC methods (`dev_*`, after Chopsticks'), so a person or another tool can
 * drive a running devnet: produce blocks, fork, inject RPC faults, drop or stall the telemetry feed, add
 * and remove its nodes. Each takes one parameter object, checks it, and answers -32602 naming the bad
 * parameter; only the devnet's own servers register them.
 */
import {decodeAddress} from '@polkadot/util-crypto'
import type {Devnet} from '../index'
import type {BlockRecord} from '../chain/devnet-chain'
import type {ChainRole} from '../chain/chain-role'
import {FORK_VARIANTS, ForkError, isForkVariant} from '../chain/fork-variant'
import {nodesFromCandidates, type DevnetTelemetryNode} from '../telemetry/feed-encoding'
import type {Faults} from './fault-injection'
import {RpcError, type MethodHandler} from './json-rpc-server'

export const DEV_METHODS = ['dev_newBlock', 'dev_fork', 'dev_faults', 'dev_feed', 'dev_addNode', 'dev_removeNode'] as const

/** Blocks one dev_newBlock may produce (a long run blocks every endpoint while it builds). */
const MAX_NEW_BLOCKS = 10_000
const MAX_LATENCY_MS = 60_000
const FEED_ACTIONS = ['drop', 'stall', 'resume', 'malformed'] as const

type Params = Record<string, unknown>

/**
 * Registers the dev_* methods on one chain's method table. Replies name that chain's blocks; the controls
 * act on the whole devnet (every chain steps and forks together, faults apply to every chain's server).
 * @param ownFaults the faults of this chain's server, whose pending rules dev_faults reports
 */
export function addDevMethods(methods: Map<string, MethodHandler>, devnet: Devnet, role: ChainRole, ownFaults: Faults): void {
    const chain = () => devnet.chainOf(role)
    const ref = (b: BlockRecord) => ({number: b.number, hash: b.hash})

    methods.set('dev_newBlock', async params => {
        const p = paramObject('dev_newBlock', params, ['count'])
        const count = wholeNumber('dev_newBlock', p, 'count', 1, MAX_NEW_BLOCKS) ?? 1
        await devnet.produceBlocks(count)
        return ref(chain().head)
    })

    methods.set('dev_fork', async params => {
        const p = paramObject('dev_fork', params, ['depth', 'variant', 'extrinsics'])
        const depth = wholeNumber('dev_fork', p, 'depth', 1, Number.MAX_SAFE_INTEGER)
        if (depth === undefined) throw invalid('dev_fork', 'depth is required: how many blocks to replace, e.g. {"depth": 2}')
        const variant = p.variant
        if (variant !== undefined && !isForkVariant(variant)) {
            throw invalid('dev_fork', `variant must be one of ${FORK_VARIANTS.join(', ')}, got ${JSON.stringify(variant)}`)
        }
        const extrinsics = p.extrinsics ?? []
        if (!Array.isArray(extrinsics))
            throw invalid('dev_fork', `extrinsics must be an array of signed extrinsics (hex), got ${JSON.stringify(extrinsics)}`)
        extrinsics.forEach((x, i) => {
            if (typeof x !== 'string' || !/^0x([0-9a-fA-F]{2})+$/.test(x))
                throw invalid('dev_fork', `extrinsics[${i}] must be a hex string, got ${JSON.stringify(x)}`)
        })
        const replaced = chain().blocks.slice(Math.max(0, chain().head.number - depth + 1))
        try {
            // Added extrinsics go to the chain whose endpoint received the request.
            await devnet.fork(depth, {variant, extrinsics, chain: role})
        } catch (e) {
            if (e instanceof ForkError) throw invalid('dev_fork', e.message.startsWith(e.param) ? e.message : `${e.param}: ${e.message}`)
            throw e
        }
        const c = chain()
        const forkPoint = c.head.number - depth - 1
        const signedCount = (b: BlockRecord) => b.extrinsics.length - 1
        return {
            ...ref(c.head),
            forkPoint: ref(c.blocks[forkPoint]),
            blocks: c.blocks.slice(forkPoint + 1).map(b => ({...ref(b), signedExtrinsics: signedCount(b)})),
            replaced: replaced.map(b => ({...ref(b), signedExtrinsics: signedCount(b)})),
        }
    })

    methods.set('dev_faults', (params, _conn, afterReply) => {
        const p = paramObject('dev_faults', params, ['fail', 'latencyMs', 'drop', 'clear'])
        const clear = flag('dev_faults', p, 'clear')
        const drop = flag('dev_faults', p, 'drop')
        const latencyMs = wholeNumber('dev_faults', p, 'latencyMs', 0, MAX_LATENCY_MS)
        let fail: {count: number; method?: string; code?: number; message?: string} | undefined
        if (p.fail !== undefined) {
            if (!isObject(p.fail))
                throw invalid(
                    'dev_faults',
                    `fail must be an object such as {"count": 3, "method": "chain_getBlock", "message": "rate limit"}, got ${JSON.stringify(p.fail)}`,
                )
            const f = p.fail
            for (const k of Object.keys(f))
                if (!['count', 'method', 'code', 'message'].includes(k))
                    throw invalid('dev_faults', `fail.${k} is unknown (known: count, method, code, message)`)
            const count = wholeNumber('dev_faults', f, 'count', 1, 1_000_000, 'fail.')
            if (count === undefined) throw invalid('dev_faults', 'fail.count is required: how many requests get the error')
            const method = text('dev_faults', f, 'method', 'fail.')
            if (method !== undefined && !methods.has(method))
                throw invalid('dev_faults', `fail.method: the devnet has no method ${method} (see rpc_methods)`)
            if (method?.startsWith('dev_'))
                throw invalid('dev_faults', `fail.method: ${method} is a control; faults never apply to dev_* methods`)
            const code = f.code === undefined ? undefined : f.code
            if (code !== undefined && !Number.isSafeInteger(code))
                throw invalid('dev_faults', `fail.code must be an integer JSON-RPC error code, got ${JSON.stringify(code)}`)
            fail = {count, method, code: code as number | undefined, message: text('dev_faults', f, 'message', 'fail.')}
        }
        // Clear first, so one request can replace the faults in force.
        if (clear) devnet.faults.clear()
        if (latencyMs !== undefined) devnet.faults.latencyMs = latencyMs
        if (fail) devnet.faults.failNext(fail.count, fail)
        const dropping = drop ? devnet.faults.openConnections() : 0
        // After the reply, so a client that asks over WebSocket gets its answer before its connection goes.
        if (drop) afterReply(() => devnet.faults.dropConnections())
        return {latencyMs: ownFaults.latencyMs, pending: ownFaults.pending(), ...(drop ? {dropped: dropping} : {})}
    })

    methods.set('dev_feed', params => {
        const p = paramObject('dev_feed', params, ['action', 'text'])
        if (!(FEED_ACTIONS as readonly unknown[]).includes(p.action))
            throw invalid('dev_feed', `action must be one of ${FEED_ACTIONS.join(', ')}, got ${JSON.stringify(p.action)}`)
        const malformed = text('dev_feed', p, 'text')
        if (malformed !== undefined && p.action !== 'malformed') throw invalid('dev_feed', 'text goes with the malformed action only')
        if (p.action === 'drop') devnet.feed.dropConnections()
        else if (p.action === 'stall') devnet.feed.stall()
        else if (p.action === 'resume') devnet.feed.resume()
        else devnet.feed.sendMalformed(malformed)
        return devnet.feed.stats()
    })

    methods.set('dev_addNode', params => {
        const p = paramObject('dev_addNode', params, ['name', 'validatorAddress', 'version', 'implementation', 'networkId', 'ip'])
        const name = text('dev_addNode', p, 'name')
        if (!name) throw invalid('dev_addNode', 'name is required: the node name telemetry shows')
        const validatorAddress = p.validatorAddress === null ? null : text('dev_addNode', p, 'validatorAddress')
        if (validatorAddress) {
            try {
                decodeAddress(validatorAddress)
            } catch (e) {
                throw invalid(
                    'dev_addNode',
                    `validatorAddress ${JSON.stringify(validatorAddress)} is not an SS58 address: ${(e as Error).message}`,
                )
            }
        }
        const node = addedNode(name, validatorAddress ?? null, {
            version: text('dev_addNode', p, 'version'),
            implementation: text('dev_addNode', p, 'implementation'),
            networkId: text('dev_addNode', p, 'networkId'),
            ip: text('dev_addNode', p, 'ip'),
        })
        return {id: devnet.feed.addNode(node), name}
    })

    methods.set('dev_removeNode', params => {
        const p = paramObject('dev_removeNode', params, ['name'])
        const name = text('dev_removeNode', p, 'name')
        if (!name) throw invalid('dev_removeNode', 'name is required')
        const ids = devnet.feed.nodeIds(name)
        if (ids.length === 0) throw invalid('dev_removeNode', `name: the feed has no node named ${JSON.stringify(name)}`)
        devnet.feed.removeNode(name)
        return {removed: ids}
    })
}

/** A node as dev_addNode announces it: the devnet nodes' defaults (hardware, IP) unless given. */
function addedNode(
    name: string,
    validatorAddress: string | null,
    given: {version?: string; implementation?: string; networkId?: string; ip?: string},
): DevnetTelemetryNode {
    const base = nodesFromCandidates([{name, stash: '', version: given.version}])[0]
    return {
        ...base,
        validatorAddress,
        implementation: given.implementation ?? base.implementation,
        networkId: given.networkId ?? `12D3KooWDevnetAdded${Buffer.from(name).toString('hex').slice(0, 16)}`,
        ip: given.ip ?? base.ip,
    }
}

function invalid(method: string, message: string): RpcError {
    return new RpcError(-32602, `Invalid params of ${method}: ${message}`)
}

function isObject(v: unknown): v is Params {
    return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** The one parameter of a dev_* method: an object of named options (absent = none). */
function paramObject(method: string, params: unknown[], known: string[]): Params {
    if (params.length > 1) throw invalid(method, `expected one parameter, an object of named options, got ${params.length} parameters`)
    const p = params[0] ?? {}
    if (!isObject(p)) throw invalid(method, `expected an object of named options (${known.join(', ')}), got ${JSON.stringify(p)}`)
    for (const k of Object.keys(p)) if (!known.includes(k)) throw invalid(method, `${k} is unknown (known: ${known.join(', ')})`)
    return p
}

function wholeNumber(method: string, p: Params, name: string, min: number, max: number, prefix = ''): number | undefined {
    const v = p[name]
    if (v === undefined) return undefined
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max) {
        throw invalid(
            method,
            `${prefix}${name} must be a whole number ${min}..${max === Number.MAX_SAFE_INTEGER ? '' : max}, got ${JSON.stringify(v)}`,
        )
    }
    return v
}

function text(method: string, p: Params, name: string, prefix = ''): string | undefined {
    const v = p[name]
    if (v === undefined) return undefined
    if (typeof v !== 'string' || v.length > 1000)
        throw invalid(method, `${prefix}${name} must be a string of at most 1000 characters, got ${JSON.stringify(v)?.slice(0, 80)}`)
    return v
}

function flag(method: string, p: Params, name: string): boolean {
    const v = p[name]
    if (v === undefined) return false
    if (typeof v !== 'boolean') throw invalid(method, `${name} must be true or false, got ${JSON.stringify(v)}`)
    return v
}
