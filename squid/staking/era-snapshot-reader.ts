/**
 * Reads an era snapshot from a chain layer's staking storage at the block that ended the era: points,
 * exposures, the prefs the era is paid with, every validator intention, nominations, bonds and session keys, the independent
 * reads at once (the node serves one while the squid decodes another).
 */
import type {EraSnapshot} from './era-snapshot'
import type {StakingStorage, StorageBlock} from './staking-storage'

export async function readEraSnapshot(storage: StakingStorage, block: StorageBlock, era: number): Promise<EraSnapshot> {
    const [points, exposures, intentions, nominators, sessionKeys] = await Promise.all([
        storage.eraRewardPoints(block, era),
        storage.exposures(block, era),
        storage.validatorIntentions(block),
        storage.nominations(block),
        storage.sessionKeys(block),
    ])
    const exposed = exposures.map(x => x.validator)
    const validators = [...new Set([...exposed, ...points.individual.map(([v]) => v), ...intentions.map(([v]) => v)])]
    const [prefsList, stake] = await Promise.all([
        // Prefs are kept for the exposed set only: for any other stash the `Default` item says nothing.
        storage.erasValidatorPrefs(block, era, exposed),
        activeStake(storage, block, [...validators, ...nominators.map(n => n.nominator)]),
    ])
    const selfStake = new Map<string, bigint>()
    for (const v of validators) {
        const a = stake.get(v)
        if (a !== undefined) selfStake.set(v, a)
    }
    return {
        era,
        blockNumber: block.height,
        totalPoints: points.total,
        points: new Map(points.individual),
        exposures,
        prefs: new Map(exposed.map((v, i) => [v, prefsList[i]])),
        intentions: new Map(intentions),
        selfStake,
        sessionKeys,
        nominators: nominators.map(n => ({...n, bondedPlanck: stake.get(n.nominator)})),
    }
}

/**
 * Ledger.active per stash. Since controllers were deprecated nearly every stash is its own controller, so
 * `Ledger(stash)` is read first; only the stashes it does not answer go through `Bonded` (stash → controller).
 */
async function activeStake(storage: StakingStorage, block: StorageBlock, stashes: string[]): Promise<Map<string, bigint>> {
    const out = new Map<string, bigint>()
    if (stashes.length === 0) return out
    const own = await storage.ledgers(block, stashes)
    const rest: string[] = []
    stashes.forEach((stash, i) => {
        const l = own[i]
        if (l && l.stash === stash) out.set(stash, l.activePlanck)
        else rest.push(stash)
    })
    if (rest.length === 0) return out
    const controllers = await storage.controllers(block, rest)
    const withController = rest.flatMap((stash, i) => {
        const c = controllers[i]
        return c === undefined ? [] : [[stash, c] as const]
    })
    const ledgers = await storage.ledgers(
        block,
        withController.map(([, c]) => c),
    )
    withController.forEach(([stash], i) => {
        const l = ledgers[i]
        if (l) out.set(stash, l.activePlanck)
    })
    return out
}
