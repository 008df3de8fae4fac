/**
 * The chain facts fault events are made from, one type per squid table (OfflineReport, Offence, Slash,
 * Chill, Kick; EraValidator with Payout for missed payouts), so the adapter is a plain SELECT.
 */

import type {ChainLayer} from '../../squid/chain-layer'

export type {ChainLayer}

/** OfflineReport: `ImOnline.SomeOffline` (legacy layout, until 2024). */
export interface OfflineReportFact {
    /** `<event id>-<position>` */
    id: string
    session: number
    era: number | null
    /** validator account hex */
    validator: string
    exposureTotalPlanck: bigint | null
    blockNumber: number
    timestampMs: number | null
}

/** Offence: `Offences.Offence` (relay) or `Staking.OffenceReported` (Asset Hub). */
export interface OffenceFact {
    /** event id */
    id: string
    chain: ChainLayer
    /** offence kind, hex (relay) */
    kind: string | null
    /** opaque time slot, hex (relay) */
    timeSlot: string | null
    era: number | null
    /** null when the event names no offender and none could be read from its reports: not attributable */
    validator: string | null
    /** relay: the Offences.Reports key that names the validator */
    reportId: string | null
    slashFractionPerbill: number | null
    blockNumber: number
    timestampMs: number | null
}

/** Slash: a `Slashed` event. */
export interface SlashFact {
    id: string
    /** staker account hex */
    staker: string
    amountPlanck: bigint
    era: number | null
    chain: ChainLayer
    blockNumber: number
    timestampMs: number | null
}

/** Chill: a `Chilled` event. */
export interface ChillFact {
    id: string
    stash: string
    era: number | null
    chain: ChainLayer
    blockNumber: number
    timestampMs: number | null
}

/** Kick: a `Kicked` event, the validator removing a nominator. */
export interface KickFact {
    id: string
    nominator: string
    validator: string
    era: number | null
    chain: ChainLayer
    blockNumber: number
    timestampMs: number | null
}

/** An era in which a validator earned points (EraValidator.points > 0), with its payout if any (Payout). */
export interface EraRewardFact {
    era: number
    validator: string
    points: number
    /** The era in which the era's first payout came (from the Payout row's time); null while unpaid. */
    firstPaidInEra: number | null
}

/** Era boundaries (Era.startTime/endTime), to place facts that carry a time but no era. */
export interface EraSpan {
    era: number
    /** The chain whose staking pallet ran the era (Era.chain): the relay's (legacy layout) or Asset Hub's (current). */
    chain: ChainLayer
    startMs: number
    /** null while the era lasts */
    endMs: number | null
}
