/**
 * What a fork's new branch carries differently from the blocks it replaces, so that a reorg changes an
 * indexer's rows and not only its hashes: another author per block, no payout-bot extrinsics, or one
 * extrinsic more in its first block.
 */

export const FORK_VARIANTS = ['same-content', 'other-author', 'drop-extrinsic', 'add-extrinsic'] as const

/**
 * - `same-content`: the blocks the old branch would have had, with other hashes (extrinsics submitted into the
 *   replaced blocks are dropped, as with every variant).
 * - `other-author`: every block of the new branch is authored by another validator (its era points move).
 * - `drop-extrinsic`: the payout bot sends nothing in the new branch (its payouts come in the blocks after it).
 * - `add-extrinsic`: the new branch's first block carries the given signed extrinsics or, without any, one
 *   payout page more than the bot would pay there (a never- or late-paying validator's, or one past the per-block cap).
 */
export type ForkVariant = (typeof FORK_VARIANTS)[number]

/** How one block departs from what the scenario alone would put in it; journaled with the block. */
export interface BlockContent {
    otherAuthor?: boolean
    dropPayouts?: boolean
    extraPayout?: boolean
}

/** A fork request the devnet cannot carry out (a bad depth, variant or extrinsic); `param` names the culprit. */
export class ForkError extends Error {
    constructor(
        readonly param: string,
        message: string,
    ) {
        super(message)
    }
}

export function isForkVariant(v: unknown): v is ForkVariant {
    return typeof v === 'string' && (FORK_VARIANTS as readonly string[]).includes(v)
}

/**
 * The content of each of the `length` blocks of a new branch. With `withExtrinsics` the added extrinsics are
 * the caller's (they go through the pool), so the first block needs no extra payout.
 */
export function branchContents(variant: ForkVariant, length: number, withExtrinsics: boolean): BlockContent[] {
    const content = (first: boolean): BlockContent => {
        if (variant === 'other-author') return {otherAuthor: true}
        if (variant === 'drop-extrinsic') return {dropPayouts: true}
        if (variant === 'add-extrinsic' && first && !withExtrinsics) return {extraPayout: true}
        return {}
    }
    return Array.from({length}, (_, i) => content(i === 0))
}

/** The journal's form of a block's content (only the flags that are set); undefined for an ordinary block. */
export function contentFlags(content: BlockContent | undefined): BlockContent | undefined {
    if (!content) return undefined
    const out: BlockContent = {}
    if (content.otherAuthor) out.otherAuthor = true
    if (content.dropPayouts) out.dropPayouts = true
    if (content.extraPayout) out.extraPayout = true
    return Object.keys(out).length ? out : undefined
}
