import path from 'node:path'
import {Metadata, TypeRegistry} from '@polkadot/types'
import {Runtime} from '@subsquid/substrate-runtime'
import {describe, expect, it} from 'vitest'
import {CHAIN_LAYERS, ChainLayer, layerFileName} from '../chain-layer'
import {buildLayer, METADATA_DIR, readJsonl, runtimeVersionOf, SOURCES, toJsonl} from './spec-versions'
import {metadataVersion, stripToMagic, toV14} from './to-v14'

const expectedRuntimes: Record<ChainLayer, string[]> = {
    [ChainLayer.relay]: ['polkadot@9420', 'kusama@9420', 'polkadot@1002005', 'kusama@1003000', 'kusama@1009002', 'polkadot@2000000'],
    [ChainLayer.assetHub]: [
        'statemine@1009003',
        'statemint@2000000',
        'statemint@2000002',
        'statemine@2000002',
        'statemint@2003000',
        'statemine@2003000',
    ],
    [ChainLayer.people]: [
        'people-polkadot@1003003',
        'people-kusama@1003003',
        'people-polkadot@1005001',
        'people-kusama@1005001',
        'people-polkadot@2000000',
        'people-kusama@2000004',
        'people-polkadot@2003000',
        'people-kusama@2003000',
    ],
}

describe('committed spec-version files', () => {
    for (const layer of CHAIN_LAYERS) {
        const name = layerFileName(layer)
        const records = readJsonl(path.join(METADATA_DIR, `${name}.jsonl`))

        it(`${name}.jsonl lists the expected runtimes as V14`, () => {
            expect(records.map(r => `${r.specName}@${r.specVersion}`)).toEqual(expectedRuntimes[layer])
            for (const r of records) expect(r.metadata.slice(0, 12)).toBe('0x6d6574610e')
        })

        it(`${name}.jsonl: every record decodes with @subsquid/substrate-runtime and @polkadot/types`, () => {
            for (const r of records) {
                const rt = new Runtime({specName: r.specName, specVersion: r.specVersion, implName: r.specName, implVersion: 0}, r.metadata)
                const registry = new TypeRegistry()
                const pjs = new Metadata(registry, r.metadata as `0x${string}`)
                registry.setMetadata(pjs)
                expect(pjs.version).toBe(14)
                // Every event polkadot-js sees, Subsquid decodes too.
                const pjsEvents = pjs.asV14.pallets.flatMap(p => {
                    if (p.events.isNone) return []
                    const def = registry.lookup.getSiType(p.events.unwrap().type).def
                    return def.isVariant ? def.asVariant.variants.map(v => `${p.name.toString()}.${v.name.toString()}`) : []
                })
                expect(pjsEvents.length).toBeGreaterThan(100)
                expect(
                    pjsEvents.filter(e => !rt.hasEvent(e)),
                    `${r.specName}@${r.specVersion}`,
                ).toEqual([])
                expect(runtimeVersionOf(r.metadata)).toEqual({specName: r.specName, specVersion: r.specVersion})
            }
        })
    }

    it('has the pallets each layer is indexed for', () => {
        const has = (layer: ChainLayer, runtime: string, name: string) => {
            const r = readJsonl(path.join(METADATA_DIR, `${layerFileName(layer)}.jsonl`)).find(
                x => `${x.specName}@${x.specVersion}` === runtime,
            )!
            const rt = new Runtime({specName: r.specName, specVersion: r.specVersion, implName: r.specName, implVersion: 0}, r.metadata)
            return rt.hasEvent(name)
        }
        expect(has(ChainLayer.relay, 'polkadot@9420', 'ImOnline.SomeOffline')).toBe(true)
        expect(has(ChainLayer.relay, 'polkadot@1002005', 'Staking.PayoutStarted')).toBe(true)
        expect(has(ChainLayer.relay, 'polkadot@2000000', 'StakingAhClient.ValidatorSetReceived')).toBe(true)
        expect(has(ChainLayer.assetHub, 'statemint@2003000', 'StakingRcClient.SessionReportReceived')).toBe(true)
        expect(has(ChainLayer.assetHub, 'statemint@2003000', 'Staking.SessionRotated')).toBe(true)
        expect(has(ChainLayer.people, 'people-polkadot@2003000', 'Identity.JudgementGiven')).toBe(true)
        expect(has(ChainLayer.people, 'people-polkadot@2003000', 'Staking.Rewarded')).toBe(false)
    })
})

describe('toV14', () => {
    it('passes V14 through and strips the Option<OpaqueMetadata> wrapper of types-support blobs', () => {
        const v14 = (require('@polkadot/types-support/metadata/v14/polkadot-hex') as {default: string}).default
        expect(toV14(v14)).toBe(v14)
        const wrapped = (require('@polkadot/types-support/metadata/v15/polkadot-hex') as {default: string}).default
        expect(wrapped.slice(0, 4)).toBe('0x01')
        expect(metadataVersion(wrapped)).toBe(15)
        expect(stripToMagic(wrapped).slice(0, 12)).toBe('0x6d6574610f')
    })

    it('keeps every V16 pallet, event count and storage item (statemint 2003000: 60 pallets, 479 events)', () => {
        const source = SOURCES[ChainLayer.assetHub].find(s => s.origin.includes('statemint_2003000'))!
        const raw = source.load()
        const v16 = new Metadata(new TypeRegistry(), raw as `0x${string}`).asV16
        const v14 = new Metadata(new TypeRegistry(), toV14(raw) as `0x${string}`).asV14
        expect(v14.pallets.length).toBe(60)
        expect(v14.pallets.map(p => p.name.toString())).toEqual(v16.pallets.map(p => p.name.toString()))
        expect(v14.pallets.map(p => (p.storage.isSome ? p.storage.unwrap().items.length : 0))).toEqual(
            v16.pallets.map(p => (p.storage.isSome ? p.storage.unwrap().items.length : 0)),
        )
        const rt = new Runtime({specName: 'statemint', specVersion: 2003000, implName: 'statemint', implVersion: 0}, toV14(raw))
        expect(Object.keys(rt.events.definitions).length).toBe(479)
    })

    it('rejects bytes without the metadata magic, naming it', () => {
        expect(() => toV14('0x0102030405060708090a')).toThrow(/no "meta" magic/)
    })

    it('the committed jsonl files are what the sources build', () => {
        for (const layer of CHAIN_LAYERS) {
            const committed = toJsonl(readJsonl(path.join(METADATA_DIR, `${layerFileName(layer)}.jsonl`)))
            expect(toJsonl(buildLayer(layer)) === committed, `${layerFileName(layer)}.jsonl is stale`).toBe(true)
        }
    })
})
