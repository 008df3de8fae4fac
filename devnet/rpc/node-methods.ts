/**
 * The Substrate node RPC methods the devnet answers (chain_*, state_*, author_*, system_*, rpc_methods),
 * with the parameter forms both @polkadot/api and the Subsquid processor send and the "not found"
 * errors of a real node.
 */
import {blake2AsHex, decodeAddress} from '@polkadot/util-crypto'
import {compactToU8a, hexToU8a, u8aConcat, u8aToHex} from '@polkadot/util'
import type {BlockRecord, DevnetChain} from '../chain/devnet-chain'
import {PoolError} from '../extrinsics/transaction-validity'
import {RpcError, type Connection, type MethodHandler} from './json-rpc-server'

export interface NodeBackend {
    chain(): DevnetChain
    finalizedNumber(): number
    properties: {ss58Format: number; tokenDecimals: number; tokenSymbol: string}
    chainName: string
    /** Called with every block added to the best chain (several after a reorg). */
    onNewBlocks(cb: (blocks: BlockRecord[]) => void): () => void
    onFinalized(cb: (block: BlockRecord) => void): () => void
    /** Called after an extrinsic entered the pool (and after its "ready" notification was queued). */
    onSubmitted?(): void
}

const SUBSCRIPTIONS: [string, string, string][] = [
    // [subscribe, unsubscribe, notification]
    ['chain_subscribeNewHeads', 'chain_unsubscribeNewHeads', 'chain_newHead'],
    ['chain_subscribeNewHead', 'chain_unsubscribeNewHead', 'chain_newHead'],
    ['subscribe_newHead', 'unsubscribe_newHead', 'chain_newHead'],
    ['chain_subscribeAllHeads', 'chain_unsubscribeAllHeads', 'chain_allHead'],
    ['chain_subscribeFinalizedHeads', 'chain_unsubscribeFinalizedHeads', 'chain_finalizedHead'],
    ['chain_subscribeFinalisedHeads', 'chain_unsubscribeFinalisedHeads', 'chain_finalizedHead'],
    ['state_subscribeStorage', 'state_unsubscribeStorage', 'state_storage'],
    ['state_subscribeRuntimeVersion', 'state_unsubscribeRuntimeVersion', 'state_runtimeVersion'],
    ['chain_subscribeRuntimeVersion', 'chain_unsubscribeRuntimeVersion', 'state_runtimeVersion'],
    ['author_submitAndWatchExtrinsic', 'author_unwatchExtrinsic', 'author_extrinsicUpdate'],
]

