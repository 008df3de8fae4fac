/**
 * Maps one batch of staking facts to plain entity rows: eras opened and closed by `EraPaid`, validator
 * sets the relay received (`ValidatorSetReceived`, where its session keys are read), sessions,
 * payouts with their rewards (linked by carrying `PayoutStarted` forward inside its extrinsic), and the
 * event rows (prefs, slashes, chills, kicks, bonds, offline reports, offences) tagged with the era.
 */
import type {ChainLayer, ContextualFact, EventContext, StakingFact} from '../facts'

/** Era and session in force before the batch's first block (read from its parent's storage). */
export interface StakingCursor {
    activeEra?: number
    session?: number
}

interface Stamp {
    blockNumber: number
    timestamp?: Date
}

export interface EraBoundary extends Stamp {
    /** The era that ends here; era + 1 starts. */
    endedEra: number
    validatorPayoutPlanck: bigint
    remainderPlanck: bigint
}

/** The relay queued the validator set elected for `era`: its session keys are read at this block. */
export interface ReceivedValidatorSet extends Stamp {
    era: number
    validatorCount: number
}

export interface SessionRow extends Stamp {
    index: number
    era?: number
}
export interface PayoutRow extends Stamp {
    id: string
    era: number
    validator: string
    page?: number
    extrinsicIndex?: number
}
export interface RewardRow extends Stamp {
    id: string
    payoutId?: string
    era?: number
    validator?: string
    stash: string
    destination?: string
    destinationAccount?: string
    amountPlanck: bigint
}
export interface PrefRow extends Stamp {
    id: string
    validator: string
    commissionPerbill: number
    blocked: boolean
}
export interface SlashRow extends Stamp {
    id: string
    staker: string
    amountPlanck: bigint
    era?: number
}
export interface ChillRow extends Stamp {
    id: string
    stash: string
    era?: number
}
export interface KickRow extends Stamp {
    id: string
    nominator: string
    validator: string
    era?: number
}
export interface BondRow extends Stamp {
    id: string
    stash: string
    kind: 'Bond' | 'Unbond' | 'Withdraw'
    amountPlanck: bigint
    era?: number
}
export interface OfflineRow extends Stamp {
    id: string
    session: number
    era?: number
    validator: string
    exposureTotalPlanck: bigint
}
export interface OffenceRow extends Stamp {
    id: string
    kind?: string
    timeSlot?: string
    era?: number
    validator?: string
    /** relay: the Offences.Reports key naming the validator */
    reportId?: string
    slashFractionPerbill?: number
}

export interface StakingRows {
    chain: ChainLayer
    eraBoundaries: EraBoundary[]
    receivedValidatorSets: ReceivedValidatorSet[]
    sessions: SessionRow[]
    payouts: PayoutRow[]
    rewards: RewardRow[]
    prefs: PrefRow[]
    slashes: SlashRow[]
    chills: ChillRow[]
    kicks: KickRow[]
    bonds: BondRow[]
    offlineReports: OfflineRow[]
    offences: OffenceRow[]
    /** Every account a row references. */
    accounts: Set<string>
    /** The cursor after the batch. */
    cursor: StakingCursor
}

