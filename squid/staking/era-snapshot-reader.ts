/**
 * Reads an era snapshot from staking storage at one block with batched calls: paged key/value
 * listings for per-era maps and `getMany` (one `state_queryStorageAt`) for per-account items, never
 * one RPC per account. Works on the relay and Asset Hub typegen output alike (same item names).
 */
import {pickVersion, findVersion, RuntimeBlock} from '../versioned'
import type {EraSnapshot, ValidatorExposure, ValidatorSessionKeys} from './era-snapshot'

/* eslint-disable @typescript-eslint/no-explicit-any */
interface StorageItem {
    is(block: any): boolean
    get(block: any, ...key: any[]): Promise<any>
    getMany(block: any, keys: any[]): Promise<any[]>
    getKeysPaged(pageSize: number, block: any, ...key: any[]): AsyncIterable<any[]>
}
type Item = Record<string, StorageItem | string | undefined>

/** `storage.staking` (and `storage.session`, `storage.stakingAhClient` where the chain has them) of a typegen output. */
export interface StakingStorageDefs {
    staking: Record<string, Item>
    session?: Record<string, Item>
    stakingAhClient?: Record<string, Item>
}

export type SnapshotBlock = RuntimeBlock & {hash: string}

/** Keys per page of a storage listing: large enough to keep round trips few, small enough for one response. */
const PAGE_SIZE = 1000

/** Keys per `getMany` (one `state_queryStorageAt`): keeps each request and response within a node's RPC size limits. */
const MANY_CHUNK = 1000

/** Requests of one `getManyChunked` in flight at once: the node answers one while the next is on the wire. */
const MANY_CONCURRENCY = 4

export async function getManyChunked(item: {getMany(block: any, keys: any[]): Promise<any[]>}, block: unknown, keys: unknown[]): Promise<any[]> {
    const chunks: unknown[][] = []
    for (let i = 0; i < keys.length; i += MANY_CHUNK) chunks.push(keys.slice(i, i + MANY_CHUNK))
    const results: any[][] = new Array(chunks.length)
    let next = 0
    const worker = async () => {
        while (next < chunks.length) {
            const i = next++
            results[i] = await item.getMany(block, chunks[i])
        }
    }
    await Promise.all(Array.from({length: Math.min(MANY_CONCURRENCY, chunks.length)}, worker))
    return results.flat()
}

async function collectPaged<T>(it: AsyncIterable<T[]>): Promise<T[]> {
    const out: T[] = []
    for await (const page of it) out.push(...page)
    return out
}

/**
 * A map's entries under a key prefix: keys listed page by page (small answers), values with concurrent
 * `getMany` calls, which take most of the bytes; `getPairsPaged` would fetch each page's values in turn.
 */
export async function readPairs(item: {getKeysPaged: StorageItem['getKeysPaged']; getMany: StorageItem['getMany']}, block: unknown, ...prefix: unknown[]): Promise<[any, any][]> {
    const keys = await collectPaged(item.getKeysPaged(PAGE_SIZE, block, ...prefix))
    const values = await getManyChunked(item, block, keys)
    return keys.map((k, i) => [k, values[i]])
}

export async function readEraSnapshot(defs: StakingStorageDefs, block: SnapshotBlock, era: number): Promise<EraSnapshot> {
    const st = defs.staking
    const item = (name: string) => pickVersion(st[name], `Staking.${name}`, block, block)

    // The reads that need nothing from each other run at once; the node serves one while the squid decodes another.
    const [pointsValue, exposures, nominatorPairs, sessionKeys] = await Promise.all([
        item('erasRewardPoints').get(block, era),
        readExposures(defs, block, era),
        readPairs(item('nominators'), block) as Promise<[string, {targets: string[]; submittedIn: number} | undefined][]>,
        readSessionKeys(defs, block),
    ])
    // A `Default` storage item that is absent holds its default: no points yet.
    const points = (pointsValue ?? {total: 0, individual: []}) as {total: number; individual: [string, number][]}
    const validators = [...new Set([...exposures.map(x => x.validator), ...points.individual.map(([v]) => v)])]
    const nominators = nominatorPairs.filter(([, n]) => n !== undefined).map(([nominator, n]) => ({nominator, targets: n!.targets, submittedIn: n!.submittedIn}))

    const [prefsList, stake] = await Promise.all([
        getManyChunked(item('validators'), block, validators) as Promise<({commission: number; blocked: boolean} | undefined)[]>,
        activeStake(defs, block, [...validators, ...nominators.map(n => n.nominator)]),
    ])
    const prefs = new Map<string, {commissionPerbill: number; blocked: boolean}>()
    validators.forEach((v, i) => {
        const p = prefsList[i]
        if (p) prefs.set(v, {commissionPerbill: p.commission, blocked: p.blocked})
    })
    const selfStake = new Map<string, bigint>()
    for (const v of validators) {
        const a = stake.get(v)
        if (a !== undefined) selfStake.set(v, a)
    }
    return {
        era, blockNumber: block.height, totalPoints: points.total, points: new Map(points.individual), exposures, prefs, selfStake, sessionKeys,
        nominators: nominators.map(n => ({...n, bondedPlanck: stake.get(n.nominator)})),
    }
}

