/**
 * Where each runtime's metadata comes from: npm packages read at run time (never copied into the repo),
 * and converted V14 records for the current layout. Loading is cached: a registry takes about a second.
 */
import {Runtime} from './runtime'

export type RuntimeId = 'polkadot-9420' | 'polkadot-1002005'

const cache = new Map<string, Runtime>()

export function loadRuntime(id: RuntimeId): Runtime {
    let rt = cache.get(id)
    if (!rt) {
        rt = new Runtime(metadataHex(id))
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
    }
}
