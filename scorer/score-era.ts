/**
 * Part 2 of the scorer's pass for one era, after validity: rank events and fault events (both backfilled on the
 * first run, then extended by the era), and the valid candidates' scores, computed from the squid's, the telemetry's
 * and validity's tables and written in one transaction that replaces the era's rows.
 */
import type {EntityManager} from 'typeorm'
import type {Config} from '../config/load'
import {requireCompleteEra} from './complete-eras'
import {countStoredFaults, faultErasOfPass, readFaultEvents, replaceFaultEvents} from './faults/fault-store'
import {readProgrammeCandidates, type ProgrammeCandidate} from './programme-candidates'
import {programmeNominatorKeys} from './programme-nominators'
import {updateGoodPeriodRanks} from './rank/good-period-store'
import {activeEraRanksAt, readIdentityGroups, updateActiveEraRanks} from './rank/rank-store'
import {scoreEra as computeEraScores, type EraScores} from './score/score'
import {readCandidateFacts, readEraFacts, replaceEraScores} from './score/score-store'

export interface ScoreEraOptions {
    /** The candidates with validity's verdicts; default: read from the candidate table (scorer part 1). */
    candidates?: readonly ProgrammeCandidate[]
    /** The programme's nominating accounts (hex); default: from config `nominator.accounts`. */
    programmeNominators?: readonly string[]
}

export interface EraPassResult {
    era: number
    scores: EraScores
    /** The first era whose rank events were (re)written: earlier than `era` when the pass backfilled. */
    rankFromEra: number
    rankEvents: number
    /** The first era whose fault facts were read: earlier than `era` on the first run (the whole fault window). */
    faultFromEra: number
    faultEvents: number
    /** Wall time of each step, for the service's log and the benchmark. */
    stepsMs: {ranks: number; faults: number; inputs: number; scores: number}
}

export type ScoringConfig = Pick<Config, 'score' | 'validity' | 'token' | 'nominator'>

/** Computes and stores ranks, faults and scores of a complete era, replacing what the era had. */
export async function scoreEra(
    em: EntityManager,
    era: number,
    config: ScoringConfig,
    options: ScoreEraOptions = {},
): Promise<EraPassResult> {
    const pass = (tx: EntityManager) => scoreEraIn(tx, era, config, options)
    return em.queryRunner?.isTransactionActive ? pass(em) : em.transaction(pass)
}

async function scoreEraIn(em: EntityManager, era: number, config: ScoringConfig, options: ScoreEraOptions): Promise<EraPassResult> {
    const score = config.score
    await requireCompleteEra(em, era)
    const candidates = options.candidates ?? (await readProgrammeCandidates(em))
    const programmeNominators =
        options.programmeNominators ??
        programmeNominatorKeys(config.nominator.accounts, await em.query('SELECT account, id AS stash FROM nominator_status'))
    const valid = candidates.filter(c => c.valid)
    const groups = await readIdentityGroups(em)
    const steps = stepClock()

    const stashes = valid.map(c => c.stash)
    const rank =
        score.rankRule === 'goodPeriods'
            ? await updateGoodPeriodRanks(em, era)
            : {...(await updateActiveEraRanks(em, era, groups)), ranks: await activeEraRanksAt(em, era, stashes, groups)}
    const ranks = rank.ranks

    const ranksMs = steps()
    const faultRules = {
        stashes: candidates.map(c => c.stash),
        programmeNominators,
        missedPayoutAfterEras: config.validity.unclaimedRewards.maxEras,
    }
    const faultEras = await faultErasOfPass(em, era, score.faultWindowEras)
    const events = await readFaultEvents(em, faultEras, faultRules)
    await replaceFaultEvents(em, faultEras, faultRules, events, groups)
    const faults = await countStoredFaults(
        em,
        valid.map(c => c.stash),
        era,
        score.faultWindowEras,
    )

    const faultsMs = steps()
    const eraFacts = await readEraFacts(em, era)
    const facts = await readCandidateFacts(em, eraFacts, valid, {
        pointsWindowEras: Math.max(score.inclusionEras, score.spanInclusionEras),
        offlineWindowMs: config.validity.accumulatedOffline.windowMs,
    })
    const inputsMs = steps()
    const scores = computeEraScores({
        era,
        weights: score.weights,
        inclusionEras: score.inclusionEras,
        spanInclusionEras: score.spanInclusionEras,
        randomnessMaxPerbill: score.randomnessMaxPerbill,
        randomnessSalt: eraFacts.randomnessSalt,
        tokenDecimals: config.token.decimals,
        bannedProviders: config.validity.provider.blacklisted,
        programmeNominators,
        candidates: valid.map(c => ({
            stash: c.stash,
            ...(facts.get(c.stash) as NonNullable<ReturnType<typeof facts.get>>),
            rank: ranks.get(c.stash) ?? 0,
            faults: faults.get(c.stash) ?? 0,
        })),
    })
    await replaceEraScores(em, scores, {faultWindowEras: score.faultWindowEras, rankRule: score.rankRule})
    return {
        era,
        scores,
        rankFromEra: rank.fromEra,
        rankEvents: rank.events,
        faultFromEra: faultEras.fromEra,
        faultEvents: events.length,
        stepsMs: {ranks: ranksMs, faults: faultsMs, inputs: inputsMs, scores: steps()},
    }
}

/** Milliseconds since the previous call (the first: since it was made). */
function stepClock(): () => number {
    let last = performance.now()
    return () => {
        const now = performance.now()
        const ms = Math.round(now - last)
        last = now
        return ms
    }
}
