/**
 * The old API's CandidateData shape (`/candidates`, `/candidate/:stash`) from plain data: the candidate, its
 * checks, score, identity, node, location, chain state and nominations. Pure, so the strict clients' rules
 * (present, non-null, number kind, unit, as the survey of its real clients found them) are tested without a database.
 */
import type {CheckStatus} from '../scorer/validity/check-result'
import {ONEKV_TYPES} from '../scorer/validity/checks'
import type {ValidityCheckName} from '../config/schema'
import {COMPONENT_NAMES, type ComponentName} from '../scorer/score/components'
import type {CandidateScore} from '../scorer/score/score'
import {perbillToPercent, planckToTokens} from './display-units'

export interface CandidateDataInput {
    candidate: {
        slotId: number | null
        name: string
        /** SS58 */
        stash: string
        kusamaStash: string | null
        kyc: boolean
        riotHandles: string[]
    }
    tokenDecimals: number
    verdict: CheckStatus | null
    /** When the scorer last checked the candidate (ms); the validity items' `updated`. */
    checkedAtMs: number | null
    checks: {check: ValidityCheckName; status: CheckStatus; sentence: string; sinceMs: number}[]
    identity: {
        /** SS58 of the account holding the identity (the parent's for a sub-identity). */
        address: string
        display: string | null
        verified: boolean
        legal: string | null
        email: string | null
        web: string | null
        twitter: string | null
        matrix: string | null
        judgements: string[]
        subIdentities: {address: string; name: string}[]
    } | null
    node: {
        discoveredAtMs: number
        offlineSinceMs: number
        offlineAccumulatedMs: number
        version: string | null
        implementation: string | null
    } | null
    location: {city: string | null; region: string | null; country: string | null; provider: string | null} | null
    chain: {commissionPerbill: number | null; bondedPlanck: bigint | null; active: boolean; rewardDestination: string | null}
    programme: {
        rank: number
        faults: number
        inclusion: number
        spanInclusion: number
        nominatedAtEra: number | null
        unclaimedEras: number[]
    }
    score: {score: CandidateScore; updatedMs: number; session: number} | null
    nominations: {totalStakePlanck: bigint; inactiveStakePlanck: bigint; activeNominators: number; inactiveNominators: number}
}

/** The old score document: every field a number (subvt reads them as non-null f64). */
export type OldScore = {
    updated: number
    session: number
    address: string
    total: number
    aggregate: number
    randomness: number
    unclaimed: number
} & Record<ComponentName, number>

export interface ValidityItem {
    /** Stable per candidate and check: clients upsert validity items by it. */
    _id: string
    valid: boolean
    /** The old type name (ONLINE, COMMISION, …), or ours for the new checks. */
    type: string
    /** "" when valid, else the check's sentence. */
    details: string
    /** ms since 1970 */
    updated: number
}

export interface CandidateData {
    slotId: number | null
    kyc: boolean
    name: string
    stash: string
    /** "" when none (subvt requires the field on Kusama). */
    kusamaStash: string
    matrix: string[]
    /** ms since 1970; 0 when never seen on telemetry. */
    discoveredAt: number
    /** An era index (the old API's meaning since 2024); 0 when never. */
    nominatedAt: number
    /** ms since 1970; 0 when online. */
    offlineSince: number
    offlineAccumulated: number
    rank: number
    faults: number
    /** "" when valid, else the invalid checks' sentences. */
    invalidityReasons: string
    unclaimedEras: number[]
    /** Share 0..1 of the last inclusionEras with era points. */
    inclusion: number
    spanInclusion: number
    /** Percent (perbill / 10^7); null when unknown. */
    commission: number | null
    identity: {
        _id: string
        name: string
        address: string
        verified: boolean
        subIdentities: {_id: string; name: string; address: string}[]
        display: string
        email: string
        judgements: string[]
        legal: string
        riot: string
        twitter: string
        web: string
    }
    active: boolean
    /** Tokens. */
    bonded: number
    valid: boolean
    /** The scorer's verdict (new): `valid` is false for both invalid and unknown; null before the first pass. */
    verdict: CheckStatus | null
    validity: ValidityItem[]
    score: OldScore
    total: number
    location: string | null
    region: string | null
    country: string | null
    provider: string | null
    version: string | null
    implementation: string | null
    rewardDestination: string | null
    nominations: {totalStake: number; inactiveStake: number; activeNominators: number; inactiveNominators: number}
}

