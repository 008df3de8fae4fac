/**
 * Faults as events: each one made from exactly one source fact (an offline report, an offence, a slash, a
 * chill, a kick of the programme's nominator, a payout missed past the threshold), with its evidence,
 * deduplicated by that source, and counted over a window of eras for the faults score component.
 */
import {ChainLayer} from '../../squid/chain-layer'
import type {ChillFact, EraRewardFact, EraSpan, KickFact, OffenceFact, OfflineReportFact, SlashFact} from './fault-facts'

export type FaultSource = 'offlineReport' | 'offence' | 'slash' | 'chill' | 'kick' | 'missedPayout'

export type FaultEvidence =
    | {source: 'offlineReport'; session: number; exposureTotalPlanck: string | null}
    | {
          source: 'offence'
          chain: ChainLayer
          event: 'Offences.Offence' | 'Staking.OffenceReported'
          kind: string | null
          kindText: string | null
          timeSlot: string | null
          /** relay: the Offences.Reports key that names the offender */
          reportId: string | null
          slashFractionPerbill: number | null
      }
    | {source: 'slash'; chain: ChainLayer; amountPlanck: string}
    | {source: 'chill'; chain: ChainLayer}
    | {source: 'kick'; chain: ChainLayer; nominator: string}
    | {source: 'missedPayout'; points: number; firstPaidInEra: number | null; afterEras: number; judgedInEra: number}

export interface FaultEvent {
    /** `<source>:<source id>`: the key events are deduplicated by (never the reason text). */
    id: string
    source: FaultSource
    /** The squid row's id (an event id), or `<era>-<validator>` for a missed payout. */
    sourceId: string
    stash: string
    /** null when neither the fact nor its time places it in an era: such an event is listed, never counted. */
    era: number | null
    session: number | null
    blockNumber: number | null
    timestampMs: number | null
    /** One sentence rendered from the evidence. */
    reason: string
    evidence: FaultEvidence
}

export interface FaultFacts {
    offlineReports: readonly OfflineReportFact[]
    offences: readonly OffenceFact[]
    slashes: readonly SlashFact[]
    chills: readonly ChillFact[]
    kicks: readonly KickFact[]
    eraRewards: readonly EraRewardFact[]
}

export interface FaultOptions {
    /** Only facts about these stashes (the programme's candidates) become events. */
    candidateStashes: ReadonlySet<string>
    /** A kick is a fault only when it removes one of these (the programme's nominator accounts). */
    programmeNominators: ReadonlySet<string>
    /** The era judged in: a payout still missing, or made, more than `missedPayoutAfterEras` after its era is a fault. */
    currentEra: number
    missedPayoutAfterEras: number
    /** To place facts without an era by their time. */
    eras: readonly EraSpan[]
}

/** Two facts with one source id that say different things: the source tables are inconsistent. */
export class FaultFactError extends Error {
    constructor(readonly id: string) {
        super(`fault facts: ${id} appears twice with different contents`)
    }
}

