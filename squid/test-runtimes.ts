/**
 * Real Subsquid runtimes built from the committed spec-version files, for tests that decode events
 * and storage the way the processor does.
 */
import path from 'node:path'
import {Runtime} from '@subsquid/substrate-runtime'
import {ChainLayer, layerFileName} from './chain-layer'
import {METADATA_DIR, readJsonl} from './metadata/spec-versions'

const cache = new Map<string, Runtime>()

export function runtimeOf(layer: ChainLayer, specName: string, specVersion: number): Runtime {
    const file = layerFileName(layer)
    const key = `${file}/${specName}@${specVersion}`
    let rt = cache.get(key)
    if (!rt) {
        const r = readJsonl(path.join(METADATA_DIR, `${file}.jsonl`)).find(x => x.specName === specName && x.specVersion === specVersion)
        if (!r) throw new Error(`no ${specName}@${specVersion} in squid/metadata/${file}.jsonl`)
        rt = new Runtime({specName, specVersion, implName: specName, implVersion: 0}, r.metadata)
        cache.set(key, rt)
    }
    return rt
}
