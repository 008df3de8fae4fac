/**
 * A runtime the devnet executes: real metadata (V14) loaded into a @polkadot/types registry, with the
 * version read from the metadata's own `System.Version` constant, and the encoders built on it.
 */
import {Metadata, TypeRegistry, expandMetadata, unwrapStorageType} from '@polkadot/types'
import type {DecoratedMeta} from '@polkadot/types/metadata/decorate/types'
import {compactStripLength, compactToU8a, u8aConcat, u8aToHex} from '@polkadot/util'

export interface RuntimeVersionJson {
    specName: string
    implName: string
    authoringVersion: number
    specVersion: number
    implVersion: number
    apis: [string, number][]
    transactionVersion: number
    stateVersion: number
}

export class Runtime {
    readonly registry: TypeRegistry
    readonly metadata: Metadata
    readonly decorated: DecoratedMeta
    readonly version: RuntimeVersionJson
    private readonly valueTypes = new Map<string, string>()
    private readonly fastChecked = new Map<string, boolean>()

    constructor(readonly metadataHex: string) {
        this.registry = new TypeRegistry()
        this.metadata = new Metadata(this.registry, metadataHex as `0x${string}`)
        this.registry.setMetadata(this.metadata)
        this.decorated = expandMetadata(this.registry, this.metadata)
        const v = this.registry.createType('RuntimeVersion', this.decorated.consts.system.version).toJSON() as any
        this.version = {
            specName: v.specName,
            implName: v.implName,
            authoringVersion: v.authoringVersion,
            specVersion: v.specVersion,
            implVersion: v.implVersion,
            apis: v.apis,
            transactionVersion: v.transactionVersion,
            stateVersion: v.stateVersion ?? 0,
        }
    }

    get specVersion(): number {
        return this.version.specVersion
    }

    hasPallet(pallet: string): boolean {
        return this.metadata.asLatest.pallets.some(p => p.name.toString() === pallet)
    }

    hasStorage(pallet: string, item: string): boolean {
        return !!(this.decorated.query as any)[lowerFirst(pallet)]?.[lowerFirst(item)]
    }

    hasEvent(pallet: string, name: string): boolean {
        try {
            this.eventIndex(pallet, name)
            return true
        } catch {
            return false
        }
    }

    /** The storage key of `Pallet.Item(keys…)`; keys are given in their natural JSON form. */
    storageKey(pallet: string, item: string, ...keys: unknown[]): string {
        const entry = this.entry(pallet, item)
        // The decorated entry returns the key with a SCALE length prefix (it is a StorageKey); strip it.
        return u8aToHex(compactStripLength(entry(...keys))[1])
    }

    /** The prefix shared by every key of a map (for getKeysPaged). */
    storagePrefix(pallet: string, item: string): string {
        return u8aToHex(this.entry(pallet, item).keyPrefix())
    }

    /** SCALE of a storage value (the inner type for optional items). */
    storageValue(pallet: string, item: string, value: unknown): string {
        const id = `${pallet}.${item}`
        let type = this.valueTypes.get(id)
        if (!type) {
            const entry = this.entry(pallet, item)
            type = unwrapStorageType(this.registry, entry.meta.type, false)
            this.valueTypes.set(id, type)
        }
        // SCALE bytes: toHex() of an integer type is its big-endian number, not its encoding.
        return u8aToHex(this.registry.createTypeUnsafe(type, [value]).toU8a())
    }

    /**
     * SCALE of a storage value by a hand-written encoder, which is checked once per item against
     * @polkadot/types (on the first value); a runtime whose type differs gets the generic encoding.
     */
    storageValueFast(pallet: string, item: string, value: unknown, fast: () => string): string {
        const id = `${pallet}.${item}`
        let ok = this.fastChecked.get(id)
        if (ok === undefined) {
            ok = fast() === this.storageValue(pallet, item, value)
            this.fastChecked.set(id, ok)
        }
        return ok ? fast() : this.storageValue(pallet, item, value)
    }

    storageValueType(pallet: string, item: string): string {
        this.storageValue(pallet, item, undefined)
        return this.valueTypes.get(`${pallet}.${item}`)!
    }