export function nodeMethods(node: NodeBackend): Map<string, MethodHandler> {
    const m = new Map<string, MethodHandler>()
    let nextSub = 1
    const subs = new Map<string, () => void>()
    const newSub = (conn: Connection, cancel: () => void): string => {
        if (!conn.isWebSocket) throw new RpcError(-32090, 'Subscriptions are not available on this transport (use WebSocket)')
        const id = 'devnet' + (nextSub++).toString(16).padStart(8, '0')
        subs.set(id, cancel)
        conn.onClose(() => {
            subs.get(id)?.()
            subs.delete(id)
        })
        return id
    }
    const unsubscribe: MethodHandler = params => {
        const cancel = subs.get(String(params[0]))
        if (!cancel) return false
        cancel()
        subs.delete(String(params[0]))
        return true
    }

    /** The block a `[hash]` parameter names (absent = best); null when unknown. */
    const blockAt = (hash: unknown): BlockRecord | undefined => {
        const chain = node.chain()
        if (hash === undefined || hash === null) return chain.head
        if (typeof hash !== 'string') throw new RpcError(-32602, `Invalid params: expected a block hash, got ${JSON.stringify(hash)}`)
        return chain.blockByHash(hash)
    }
    /** State queries on an unknown block fail as a node's do ("… not found"), which Subsquid retries. */
    const stateAt = (hash: unknown): BlockRecord => {
        const b = blockAt(hash)
        if (!b) throw new RpcError(4003, `Client error: UnknownBlock: Header was not found in the database: ${String(hash)}`)
        return b
    }
    const storageKey = (key: unknown): string => {
        if (typeof key !== 'string' || !/^0x[0-9a-fA-F]*$/.test(key))
            throw new RpcError(-32602, `Invalid params: expected a hex storage key, got ${JSON.stringify(key)}`)
        return key.toLowerCase()
    }
    const runtimeVersion = (b: BlockRecord) => node.chain().rtAt(b.number).version

    m.set('rpc_methods', () => ({version: 1, methods: [...m.keys()].sort()}))
    m.set('system_chain', () => node.chainName)
    m.set('system_name', () => 'open-nominator devnet')
    m.set('system_version', () => '1.15.2-devnet')
    m.set('system_chainType', () => 'Development')
    m.set('system_health', () => ({peers: 0, isSyncing: false, shouldHavePeers: false}))
    m.set('system_properties', () => node.properties)
    m.set('system_peers', () => [])
    m.set('system_localPeerId', () => '12D3KooWDevnet')
    m.set('system_syncState', () => ({startingBlock: 0, currentBlock: node.chain().head.number, highestBlock: node.chain().head.number}))
    m.set('system_accountNextIndex', params => {
        const who = accountId(params[0])
        const chain = node.chain()
        return chain.nonceOf(who) + chain.pool.filter(p => p.signer === who).length
    })

    const getBlockHash: MethodHandler = params => {
        const chain = node.chain()
        const p = params[0]
        if (p === undefined || p === null) return chain.head.hash
        const one = (x: unknown): string | null => {
            const n =
                typeof x === 'number'
                    ? x
                    : typeof x === 'string' && /^0x[0-9a-fA-F]+$/.test(x)
                      ? parseInt(x, 16)
                      : typeof x === 'string' && /^\d+$/.test(x)
                        ? Number(x)
                        : NaN
            if (!Number.isSafeInteger(n) || n < 0)
                throw new RpcError(-32602, `Invalid params: expected a block number, got ${JSON.stringify(x)}`)
            return chain.blocks[n]?.hash ?? null
        }
        return Array.isArray(p) ? p.map(one) : one(p)
    }
    m.set('chain_getBlockHash', getBlockHash)
    m.set('chain_getHead', () => node.chain().head.hash)
    m.set('chain_getFinalizedHead', () => node.chain().blocks[node.finalizedNumber()].hash)
    m.set('chain_getFinalisedHead', () => node.chain().blocks[node.finalizedNumber()].hash)
    m.set('chain_getHeader', params => blockAt(params[0])?.header ?? null)
    m.set('chain_getBlock', params => {
        const b = blockAt(params[0])
        return b ? {block: {header: b.header, extrinsics: b.extrinsics}, justifications: null} : null
    })

    m.set('state_getMetadata', params => node.chain().rtAt(stateAt(params[0]).number).metadataHex)
    m.set('state_getRuntimeVersion', params => runtimeVersion(stateAt(params[0])))
    m.set('chain_getRuntimeVersion', params => runtimeVersion(stateAt(params[0])))
    m.set('state_call', params => {
        const b = stateAt(params[2])
        const answer = runtimeApiCall(String(params[0]), node.chain().rtAt(b.number).metadataHex)
        if (answer === undefined)
            throw new RpcError(-32000, `Client error: Execution failed: Other: Exported method ${String(params[0])} is not found`)
        return answer
    })
    m.set('payment_queryInfo', params => {
        stateAt(params[1])
        return {weight: {refTime: DEVNET_WEIGHT_REF_TIME, proofSize: 0}, class: 'normal', partialFee: DEVNET_FEE_PLANCK.toString()}
    })
    const getStorage: MethodHandler = params => node.chain().storage.get(stateAt(params[1]).number, storageKey(params[0]))
    m.set('state_getStorage', getStorage)
    m.set('state_getStorageAt', getStorage)
    m.set('state_getStorageHash', params => {
        const v = node.chain().storage.get(stateAt(params[1]).number, storageKey(params[0]))
        return v == null ? null : blake2AsHex(v, 256)
    })
    m.set('state_getStorageSize', params => {
        const v = node.chain().storage.get(stateAt(params[1]).number, storageKey(params[0]))
        return v == null ? null : (v.length - 2) / 2
    })
    m.set('state_queryStorageAt', params => {
        if (!Array.isArray(params[0])) throw new RpcError(-32602, 'Invalid params of state_queryStorageAt: expected [keys[], hash?]')
        const b = stateAt(params[1])
        const storage = node.chain().storage
        return [{block: b.hash, changes: params[0].map(k => [storageKey(k), storage.get(b.number, storageKey(k))])}]
    })
    const keysPaged: MethodHandler = params => {
        const prefix = storageKey(params[0] ?? '0x')
        const count = Number(params[1])
        if (!Number.isSafeInteger(count) || count < 0 || count > 1000)
            throw new RpcError(-32602, `Invalid params: count must be 0..1000, got ${JSON.stringify(params[1])}`)
        const start = params[2] == null ? null : storageKey(params[2])
        const b = stateAt(params[3])
        return node.chain().storage.keysPaged(b.number, prefix, count, start)
    }
    m.set('state_getKeysPaged', keysPaged)
    m.set('state_getKeysPagedAt', keysPaged)
    m.set('state_getKeys', params => {
        const b = stateAt(params[1])
        return node.chain().storage.keysPaged(b.number, storageKey(params[0]), 1_000_000, null)
    })

    // Subscriptions.
    const headSub =
        (notification: string, finalized: boolean): MethodHandler =>
        (_params, conn) => {
            let id = ''
            const send = (b: BlockRecord) => conn.notify(notification, id, b.header)
            const cancel = finalized ? node.onFinalized(send) : node.onNewBlocks(blocks => blocks.forEach(send))
            id = newSub(conn, cancel)
            const chain = node.chain()
            setImmediate(() => send(finalized ? chain.blocks[node.finalizedNumber()] : chain.head))
            return id
        }
    m.set('chain_subscribeNewHeads', headSub('chain_newHead', false))
    m.set('chain_subscribeNewHead', headSub('chain_newHead', false))
    m.set('subscribe_newHead', headSub('chain_newHead', false))
    m.set('chain_subscribeAllHeads', headSub('chain_allHead', false))
    m.set('chain_subscribeFinalizedHeads', headSub('chain_finalizedHead', true))
    m.set('chain_subscribeFinalisedHeads', headSub('chain_finalizedHead', true))
    m.set('state_subscribeStorage', (params, conn) => {
        const keys = Array.isArray(params[0]) ? params[0].map(storageKey) : undefined
        let id = ''
        const cancel = node.onNewBlocks(blocks => {
            const chain = node.chain()
            for (const b of blocks) {
                const changed = chain.storage.changedAt(b.number)
                const ks = keys ? keys.filter(k => changed.has(k)) : [...changed]
                if (ks.length) conn.notify('state_storage', id, {block: b.hash, changes: ks.map(k => [k, chain.storage.get(b.number, k)])})
            }
        })
        id = newSub(conn, cancel)
        const chain = node.chain()
        const head = chain.head
        if (keys)
            setImmediate(() =>
                conn.notify('state_storage', id, {block: head.hash, changes: keys.map(k => [k, chain.storage.get(head.number, k)])}),
            )
        return id
    })
    const rvSub: MethodHandler = (_params, conn) => {
        let id = ''
        let last = node.chain().rtAt(node.chain().head.number).version.specVersion
        const cancel = node.onNewBlocks(blocks => {
            for (const b of blocks) {
                const v = node.chain().rtAt(b.number).version
                if (v.specVersion !== last) {
                    last = v.specVersion
                    conn.notify('state_runtimeVersion', id, v)
                }
            }
        })
        id = newSub(conn, cancel)
        const v = node.chain().rtAt(node.chain().head.number).version
        setImmediate(() => conn.notify('state_runtimeVersion', id, v))
        return id
    }
    m.set('state_subscribeRuntimeVersion', rvSub)
    m.set('chain_subscribeRuntimeVersion', rvSub)

    const submit = (hex: unknown) => {
        try {
            return node.chain().submit(hex)
        } catch (e) {
            if (e instanceof PoolError) throw new RpcError(e.code, e.message, e.data)
            throw e
        }
    }
    m.set('author_submitExtrinsic', params => {
        const hash = submit(params[0]).hash
        node.onSubmitted?.()
        return hash
    })
    m.set('author_pendingExtrinsics', () => node.chain().pool.map(p => p.hex))
    m.set('author_submitAndWatchExtrinsic', (params, conn) => {
        if (!conn.isWebSocket) throw new RpcError(-32090, 'Subscriptions are not available on this transport (use WebSocket)')
        const item = submit(params[0])
        let id = ''
        let inBlock: BlockRecord | undefined
        const stopBlocks = node.onNewBlocks(blocks => {
            for (const b of blocks) {
                if (b.includedHashes.includes(item.hash)) {
                    inBlock = b
                    conn.notify('author_extrinsicUpdate', id, {inBlock: b.hash})
                }
            }
        })
        const stopFinal = node.onFinalized(b => {
            if (inBlock && b.number >= inBlock.number) {
                conn.notify('author_extrinsicUpdate', id, {finalized: inBlock.hash})
                stopBlocks()
                stopFinal()
            }
        })
        id = newSub(conn, () => {
            stopBlocks()
            stopFinal()
        })
        setImmediate(() => conn.notify('author_extrinsicUpdate', id, 'ready'))
        node.onSubmitted?.()
        return id
    })

    for (const [, unsub] of SUBSCRIPTIONS) m.set(unsub, unsubscribe)
    return m
}

