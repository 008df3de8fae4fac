/**
 * What staking storage says at an era boundary, as plain data, and the rows it becomes: one
 * EraValidator per validator, one Exposure edge per (nominator, validator), one ValidatorIntention per
 * `Validators` entry, session keys, nominator bonds, and nominator targets where they changed.
 */
import {createHash} from 'node:crypto'
import type {ChainLayer} from '../facts'
import type {ExposureFact, PrefsFact, ValidatorSessionKeys} from './staking-storage'

export interface EraSnapshot {
    /** The era the points, exposures and prefs are for (the era that just ended). */
    era: number
    blockNumber: number
    totalPoints: number
    points: Map<string, number>
    exposures: ExposureFact[]
    /** The prefs each exposed validator is paid with in this era (ErasValidatorPrefs). */
    prefs: Map<string, PrefsFact>
    /** Every `Validators` entry at the era's end (elected or waiting) and its prefs then. */
    intentions: Map<string, PrefsFact>
    /** Ledger.active of each validator's stash (exposed, rewarded or intending). */
    selfStake: Map<string, bigint>
    /** Keys per validator of the era that starts (NextKeys); empty where the chain has no Session pallet. */
    sessionKeys: ValidatorSessionKeys[]
    /** Nominations in force when the next era starts. */
    nominators: {nominator: string; targets: string[]; submittedIn: number; bondedPlanck?: bigint}[]
}

export interface EraValidatorRow {
    id: string
    era: number
    validator: string
    points: number
    commissionPerbill?: number
    blocked?: boolean
    pageCount?: number
    selfStakePlanck?: bigint
    ownExposurePlanck?: bigint
    totalExposurePlanck?: bigint
    nominatorCount: number
    active: boolean
}
export interface ValidatorIntentionRow {
    id: string
    era: number
    validator: string
    commissionPerbill: number
    blocked: boolean
    selfStakePlanck?: bigint
    blockNumber: number
}
export interface ExposureRow {
    id: string
    era: number
    nominator: string
    validator: string
    amountPlanck: bigint
}
export interface SessionKeysRow {
    id: string
    era: number
    validator: string
    keys: Record<string, string>
    beefy?: string
    blockNumber: number
}
export interface Nomination {
    nominator: string
    targets: string[]
    submittedIn?: number
}
export interface NominatorTargetsRow extends Nomination {
    id: string
    era: number
    blockNumber: number
}
export interface NominatorBondRow {
    id: string
    era: number
    nominator: string
    bondedPlanck: bigint
}

export interface SnapshotRows {
    chain: ChainLayer
    era: number
    totalPoints: number
    validatorCount: number
    eraValidators: EraValidatorRow[]
    validatorIntentions: ValidatorIntentionRow[]
    exposures: ExposureRow[]
    sessionKeys: SessionKeysRow[]
    /** The era that starts, its first block and the nominations in force then (stored where they changed). */
    nextEra: number
    blockNumber: number
    nominations: Nomination[]
    nominatorBonds: NominatorBondRow[]
}

/** Session keys in force during `era`, one row per validator; the BEEFY key also in its own field (none where the runtime has none). */
export function sessionKeysRows(era: number, blockNumber: number, keys: ValidatorSessionKeys[]): SessionKeysRow[] {
    return keys.map(k => ({id: `${era}-${k.validator}`, era, validator: k.validator, keys: k.keys, beefy: k.keys.beefy, blockNumber}))
}

export function snapshotRows(s: EraSnapshot, chain: ChainLayer): SnapshotRows {
    const exposureBy = new Map(s.exposures.map(x => [x.validator, x]))
    const validators = [...new Set([...exposureBy.keys(), ...s.points.keys()])].sort()
    const validatorIntentions = [...s.intentions]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([validator, prefs]) => ({
            id: `${s.era}-${validator}`,
            era: s.era,
            validator,
            ...prefs,
            selfStakePlanck: s.selfStake.get(validator),
            blockNumber: s.blockNumber,
        }))
    const nextEra = s.era + 1
    const eraValidators = validators.map((validator): EraValidatorRow => {
        const x = exposureBy.get(validator)
        const prefs = s.prefs.get(validator)
        return {
            id: `${s.era}-${validator}`,
            era: s.era,
            validator,
            points: s.points.get(validator) ?? 0,
            commissionPerbill: prefs?.commissionPerbill,
            blocked: prefs?.blocked,
            pageCount: x?.pageCount,
            selfStakePlanck: s.selfStake.get(validator),
            ownExposurePlanck: x?.ownPlanck,
            totalExposurePlanck: x?.totalPlanck,
            nominatorCount: x?.nominatorCount ?? 0,
            active: x !== undefined,
        }
    })
    // A nominator may back a validator on several exposure pages: sum them into one edge.
    const edges = new Map<string, ExposureRow>()
    for (const x of s.exposures) {
        for (const o of x.others) {
            const id = `${s.era}-${o.nominator}-${x.validator}`
            const prev = edges.get(id)
            if (prev) prev.amountPlanck += o.amountPlanck
            else edges.set(id, {id, era: s.era, nominator: o.nominator, validator: x.validator, amountPlanck: o.amountPlanck})
        }
    }
    const sessionKeys = sessionKeysRows(nextEra, s.blockNumber, s.sessionKeys)
    const nominatorBonds = s.nominators.flatMap(n =>
        n.bondedPlanck === undefined
            ? []
            : [{id: `${nextEra}-${n.nominator}`, era: nextEra, nominator: n.nominator, bondedPlanck: n.bondedPlanck}],
    )
    return {
        chain,
        era: s.era,
        totalPoints: s.totalPoints,
        validatorCount: s.exposures.length,
        eraValidators,
        validatorIntentions,
        exposures: [...edges.values()],
        sessionKeys,
        nextEra,
        blockNumber: s.blockNumber,
        nominations: s.nominators.map(({nominator, targets, submittedIn}) => ({nominator, targets, submittedIn})),
        nominatorBonds,
    }
}

/**
 * A nomination's fingerprint (submission era and targets): what the targets row in force is compared
 * with, so the thousands of stored target lists need not be loaded. Postgres computes the same value as
 * `md5(coalesce(submitted_in::text, '') || ':' || array_to_string(targets, ','))`.
 */
export function nominationDigest(n: {targets: readonly string[]; submittedIn?: number}): string {
    return createHash('md5')
        .update(`${n.submittedIn ?? ''}:${n.targets.join(',')}`)
        .digest('hex')
}

const STOPPED = nominationDigest({targets: []})

/**
 * The targets rows an era's start adds: nominations whose digest differs from the row in force (by
 * nominator), and an empty row for each nominator whose row in force has targets but who no longer nominates.
 */
export function nominatorTargetChanges(
    inForce: ReadonlyMap<string, string>,
    now: readonly Nomination[],
    era: number,
    blockNumber: number,
): NominatorTargetsRow[] {
    const row = (n: Nomination): NominatorTargetsRow => ({id: `${era}-${n.nominator}`, era, blockNumber, ...n})
    const changed = now.filter(n => inForce.get(n.nominator) !== nominationDigest(n)).map(row)
    const nominating = new Set(now.map(n => n.nominator))
    const stopped = [...inForce]
        .filter(([nominator, digest]) => digest !== STOPPED && !nominating.has(nominator))
        .map(([nominator]) => row({nominator, targets: [], submittedIn: undefined}))
    return [...changed, ...stopped]
}