const NANO = 1e9

/** The old ValidatorScore document of `address` (zeros, randomness 1, before its first score). */
export function oldScore(address: string, s: CandidateDataInput['score']): OldScore {
    const components = Object.fromEntries(
        COMPONENT_NAMES.map(n => [n, s ? Number(s.score.components[n].weightedNanopoints) / NANO : 0]),
    ) as Record<ComponentName, number>
    return {
        updated: s?.updatedMs ?? 0,
        session: s?.session ?? 0,
        address,
        ...components,
        // No unclaimed-rewards component any more: the old field stays, at 0.
        unclaimed: 0,
        aggregate: s ? Number(s.score.aggregateNanopoints) / NANO : 0,
        randomness: s ? 1 + s.score.randomPerbill / NANO : 1,
        total: s ? Number(s.score.totalNanopoints) / NANO : 0,
    }
}

export function candidateData(input: CandidateDataInput): CandidateData {
    const {candidate: c, identity: id, node, location, chain, programme} = input
    const checkedAt = input.checkedAtMs
    const validity = input.checks.map(k => ({
        _id: `${c.stash}:${k.check}`,
        valid: k.status === 'valid',
        type: ONEKV_TYPES[k.check],
        details: k.status === 'valid' ? '' : k.sentence,
        updated: checkedAt ?? k.sinceMs,
    }))
    const score = oldScore(c.stash, input.score)
    const tokens = (p: bigint) => planckToTokens(p, input.tokenDecimals)
    return {
        slotId: c.slotId,
        kyc: c.kyc,
        name: c.name,
        stash: c.stash,
        kusamaStash: c.kusamaStash ?? '',
        matrix: c.riotHandles,
        discoveredAt: node?.discoveredAtMs ?? 0,
        nominatedAt: programme.nominatedAtEra ?? 0,
        offlineSince: node?.offlineSinceMs ?? 0,
        offlineAccumulated: node?.offlineAccumulatedMs ?? 0,
        rank: programme.rank,
        faults: programme.faults,
        invalidityReasons: validity
            .filter(v => !v.valid)
            .map(v => v.details)
            .join('; '),
        unclaimedEras: programme.unclaimedEras,
        inclusion: programme.inclusion,
        spanInclusion: programme.spanInclusion,
        commission: chain.commissionPerbill === null ? null : perbillToPercent(chain.commissionPerbill),
        identity: {
            // Without an on-chain identity the object is still there (clients read identity.name unguarded), named "".
            _id: id?.address ?? c.stash,
            name: id?.display ?? '',
            address: id?.address ?? c.stash,
            verified: id?.verified ?? false,
            subIdentities: (id?.subIdentities ?? []).map(s => ({_id: s.address, name: s.name, address: s.address})),
            display: id?.display ?? '',
            email: id?.email ?? '',
            judgements: id?.judgements ?? [],
            legal: id?.legal ?? '',
            riot: id?.matrix ?? '',
            twitter: id?.twitter ?? '',
            web: id?.web ?? '',
        },
        active: chain.active,
        bonded: chain.bondedPlanck === null ? 0 : tokens(chain.bondedPlanck),
        valid: input.verdict === 'valid',
        verdict: input.verdict,
        validity,
        score,
        total: score.total,
        location: location?.city ?? null,
        region: location?.region ?? null,
        country: location?.country ?? null,
        provider: location?.provider ?? null,
        version: node?.version ?? null,
        implementation: node?.implementation ?? null,
        rewardDestination: chain.rewardDestination,
        nominations: {
            totalStake: tokens(input.nominations.totalStakePlanck),
            inactiveStake: tokens(input.nominations.inactiveStakePlanck),
            activeNominators: input.nominations.activeNominators,
            inactiveNominators: input.nominations.inactiveNominators,
        },
    }
}