/** Every fault event of the facts, one per source fact, ordered by era, block and id. */
export function faultEvents(facts: FaultFacts, options: FaultOptions): FaultEvent[] {
    const {candidateStashes, programmeNominators} = options
    const eraOf = (era: number | null, timestampMs: number | null) => era ?? eraAt(timestampMs, options.eras)
    const events: FaultEvent[] = []
    const add = (e: Omit<FaultEvent, 'id'>) => {
        if (candidateStashes.has(e.stash)) events.push({id: `${e.source}:${e.sourceId}`, ...e})
    }

    for (const f of facts.offlineReports) {
        add({
            source: 'offlineReport',
            sourceId: f.id,
            stash: f.validator,
            era: eraOf(f.era, f.timestampMs),
            session: f.session,
            blockNumber: f.blockNumber,
            timestampMs: f.timestampMs,
            reason: `reported offline in session ${f.session} (ImOnline.SomeOffline)`,
            evidence: {
                source: 'offlineReport',
                session: f.session,
                exposureTotalPlanck: f.exposureTotalPlanck === null ? null : f.exposureTotalPlanck.toString(),
            },
        })
    }
    const stakingChain = new Map(options.eras.map(e => [e.era, e.chain]))
    for (const f of facts.offences) {
        if (f.validator === null) continue
        const era = eraOf(f.era, f.timestampMs)
        // Where Asset Hub runs staking the relay forwards each offence to it: its Staking.OffenceReported is the one
        // source per offender, and the relay's report of the same offence is not a second fault.
        if (f.chain === ChainLayer.relay && era !== null && stakingChain.get(era) === ChainLayer.assetHub) continue
        const event = f.chain === ChainLayer.relay ? 'Offences.Offence' : 'Staking.OffenceReported'
        const kindText = asciiOf(f.kind)
        const fraction = f.slashFractionPerbill === null ? '' : `, slash fraction ${f.slashFractionPerbill} perbill`
        const report = f.reportId === null ? '' : `, report ${f.reportId}`
        add({
            source: 'offence',
            sourceId: f.id,
            stash: f.validator,
            era,
            session: null,
            blockNumber: f.blockNumber,
            timestampMs: f.timestampMs,
            reason: `offence ${kindText ?? f.kind ?? 'of unnamed kind'} reported (${event}${report}${fraction})`,
            evidence: {
                source: 'offence',
                chain: f.chain,
                event,
                kind: f.kind,
                kindText,
                timeSlot: f.timeSlot,
                reportId: f.reportId,
                slashFractionPerbill: f.slashFractionPerbill,
            },
        })
    }
    for (const f of facts.slashes) {
        add({
            source: 'slash',
            sourceId: f.id,
            stash: f.staker,
            era: eraOf(f.era, f.timestampMs),
            session: null,
            blockNumber: f.blockNumber,
            timestampMs: f.timestampMs,
            reason: `slashed ${f.amountPlanck} planck`,
            evidence: {source: 'slash', chain: f.chain, amountPlanck: f.amountPlanck.toString()},
        })
    }
    for (const f of facts.chills) {
        add({
            source: 'chill',
            sourceId: f.id,
            stash: f.stash,
            era: eraOf(f.era, f.timestampMs),
            session: null,
            blockNumber: f.blockNumber,
            timestampMs: f.timestampMs,
            reason: 'chilled (Staking.Chilled)',
            evidence: {source: 'chill', chain: f.chain},
        })
    }
    for (const f of facts.kicks) {
        if (!programmeNominators.has(f.nominator)) continue
        add({
            source: 'kick',
            sourceId: f.id,
            stash: f.validator,
            era: eraOf(f.era, f.timestampMs),
            session: null,
            blockNumber: f.blockNumber,
            timestampMs: f.timestampMs,
            reason: `kicked the programme's nominator ${f.nominator} (Staking.Kicked)`,
            evidence: {source: 'kick', chain: f.chain, nominator: f.nominator},
        })
    }
    for (const f of facts.eraRewards) {
        if (f.points <= 0) continue
        const deadline = f.era + options.missedPayoutAfterEras
        const late = f.firstPaidInEra !== null && f.firstPaidInEra > deadline
        const missing = f.firstPaidInEra === null && options.currentEra > deadline
        if (!late && !missing) continue
        add({
            source: 'missedPayout',
            sourceId: `${f.era}-${f.validator}`,
            stash: f.validator,
            era: f.era,
            session: null,
            blockNumber: null,
            timestampMs: null,
            reason: late
                ? `rewards of era ${f.era} paid in era ${f.firstPaidInEra}, more than ${options.missedPayoutAfterEras} eras late`
                : `rewards of era ${f.era} still unpaid in era ${options.currentEra}, more than ${options.missedPayoutAfterEras} eras after`,
            evidence: {
                source: 'missedPayout',
                points: f.points,
                firstPaidInEra: f.firstPaidInEra,
                afterEras: options.missedPayoutAfterEras,
                judgedInEra: options.currentEra,
            },
        })
    }
    return deduplicated(events).sort(byEraBlockId)
}

function deduplicated(events: FaultEvent[]): FaultEvent[] {
    const byId = new Map<string, FaultEvent>()
    for (const e of events) {
        const first = byId.get(e.id)
        if (!first) byId.set(e.id, e)
        else if (JSON.stringify(first) !== JSON.stringify(e)) throw new FaultFactError(e.id)
    }
    return [...byId.values()]
}

function byEraBlockId(a: FaultEvent, b: FaultEvent): number {
    const era = (a.era ?? -1) - (b.era ?? -1)
    if (era !== 0) return era
    const block = (a.blockNumber ?? -1) - (b.blockNumber ?? -1)
    if (block !== 0) return block
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/** The era whose span holds the time: start inclusive, end exclusive. */
export function eraAt(timestampMs: number | null, eras: readonly EraSpan[]): number | null {
    if (timestampMs === null) return null
    for (const e of eras) if (timestampMs >= e.startMs && (e.endMs === null || timestampMs < e.endMs)) return e.era
    return null
}

/** Fault events per stash with an era in (era − windowEras, era]: the faults component's raw value. */
export function countFaults(events: readonly FaultEvent[], era: number, windowEras: number): Map<string, number> {
    const counts = new Map<string, number>()
    for (const e of events) {
        if (e.era !== null && e.era > era - windowEras && e.era <= era) counts.set(e.stash, (counts.get(e.stash) ?? 0) + 1)
    }
    return counts
}

/** An offence kind like 0x696d2d6f6e6c696e653a6f66666c696e as text ("im-online:offlin") when it is printable ASCII. */
function asciiOf(hex: string | null): string | null {
    if (hex === null || !/^0x([0-9a-fA-F]{2})+$/.test(hex)) return null
    const text = Buffer.from(hex.slice(2), 'hex').toString('latin1').replace(/\0+$/, '')
    return /^[\x20-\x7e]+$/.test(text) ? text : null
}
