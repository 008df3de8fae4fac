/**
 * Where each runtime's metadata comes from: npm packages read at run time (never copied into the
 * repo), and the V14 forms of V15/V16 blobs that `squid/metadata/*.jsonl` records (a node's
 * state_getMetadata serves V14). Loading is cached: a registry takes about a second.
 */
import fs from 'fs'
import path from 'path'
import {Runtime} from './runtime'
import {PROJECT_DIR} from '../../config/project-dir'

export type RuntimeId =
    | 'polkadot-9420'
    | 'polkadot-1002005'
    | 'polkadot-2000000'
    | 'statemint-2000000'
    | 'statemint-2000002'
    | 'statemint-2003000'
    | 'people-polkadot-1003003'
    | 'people-polkadot-1005001'
    | 'people-polkadot-2000000'

const cache = new Map<string, Runtime>()

export function loadRuntime(id: RuntimeId): Runtime {
    let rt = cache.get(id)
    if (!rt) {
        rt = new Runtime(metadataHex(id))
        if (`${rt.version.specName}-${rt.version.specVersion}` !== id)
            throw new Error(`runtime ${id}: its metadata says ${rt.version.specName} ${rt.version.specVersion}`)
        cache.set(id, rt)
    }
    return rt
}

function metadataHex(id: RuntimeId): string {
    switch (id) {
        case 'polkadot-9420':
            return require('@substrate/txwrapper-dev/lib/metadata/polkadot/metadataHex.js').polkadotMetadataHex
        case 'polkadot-1002005':
            return require('@polkadot/types-support/metadata/v14/polkadot-hex').default
        case 'polkadot-2000000':
            return fromSpecVersions('relay.jsonl', id)
        case 'statemint-2000000':
        case 'statemint-2000002':
        case 'statemint-2003000':
            return fromSpecVersions('asset-hub.jsonl', id)
        default:
            return fromSpecVersions('people.jsonl', id)
    }
}

/** The V14 metadata of `<specName>-<specVersion>` from a committed spec-versions file. */
function fromSpecVersions(file: string, id: string): string {
    const full = path.join(PROJECT_DIR, 'squid/metadata', file)
    for (const line of fs.readFileSync(full, 'utf8').split('\n')) {
        if (!line.trim()) continue
        const r = JSON.parse(line) as {specName: string; specVersion: number; metadata: string}
        if (`${r.specName}-${r.specVersion}` === id) return r.metadata
    }
    throw new Error(`runtime ${id}: no record in squid/metadata/${file}`)
}
