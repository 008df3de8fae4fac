/**
 * Transaction-pool checks a node makes before accepting a signed extrinsic: it decodes, its signature
 * verifies against the payload the signer saw (call, extensions, genesis and era block hashes), and its
 * nonce is neither stale nor far in the future. Failures carry the error a Substrate node returns.
 */
import type {Extrinsic} from '@polkadot/types/interfaces'
import {blake2AsU8a, signatureVerify} from '@polkadot/util-crypto'
import {u8aToHex} from '@polkadot/util'
import type {Runtime} from '../runtime/runtime'

/** JSON-RPC error of author_submitExtrinsic, as a real node sends it. */
export class PoolError extends Error {
    constructor(
        readonly code: number,
        message: string,
        readonly data?: string,
    ) {
        super(message)
    }
}

export interface ChainView {
    genesisHash: string
    head: number
    hashAt(n: number): string | undefined
    nonceOf(who: string): number
}

export interface ValidExtrinsic {
    extrinsic: Extrinsic
    signer: string
    nonce: number
}

export function decodeExtrinsic(rt: Runtime, hex: unknown): Extrinsic {
    if (typeof hex !== 'string' || !/^0x[0-9a-fA-F]*$/.test(hex))
        throw new PoolError(-32602, 'Invalid params: expected a hex-encoded extrinsic')
    try {
        return rt.registry.createType('Extrinsic', hex)
    } catch (e: any) {
        throw new PoolError(1002, 'Verification Error: Runtime error: Execution failed: Could not decode extrinsic', String(e.message ?? e))
    }
}

export function validateSigned(rt: Runtime, ext: Extrinsic, chain: ChainView, pendingFromSigner: number): ValidExtrinsic {
    if (!ext.isSigned) throw new PoolError(1010, 'Invalid Transaction', 'Transaction call is not expected')
    const signer = u8aToHex(ext.signer.toU8a().slice(-32))
    const era = ext.era
    let blockHash = chain.genesisHash
    if (era.isMortalEra) {
        // As CheckMortality: the birth block as seen from the block it would be included in. Once the era
        // has passed, that is a later block, so the signed payload no longer matches (a bad signature).
        const birth = era.asMortalEra.birth(chain.head + 1)
        const h = chain.hashAt(birth)
        if (!h) throw new PoolError(1010, 'Invalid Transaction', 'Transaction has an ancient birth block')
        blockHash = h
    }
    const inner: any = (ext as any).inner.signature
    const payload = rt.registry.createType(
        'ExtrinsicPayload',
        {
            method: ext.method.toHex(),
            era: ext.era,
            nonce: ext.nonce,
            tip: ext.tip,
            mode: inner.mode?.toNumber?.() ?? 0,
            metadataHash: undefined,
            assetId: inner.assetId,
            specVersion: rt.version.specVersion,
            transactionVersion: rt.version.transactionVersion,
            genesisHash: chain.genesisHash,
            blockHash,
        },
        {version: ext.type},
    )
    let message = payload.toU8a({method: true})
    if (message.length > 256) message = blake2AsU8a(message, 256)
    const verified = signatureVerify(message, ext.signature.toU8a(), signer)
    if (!verified.isValid) throw new PoolError(1010, 'Invalid Transaction', 'Transaction has a bad signature')
    const nonce = ext.nonce.toNumber()
    const expected = chain.nonceOf(signer) + pendingFromSigner
    if (nonce < expected) throw new PoolError(1010, 'Invalid Transaction', 'Transaction is outdated')
    if (nonce > expected) throw new PoolError(1010, 'Invalid Transaction', 'Transaction will be valid in the future')
    return {extrinsic: ext, signer, nonce}
}
