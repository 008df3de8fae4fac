/**
 * A round's input snapshot: everything its selection was computed from (candidates with their scores, the
 * accounts, the chain state read at the round's start, the config's policy), in a canonical form that a third
 * party can hash and re-run with this repo.
 */
import {z} from 'zod'
import {compareBigint} from '../selection/target-count'
import {compareText, type HeldTargets, type SelectionInput} from '../selection/select'
import {canonicalHash, canonicalJson} from './canonical'

export interface ChainState {
    /** The block whose state was read. */
    blockNumber: number
    blockHash: string
    currentEra: number
    activeEra: number
    /** `Staking.MaxNominations`. */
    maxNominations: number
    /** Exposure totals of the active era's elected set. */
    electedExposuresPlanck: bigint[]
}

export interface RoundInput extends Omit<SelectionInput, 'electedExposuresPlanck' | 'maxNominations'> {
    chain: ChainState
}

export function selectionInput(input: RoundInput): SelectionInput {
    return {
        candidates: input.candidates,
        accounts: input.accounts,
        heldTargets: input.heldTargets,
        electedExposuresPlanck: input.chain.electedExposuresPlanck,
        maxNominations: input.chain.maxNominations,
        policy: input.policy,
    }
}

/**
 * The same input with every list in a fixed order (candidates, accounts and held targets by stash, exposures
 * ascending), so the snapshot's bytes do not depend on the order the adapters read things in. Selection sorts
 * for itself, so it gives the same result on either.
 */
export function normalise(input: RoundInput): RoundInput {
    const byStash = <T extends {stash: string}>(xs: T[]) => [...xs].sort((a, b) => compareText(a.stash, b.stash))
    return {
        chain: {...input.chain, electedExposuresPlanck: [...input.chain.electedExposuresPlanck].sort(compareBigint)},
        candidates: byStash(input.candidates),
        accounts: byStash(input.accounts),
        heldTargets: byStash(input.heldTargets).map((h: HeldTargets) => ({stash: h.stash, targets: [...h.targets].sort(compareText)})),
        policy: input.policy,
    }
}

/** The snapshot as stored and published. */
export function serialiseSnapshot(input: RoundInput): string {
    return canonicalJson(normalise(input))
}

/** The round's input hash: carried on chain by the round's remark. */
export function inputHash(input: RoundInput): string {
    return canonicalHash(normalise(input))
}

/** The hash of the config's part alone, so rounds decided under the same policy can be grouped. */
export function policyHash(input: Pick<RoundInput, 'policy'>): string {
    return canonicalHash(input.policy)
}

const planck = z.string().regex(/^\d+$/, 'expected planck as a decimal string').transform(BigInt)
const nullableText = z.string().nullable()
const snapshotSchema = z.strictObject({
    chain: z.strictObject({
        blockNumber: z.int().min(0),
        blockHash: z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'expected a 0x-prefixed 32-byte hex hash'),
        currentEra: z.int().min(0),
        activeEra: z.int().min(0),
        maxNominations: z.int().min(1),
        electedExposuresPlanck: z.array(planck),
    }),
    candidates: z.array(
        z.strictObject({
            stash: z.string().min(1),
            scoreTotal: z.number(),
            identityGroup: nullableText,
            provider: nullableText,
            country: nullableText,
            elected: z.boolean(),
            exposureTotalPlanck: planck,
        }),
    ),
    accounts: z.array(
        z.strictObject({
            name: z.string().min(1),
            stash: z.string().min(1),
            bondedPlanck: planck,
            mode: z.enum(['direct', 'proxy', 'delayedProxy']),
            signer: z.string().min(1),
        }),
    ),
    heldTargets: z.array(z.strictObject({stash: z.string().min(1), targets: z.array(z.string().min(1))})),
    policy: z.strictObject({
        maxTargets: z.int().min(1),
        balanceBuffer: z.strictObject({perbill: z.int().min(0).max(1_000_000_000), minPlanck: planck}),
        caps: z.strictObject({
            perIdentityGroup: z.int().min(1).nullable(),
            perProvider: z.int().min(1).nullable(),
            perCountry: z.int().min(1).nullable(),
        }),
        ampleBackingPlanck: planck.nullable(),
    }),
})

export class SnapshotError extends Error {
    constructor(readonly problems: string[]) {
        super(`round snapshot is not valid:\n  ${problems.join('\n  ')}`)
    }
}

/** Reads a stored snapshot back; every problem names its path. */
export function parseSnapshot(text: string): RoundInput {
    let json: unknown
    try {
        json = JSON.parse(text)
    } catch (e) {
        throw new SnapshotError([`not JSON: ${(e as Error).message}`])
    }
    const parsed = snapshotSchema.safeParse(json)
    if (!parsed.success) throw new SnapshotError(parsed.error.issues.map(i => `${i.path.join('.') || '(root)'}: ${i.message}`))
    return parsed.data
}
