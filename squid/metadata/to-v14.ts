/**
 * Converts V15/V16 runtime metadata to the V14 form that Subsquid (and a node's `state_getMetadata`)
 * speaks; V14 and older pass through. Algorithm and evidence: shared reference metadata-conversion.md §1.
 */
import {Metadata, TypeRegistry} from '@polkadot/types'
import type {MetadataV15, MetadataV16, PortableType} from '@polkadot/types/interfaces'
import {u8aConcat, u8aToHex} from '@polkadot/util'

const MAGIC_HEX = '6d657461'
const V14_VERSION_BYTE = new Uint8Array([0x0e])

export class MetadataConversionError extends Error {
    override name = 'MetadataConversionError'
}

/** Drops any wrapper (e.g. `Option<OpaqueMetadata>`: `0x01` + compact length) before the "meta" magic. */
export function stripToMagic(metadataHex: string): `0x${string}` {
    const hex = metadataHex.startsWith('0x') ? metadataHex.slice(2) : metadataHex
    // The magic sits within the first 6 bytes: a 1-byte Option tag plus a compact length of up to 5 bytes.
    const at = hex.slice(0, 20).indexOf(MAGIC_HEX)
    if (at < 0 || at % 2 !== 0) throw new MetadataConversionError('metadata: no "meta" magic (0x6d657461) within the first 6 bytes')
    return `0x${hex.slice(at)}`
}

/** The metadata version byte that follows the magic. */
export function metadataVersion(metadataHex: string): number {
    const hex = stripToMagic(metadataHex)
    return parseInt(hex.slice(10, 12), 16)
}

export function toV14(metadataHex: string): string {
    const hex = stripToMagic(metadataHex)
    const version = metadataVersion(hex)
    if (version <= 14) return hex
    const registry = new TypeRegistry()
    const metadata = new Metadata(registry, hex as `0x${string}`)
    if (version === 15) return encodeV14(registry, fromV15(metadata.asV15))
    if (version === 16) return encodeV14(registry, fromV16(metadata.asV16))
    throw new MetadataConversionError(`metadata: version ${version} is not supported (V9..V16)`)
}

interface V14Parts {
    lookup: unknown
    pallets: unknown[]
    extrinsic: {type: number; version: number; signedExtensions: unknown[]}
    type: number
}

function encodeV14(registry: TypeRegistry, parts: V14Parts): string {
    const v14 = registry.createType('MetadataV14', parts)
    return u8aToHex(u8aConcat(Uint8Array.from(Buffer.from(MAGIC_HEX, 'hex')), V14_VERSION_BYTE, v14.toU8a()))
}

function fromV15(m: MetadataV15): V14Parts {
    return {
        lookup: m.lookup,
        pallets: m.pallets.map(p => ({
            name: p.name,
            storage: p.storage,
            calls: p.calls,
            events: p.events,
            constants: p.constants,
            errors: p.errors,
            index: p.index,
        })),
        extrinsic: {
            type: uncheckedExtrinsicTypeId(m.lookup.types),
            version: m.extrinsic.version.toNumber(),
            signedExtensions: m.extrinsic.signedExtensions.toArray(),
        },
        type: m.type.toNumber(),
    }
}

function fromV16(m: MetadataV16): V14Parts {
    const types = m.lookup.types.toArray()
    let lookup: unknown = m.lookup
    let runtimeTypeId = types.find(t => isRuntimeType(t))?.id.toNumber()
    if (runtimeTypeId === undefined) {
        // V16 has no outer runtime type field; V14 requires one. Append a unit composite
        // `<crate>::Runtime` (crate taken from the outer event enum); existing ids stay as they are.
        const eventType = types.find(t => t.id.eq(m.outerEnums.eventType))
        const crate = eventType?.type.path[0]?.toString()
        if (!crate) throw new MetadataConversionError('metadata V16: cannot find the outer event enum to name a Runtime type')
        runtimeTypeId = types.length
        lookup = {
            types: [...types, {id: runtimeTypeId, type: {path: [crate, 'Runtime'], params: [], def: {Composite: {fields: []}}, docs: []}}],
        }
    }
    // `versions` is a Vec<u8>: its bytes are the versions.
    const versions = Array.from(m.extrinsic.versions.toU8a(true))
    const byVersion = m.extrinsic.transactionExtensionsByVersion
    const zero = [...byVersion.entries()].find(([v]) => v.toNumber() === 0)?.[1]
    if (!zero) throw new MetadataConversionError('metadata V16: transactionExtensionsByVersion has no version 0')
    const extensions = m.extrinsic.transactionExtensions
    const signedExtensions = zero.toArray().map(i => {
        const ext = extensions[i.toNumber()]
        if (!ext) throw new MetadataConversionError(`metadata V16: transaction extension index ${i.toNumber()} out of range`)
        return {identifier: ext.identifier, type: ext.type, additionalSigned: ext.implicit}
    })
    return {
        lookup,
        pallets: m.pallets.map(p => ({
            name: p.name,
            storage: p.storage.isSome
                ? {
                      prefix: p.storage.unwrap().prefix,
                      items: p.storage.unwrap().items.map(s => ({
                          name: s.name,
                          modifier: s.modifier,
                          type: s.type,
                          fallback: s.fallback,
                          docs: s.docs,
                      })),
                  }
                : null,
            calls: p.calls.isSome ? {type: p.calls.unwrap().type} : null,
            events: p.events.isSome ? {type: p.events.unwrap().type} : null,
            constants: p.constants.map(c => ({name: c.name, type: c.type, value: c.value, docs: c.docs})),
            errors: p.errors.isSome ? {type: p.errors.unwrap().type} : null,
            index: p.index,
        })),
        extrinsic: {
            type: uncheckedExtrinsicTypeId(m.lookup.types),
            // What the runtime's own V14 reports: the lowest supported extrinsic version.
            version: Math.min(...versions),
            signedExtensions,
        },
        type: runtimeTypeId,
    }
}

function isRuntimeType(t: PortableType): boolean {
    const path = t.type.path.map(s => s.toString())
    return path.length === 2 && path[1] === 'Runtime' && t.type.def.isComposite
}

function uncheckedExtrinsicTypeId(types: {toArray(): PortableType[]}): number {
    const found = types.toArray().find(t => {
        const path = t.type.path.map(s => s.toString())
        return path[0] === 'sp_runtime' && path[path.length - 1] === 'UncheckedExtrinsic'
    })
    if (!found) throw new MetadataConversionError('metadata: no sp_runtime::…::UncheckedExtrinsic type in the lookup')
    return found.id.toNumber()
}