    private entry(pallet: string, item: string): any {
        const entry = (this.decorated.query as any)[lowerFirst(pallet)]?.[lowerFirst(item)]
        if (!entry) throw new Error(`runtime ${this.specVersion} has no storage item ${pallet}.${item}`)
        return entry
    }

    /** [pallet index, variant index] of an event, by name. */
    eventIndex(pallet: string, name: string): {palletIndex: number; variantIndex: number; fields: {name: string; type: number}[]} {
        const p = this.metadata.asLatest.pallets.find(p => p.name.toString() === pallet)
        if (!p || p.events.isNone) throw new Error(`runtime ${this.specVersion} has no events in pallet ${pallet}`)
        const variants = this.registry.lookup.getSiType(p.events.unwrap().type).def.asVariant.variants
        const v = variants.find(v => v.name.toString() === name)
        if (!v) throw new Error(`runtime ${this.specVersion} has no event ${pallet}.${name}`)
        return {
            palletIndex: p.index.toNumber(),
            variantIndex: v.index.toNumber(),
            fields: v.fields.map((f, i) => ({
                name: f.name.isSome ? camel(f.name.unwrap().toString()) : String(i),
                type: f.type.toNumber(),
            })),
        }
    }

    /** SCALE of `RuntimeEvent::Pallet(Event::Name{fields})`; fields by (camelCase) name, or by position for tuple events. */
    encodeEvent(pallet: string, name: string, fields: Record<string, unknown>): Uint8Array {
        const ev = this.eventIndex(pallet, name)
        const parts: Uint8Array[] = [new Uint8Array([ev.palletIndex, ev.variantIndex])]
        for (const f of ev.fields) {
            if (!(f.name in fields)) throw new Error(`event ${pallet}.${name} of runtime ${this.specVersion}: missing field ${f.name}`)
            parts.push(this.registry.createTypeUnsafe(this.registry.createLookupType(f.type), [fields[f.name]]).toU8a())
        }
        return u8aConcat(...parts)
    }

    /** [pallet index, error index] of a module error, by name (the DispatchError::Module a real runtime gives). */
    moduleError(pallet: string, name: string): {index: number; error: string} {
        const p = this.metadata.asLatest.pallets.find(p => p.name.toString() === pallet)
        if (!p || p.errors.isNone) throw new Error(`runtime ${this.specVersion} has no errors in pallet ${pallet}`)
        const v = this.registry.lookup.getSiType(p.errors.unwrap().type).def.asVariant.variants.find(v => v.name.toString() === name)
        if (!v) throw new Error(`runtime ${this.specVersion} has no error ${pallet}.${name}`)
        return {index: p.index.toNumber(), error: u8aToHex(new Uint8Array([v.index.toNumber(), 0, 0, 0]))}
    }

    /** The unsigned `Timestamp.set(now)` inherent every block carries. */
    timestampExtrinsic(nowMs: number): string {
        const call = (this.decorated.tx as any).timestamp.set(nowMs)
        return this.registry.createType('Extrinsic', call).toHex()
    }
}

export type Phase = {applyExtrinsic: number} | 'finalization' | 'initialization'

export interface EncodedEvent {
    phase: Phase
    event: Uint8Array
}

/** SCALE of `System.Events`: Vec<EventRecord{phase, event, topics: []}>. */
export function encodeEventRecords(records: EncodedEvent[]): string {
    const parts: Uint8Array[] = [compactToU8a(records.length)]
    for (const r of records) {
        if (typeof r.phase === 'object') {
            const b = new Uint8Array(5)
            new DataView(b.buffer).setUint32(1, r.phase.applyExtrinsic, true)
            parts.push(b)
        } else {
            parts.push(new Uint8Array([r.phase === 'finalization' ? 1 : 2]))
        }
        parts.push(r.event, new Uint8Array([0]))
    }
    return u8aToHex(u8aConcat(...parts))
}

export function lowerFirst(s: string): string {
    return s[0].toLowerCase() + s.slice(1)
}

function camel(s: string): string {
    return s.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase())
}
