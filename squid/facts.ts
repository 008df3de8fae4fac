/**
 * Chain facts as plain records: what the decoders read from events and storage, and what the pure
 * mappings turn into entity rows. Accounts are 0x hex public keys, balances planck `bigint`.
 */

export {ChainLayer} from './chain-layer'

/** Where an event sits: enough to key a row and order it. */
export interface EventContext {
    /** The processor's event id (`<height>-<hash5>-<index>`), used as the row id. */
    id: string
    blockNumber: number
    /** Extrinsic the event belongs to; undefined for initialization/finalization events. */
    extrinsicIndex?: number
    timestamp?: Date
}

export type StakingFact =
    | {kind: 'EraPaid'; era: number; validatorPayoutPlanck: bigint; remainderPlanck: bigint}
    | {kind: 'PayoutStarted'; era: number; validator: string; page?: number}
    | {kind: 'Rewarded'; stash: string; destination?: string; destinationAccount?: string; amountPlanck: bigint}
    | {kind: 'Slashed'; staker: string; amountPlanck: bigint}
    | {kind: 'Chilled'; stash: string}
    | {kind: 'Kicked'; nominator: string; validator: string}
    | {kind: 'Bond' | 'Unbond' | 'Withdraw'; stash: string; amountPlanck: bigint}
    | {kind: 'ValidatorPrefsSet'; validator: string; commissionPerbill: number; blocked: boolean}
    | {kind: 'NewSession'; session: number; activeEra?: number}
    | {kind: 'SomeOffline'; offline: {validator: string; exposureTotalPlanck: bigint}[]}
    | {kind: 'Offence'; offenceKind: string; timeSlot: string}
    | {kind: 'OffenceReported'; era: number; validator: string; slashFractionPerbill: number}
    /** The relay queued the validator set Asset Hub elected for `era` (StakingAhClient; its `id` is the era index). */
    | {kind: 'ValidatorSetReceived'; era: number; validatorCount: number}

/** An identity event: which accounts' IdentityOf/SuperOf must be read again. */
export interface IdentityFact {
    kind: 'Identity'
    event: string
    /** The account the event is about (the identity owner, or the sub for sub events). */
    account: string
    /** Other accounts whose links may have changed (the parent of a sub, …). */
    alsoTouches: string[]
}

export type Fact = StakingFact | IdentityFact

export interface ContextualFact<F = Fact> {
    ctx: EventContext
    fact: F
}

/** A runtime whose event or storage shape no typegen'd version matches: indexing must stop. */
export class UnknownRuntimeShapeError extends Error {
    override name = 'UnknownRuntimeShapeError'
    constructor(
        readonly item: string,
        readonly blockNumber: number,
        readonly runtime: string,
    ) {
        super(
            `${item} at block ${blockNumber}: runtime ${runtime} has a shape no generated type matches; add its metadata to squid/metadata and run \`npm run codegen\``,
        )
    }
}
