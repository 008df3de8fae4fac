/**
 * The nominator's Prometheus series: the round gate of the last check (which round state it is in), the era of
 * the last recorded round, pending proxy announcements, and the checks run. The era and the announcements are
 * read from the nominator's tables when scraped, so they are right after a restart too.
 */
import {Counter, Gauge, type Registry} from 'prom-client'
import type {CheckReport} from './nominator'
import type {NominatorStore} from './store/nominator-store'

type Gate = CheckReport['decision']['gate']['kind']

/** Every gate a check can end at (round/trigger.ts): a record, so that a new gate does not compile until it is listed here. */
const GATES: Record<Gate, true> = {
    start: true,
    disabled: true,
    scorerPending: true,
    noValidCandidates: true,
    roundAlreadyRecorded: true,
    tooManyPendingAnnouncements: true,
    noAccountDue: true,
}

export interface NominatorMetrics {
    /** After each successful check. */
    checked(report: CheckReport): void
}

export function registerNominatorMetrics(
    registry: Registry,
    store: Pick<NominatorStore, 'lastRoundEra' | 'announcements'>,
): NominatorMetrics {
    const checks = new Counter({
        name: 'nominator_checks_total',
        help: 'Checks run (rounds looked for, announcements handled)',
        registers: [registry],
    })
    const gate = new Gauge({
        name: 'nominator_round_gate',
        help: 'The round gate of the last check, 1 for it and 0 for the others (start, scorerPending, roundAlreadyRecorded, …)',
        labelNames: ['gate'],
        registers: [registry],
    })
    new Gauge({
        name: 'nominator_last_round_era',
        help: 'Era of the last recorded nomination round (-1 before the first)',
        registers: [registry],
        async collect() {
            this.set((await store.lastRoundEra()) ?? -1)
        },
    })
    new Gauge({
        name: 'nominator_pending_announcements',
        help: 'Proxy announcements recorded and not yet executed, removed or cancelled',
        registers: [registry],
        async collect() {
            this.set((await store.announcements(['pending', 'announced'])).length)
        },
    })
    const setGate = (current: Gate | undefined) => {
        for (const g of Object.keys(GATES) as Gate[]) gate.set({gate: g}, g === current ? 1 : 0)
    }
    setGate(undefined)
    return {
        checked(report) {
            checks.inc()
            setGate(report.decision.gate.kind)
        },
    }
}