export function mapStakingFacts(facts: ContextualFact<StakingFact>[], chain: ChainLayer, start: StakingCursor): StakingRows {
    const rows: StakingRows = {
        chain,
        eraBoundaries: [],
        receivedValidatorSets: [],
        sessions: [],
        payouts: [],
        rewards: [],
        prefs: [],
        slashes: [],
        chills: [],
        kicks: [],
        bonds: [],
        offlineReports: [],
        offences: [],
        accounts: new Set(),
        cursor: {...start},
    }
    const cursor = rows.cursor
    // The payout a `Rewarded` belongs to: the last `PayoutStarted` of the same extrinsic.
    const openPayouts = new Map<string, PayoutRow>()
    const extrinsicKey = (ctx: EventContext) => `${ctx.blockNumber}/${ctx.extrinsicIndex ?? 'system'}`
    const touch = (...accounts: (string | undefined)[]) => accounts.forEach(a => a && rows.accounts.add(a))
    // Offline reports belong to the session that ends in their block, whichever order the block's events come in.
    const newSessionInBlock = new Map<number, number>()
    for (const {ctx, fact} of facts) if (fact.kind === 'NewSession') newSessionInBlock.set(ctx.blockNumber, fact.session)

    // Rows are plain literals: a spread followed by more properties (`{...stamp, id, …}`) makes V8 build each
    // object property by property, a hundred times slower on the processor's critical path (docs/perf-log.md).
    for (const {ctx, fact} of facts) {
        switch (fact.kind) {
            case 'EraPaid':
                rows.eraBoundaries.push({
                    blockNumber: ctx.blockNumber,
                    timestamp: ctx.timestamp,
                    endedEra: fact.era,
                    validatorPayoutPlanck: fact.validatorPayoutPlanck,
                    remainderPlanck: fact.remainderPlanck,
                })
                cursor.activeEra = fact.era + 1
                break
            case 'ValidatorSetReceived':
                rows.receivedValidatorSets.push({
                    blockNumber: ctx.blockNumber,
                    timestamp: ctx.timestamp,
                    era: fact.era,
                    validatorCount: fact.validatorCount,
                })
                break
            case 'NewSession':
                if (fact.activeEra !== undefined) cursor.activeEra = fact.activeEra
                cursor.session = fact.session
                rows.sessions.push({blockNumber: ctx.blockNumber, timestamp: ctx.timestamp, index: fact.session, era: cursor.activeEra})
                break
            case 'PayoutStarted': {
                const payout: PayoutRow = {
                    blockNumber: ctx.blockNumber,
                    timestamp: ctx.timestamp,
                    id: ctx.id,
                    era: fact.era,
                    validator: fact.validator,
                    page: fact.page,
                    extrinsicIndex: ctx.extrinsicIndex,
                }
                openPayouts.set(extrinsicKey(ctx), payout)
                rows.payouts.push(payout)
                touch(fact.validator)
                break
            }
            case 'Rewarded': {
                const payout = openPayouts.get(extrinsicKey(ctx))
                rows.rewards.push({
                    blockNumber: ctx.blockNumber,
                    timestamp: ctx.timestamp,
                    id: ctx.id,
                    payoutId: payout?.id,
                    era: payout?.era,
                    validator: payout?.validator,
                    stash: fact.stash,
                    destination: fact.destination,
                    destinationAccount: fact.destinationAccount,
                    amountPlanck: fact.amountPlanck,
                })
                touch(fact.stash, payout?.validator)
                break
            }
            case 'ValidatorPrefsSet':
                rows.prefs.push({
                    blockNumber: ctx.blockNumber,
                    timestamp: ctx.timestamp,
                    id: ctx.id,
                    validator: fact.validator,
                    commissionPerbill: fact.commissionPerbill,
                    blocked: fact.blocked,
                })
                touch(fact.validator)
                break
            case 'Slashed':
                rows.slashes.push({
                    blockNumber: ctx.blockNumber,
                    timestamp: ctx.timestamp,
                    id: ctx.id,
                    staker: fact.staker,
                    amountPlanck: fact.amountPlanck,
                    era: cursor.activeEra,
                })
                touch(fact.staker)
                break
            case 'Chilled':
                rows.chills.push({
                    blockNumber: ctx.blockNumber,
                    timestamp: ctx.timestamp,
                    id: ctx.id,
                    stash: fact.stash,
                    era: cursor.activeEra,
                })
                touch(fact.stash)
                break
            case 'Kicked':
                rows.kicks.push({
                    blockNumber: ctx.blockNumber,
                    timestamp: ctx.timestamp,
                    id: ctx.id,
                    nominator: fact.nominator,
                    validator: fact.validator,
                    era: cursor.activeEra,
                })
                touch(fact.nominator, fact.validator)
                break
            case 'Bond':
            case 'Unbond':
            case 'Withdraw':
                rows.bonds.push({
                    blockNumber: ctx.blockNumber,
                    timestamp: ctx.timestamp,
                    id: ctx.id,
                    stash: fact.stash,
                    kind: fact.kind,
                    amountPlanck: fact.amountPlanck,
                    era: cursor.activeEra,
                })
                touch(fact.stash)
                break
            case 'SomeOffline': {
                // Emitted while a session ends, in the block whose `NewSession` starts the next one.
                const next = newSessionInBlock.get(ctx.blockNumber)
                const session = next !== undefined ? next - 1 : cursor.session
                if (session === undefined)
                    throw new Error(`ImOnline.SomeOffline at block ${ctx.blockNumber}: the current session is unknown`)
                fact.offline.forEach((o, i) => {
                    rows.offlineReports.push({
                        blockNumber: ctx.blockNumber,
                        timestamp: ctx.timestamp,
                        id: `${ctx.id}-${i}`,
                        session,
                        era: cursor.activeEra,
                        validator: o.validator,
                        exposureTotalPlanck: o.exposureTotalPlanck,
                    })
                    touch(o.validator)
                })
                break
            }
            case 'Offence':
                rows.offences.push({
                    blockNumber: ctx.blockNumber,
                    timestamp: ctx.timestamp,
                    id: ctx.id,
                    kind: fact.offenceKind,
                    timeSlot: fact.timeSlot,
                    era: cursor.activeEra,
                })
                break
            case 'OffenceReported':
                rows.offences.push({
                    blockNumber: ctx.blockNumber,
                    timestamp: ctx.timestamp,
                    id: ctx.id,
                    era: fact.era,
                    validator: fact.validator,
                    slashFractionPerbill: fact.slashFractionPerbill,
                })
                touch(fact.validator)
                break
        }
    }
    return rows
}

/**
 * A relay offence event (kind and time slot, no offender) as one row per offender of the reports it added: those the
 * kind's time slot lists at its block and did not before it (`earlier`: listed at the parent block or given to an
 * earlier event), in index order. The event alone, without offender, when it added none that could be read.
 */
export function offenderRows(
    event: OffenceRow,
    reports: readonly {reportId: string; offender: string}[],
    earlier: ReadonlySet<string>,
): OffenceRow[] {
    const added = reports.filter(r => !earlier.has(r.reportId))
    if (added.length === 0) return [event]
    return added.map((r, i) => ({...event, id: `${event.id}-${i}`, validator: r.offender, reportId: r.reportId}))
}