/** Exposures of an era: paged (`ErasStakersOverview` + `ErasStakersPaged`) where the runtime pages them, else `ErasStakers`. */
async function readExposures(defs: StakingStorageDefs, block: SnapshotBlock, era: number): Promise<ValidatorExposure[]> {
    const st = defs.staking
    const overview = findVersion(st.erasStakersOverview as any, block) as StorageItem | undefined
    if (overview) {
        const paged = pickVersion(st.erasStakersPaged as any, 'Staking.ErasStakersPaged', block, block) as StorageItem
        const [metas, pages] = await Promise.all([
            readPairs(overview, block, era) as Promise<[[number, string], {total: bigint; own: bigint; nominatorCount: number} | undefined][]>,
            readPairs(paged, block, era) as Promise<[[number, string, number], {others: {who: string; value: bigint}[]} | undefined][]>,
        ])
        const others = new Map<string, {nominator: string; amountPlanck: bigint}[]>()
        for (const [[, validator], page] of pages) {
            const list = others.get(validator) ?? []
            for (const o of page?.others ?? []) list.push({nominator: o.who, amountPlanck: o.value})
            others.set(validator, list)
        }
        return metas.filter(([, m]) => m !== undefined).map(([[, validator], m]) => ({
            validator, totalPlanck: m!.total, ownPlanck: m!.own, nominatorCount: m!.nominatorCount, others: others.get(validator) ?? [],
        }))
    }
    const legacy = pickVersion(st.erasStakers as any, 'Staking.ErasStakers', block, block) as StorageItem
    const pairs = await readPairs(legacy, block, era) as [[number, string], {total: bigint; own: bigint; others: {who: string; value: bigint}[]}][]
    return pairs.map(([[, validator], x]) => ({
        validator, totalPlanck: x.total, ownPlanck: x.own, nominatorCount: x.others.length,
        others: x.others.map(o => ({nominator: o.who, amountPlanck: o.value})),
    }))
}

/**
 * Ledger.active per stash. Since controllers were deprecated nearly every stash is its own controller, so
 * `Ledger(stash)` is read first; only the stashes it does not answer go through `Bonded` (stash → controller).
 */
async function activeStake(defs: StakingStorageDefs, block: SnapshotBlock, stashes: string[]): Promise<Map<string, bigint>> {
    const out = new Map<string, bigint>()
    if (stashes.length === 0) return out
    const st = defs.staking
    const bonded = pickVersion(st.bonded as any, 'Staking.Bonded', block, block) as StorageItem
    const ledger = pickVersion(st.ledger as any, 'Staking.Ledger', block, block) as StorageItem
    const own = await getManyChunked(ledger, block, stashes) as ({stash: string; active: bigint} | undefined)[]
    const rest: string[] = []
    stashes.forEach((stash, i) => {
        const l = own[i]
        if (l && l.stash === stash) out.set(stash, l.active)
        else rest.push(stash)
    })
    if (rest.length === 0) return out
    const controllers = await getManyChunked(bonded, block, rest) as (string | undefined)[]
    const withController = rest.map((s, i) => [s, controllers[i]] as const).filter(([, c]) => c !== undefined) as [string, string][]
    const ledgers = await getManyChunked(ledger, block, withController.map(([, c]) => c)) as ({active: bigint} | undefined)[]
    withController.forEach(([stash], i) => {
        const l = ledgers[i]
        if (l) out.set(stash, l.active)
    })
    return out
}

/** NextKeys of the session's validators, where the chain has a Session pallet. */
export async function readSessionKeys(defs: StakingStorageDefs, block: SnapshotBlock): Promise<ValidatorSessionKeys[]> {
    const session = defs.session
    if (!session) return []
    const validatorsItem = findVersion(session.validators as any, block) as StorageItem | undefined
    const nextKeys = findVersion(session.nextKeys as any, block) as StorageItem | undefined
    if (!validatorsItem || !nextKeys) return []
    return readNextKeys(defs, block, (await validatorsItem.get(block) ?? []) as string[])
}

/** NextKeys of the given validators in one batched read; a validator without keys is left out. */
export async function readNextKeys(defs: StakingStorageDefs, block: SnapshotBlock, validators: string[]): Promise<ValidatorSessionKeys[]> {
    const nextKeys = pickVersion(defs.session?.nextKeys as any, 'Session.NextKeys', block, block) as StorageItem
    const keys = await getManyChunked(nextKeys, block, validators) as (Record<string, string> | undefined)[]
    return validators.flatMap((validator, i) => keys[i] ? [{validator, keys: keys[i]!}] : [])
}
