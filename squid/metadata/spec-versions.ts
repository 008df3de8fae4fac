/**
 * The runtimes we have metadata for, per chain layer, and the V14 spec-version records (the jsonl
 * that typegen and the devnet read) built from them.
 */
import fs from 'node:fs'
import path from 'node:path'
import {Metadata, TypeRegistry} from '@polkadot/types'
import type {RuntimeVersion} from '@polkadot/types/interfaces'
import {ChainLayer} from '../chain-layer'
import {toV14} from './to-v14'

/** One line of a typegen `specVersions` jsonl. */
export interface SpecVersionRecord {
    specName: string
    specVersion: number
    /** Not a real block: typegen only checks the format. */
    blockNumber: number
    blockHash: string
    /** V14 `RuntimeMetadataPrefixed` hex. */
    metadata: string
}

interface MetadataSource {
    /** Where the blob comes from, for error messages. */
    origin: string
    load(): string
}

function fromModule(moduleId: string, exportName = 'default'): MetadataSource {
    return {
        origin: moduleId,
        load: () => {
            const mod = require(moduleId) as Record<string, unknown>
            const hex = mod[exportName]
            if (typeof hex !== 'string') throw new Error(`${moduleId}: export ${exportName} is not a hex string`)
            return hex
        },
    }
}

/** The folder of this module's sources, from either `squid/metadata` or its compiled `lib/squid/metadata`. */
export const METADATA_DIR = path.resolve(__dirname.replace(/([\\/])lib([\\/]squid[\\/]metadata)$/, '$2'))

function fromScaleFile(file: string): MetadataSource {
    const full = path.join(METADATA_DIR, 'source', file)
    return {origin: `squid/metadata/source/${file}`, load: () => '0x' + fs.readFileSync(full).toString('hex')}
}

const TYPES_SUPPORT = '@polkadot/types-support/metadata'
const TXWRAPPER = '@substrate/txwrapper-dev/lib/metadata'

/** Relay: legacy staking (9420, 1002005, 1003000, 1009002) and the post-AHM relay (Polkadot 2000000). */
export const SOURCES: Record<ChainLayer, MetadataSource[]> = {
    [ChainLayer.relay]: [
        fromModule(`${TXWRAPPER}/polkadot/metadataHex`, 'polkadotMetadataHex'),
        fromModule(`${TXWRAPPER}/kusama/metadataHex`, 'kusamaMetadataHex'),
        fromModule(`${TYPES_SUPPORT}/v14/polkadot-hex`),
        fromModule(`${TYPES_SUPPORT}/v14/kusama-hex`),
        fromModule(`${TYPES_SUPPORT}/v15/kusama-hex`),
        fromModule(`${TYPES_SUPPORT}/v15/polkadot-hex`),
    ],
    [ChainLayer.assetHub]: [
        fromModule(`${TYPES_SUPPORT}/v15/asset-hub-kusama-hex`),
        fromModule(`${TYPES_SUPPORT}/v15/asset-hub-polkadot-hex`),
        fromScaleFile('asset-hub-kusama-statemine_2000002_v16.scale'),
        fromScaleFile('asset-hub-polkadot-statemint_2000002_v16.scale'),
        fromScaleFile('asset-hub-kusama-statemine_2003000_v16.scale'),
        fromScaleFile('asset-hub-polkadot-statemint_2003000_v16.scale'),
    ],
    [ChainLayer.people]: [
        fromScaleFile('people-kusama_1003003_v15.scale'),
        fromScaleFile('people-polkadot_1003003_v15.scale'),
        fromScaleFile('people-kusama_1005001_v15.scale'),
        fromScaleFile('people-polkadot_1005001_v15.scale'),
        fromScaleFile('people-kusama_2000004_v16.scale'),
        fromScaleFile('people-polkadot_2000000_v16.scale'),
        fromScaleFile('people-kusama_2003000_v16.scale'),
        fromScaleFile('people-polkadot_2003000_v16.scale'),
    ],
}

/** specName and specVersion as the runtime itself states them (`System.Version` constant). */
export function runtimeVersionOf(v14Hex: string): {specName: string; specVersion: number} {
    const registry = new TypeRegistry()
    const metadata = new Metadata(registry, v14Hex as `0x${string}`)
    registry.setMetadata(metadata)
    const system = metadata.asLatest.pallets.find(p => p.name.toString() === 'System')
    const version = system?.constants.find(c => c.name.toString() === 'Version')
    if (!version) throw new Error('metadata has no System.Version constant')
    const decoded = registry.createType<RuntimeVersion>('RuntimeVersion', version.value.toU8a(true))
    return {specName: decoded.specName.toString(), specVersion: decoded.specVersion.toNumber()}
}

/**
 * The records of one layer, ordered by specVersion with the Polkadot runtime first among equals.
 * Typegen names an item's type after the first runtime that has it (`v<ver>` for the spec name of the
 * last record, `<specName>V<ver>` for the others), so shared types get Polkadot names.
 */
export function buildLayer(layer: ChainLayer): SpecVersionRecord[] {
    const records = SOURCES[layer].map(source => {
        let metadata: string
        try {
            metadata = toV14(source.load())
        } catch (e) {
            throw new Error(`${source.origin}: ${(e as Error).message}`)
        }
        const {specName, specVersion} = runtimeVersionOf(metadata)
        return {specName, specVersion, blockNumber: 0, blockHash: '', metadata}
    })
    records.sort((a, b) => a.specVersion - b.specVersion || polkadotFirst(a.specName) - polkadotFirst(b.specName))
    return records.map((r, i) => ({...r, blockNumber: i, blockHash: '0x' + i.toString(16).padStart(64, '0')}))
}

function polkadotFirst(specName: string): number {
    return specName === 'polkadot' || specName === 'statemint' || specName === 'people-polkadot' ? 0 : 1
}

export function toJsonl(records: SpecVersionRecord[]): string {
    return records.map(r => JSON.stringify(r)).join('\n') + '\n'
}

export function readJsonl(file: string): SpecVersionRecord[] {
    return fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .filter(l => l.trim())
        .map(l => JSON.parse(l) as SpecVersionRecord)
}