/** What the devnet quotes for any transaction: it charges no fee, but clients size their balance checks on this. */
const DEVNET_FEE_PLANCK = 100_000_000n
const DEVNET_WEIGHT_REF_TIME = 1_000_000_000

/** SCALE answers of the runtime APIs the clients call through state_call (undefined: not served). */
function runtimeApiCall(method: string, metadataHex: string): string | undefined {
    switch (method) {
        case 'Metadata_metadata_versions':
            // Vec<u32> [14]: the devnet serves V14 only, as Subsquid needs.
            return '0x040e000000'
        case 'Metadata_metadata_at_version': {
            const bytes = hexToU8a(metadataHex)
            return u8aToHex(u8aConcat(new Uint8Array([1]), compactToU8a(bytes.length), bytes))
        }
        case 'TransactionPaymentApi_query_info': {
            // RuntimeDispatchInfo{weight: {refTime, proofSize} (compact), class: Normal, partialFee: u128}.
            const fee = new Uint8Array(16)
            new DataView(fee.buffer).setBigUint64(0, DEVNET_FEE_PLANCK, true)
            return u8aToHex(u8aConcat(compactToU8a(DEVNET_WEIGHT_REF_TIME), compactToU8a(0), new Uint8Array([0]), fee))
        }
        default:
            return undefined
    }
}

function accountId(address: unknown): string {
    if (typeof address !== 'string') throw new RpcError(-32602, `Invalid params: expected an SS58 address, got ${JSON.stringify(address)}`)
    try {
        return u8aToHex(decodeAddress(address))
    } catch (e: any) {
        throw new RpcError(-32602, `Invalid params: bad address ${address}: ${e.message}`)
    }
}
