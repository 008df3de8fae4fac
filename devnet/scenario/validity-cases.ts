/**
 * A world with validity cases (`ScenarioSpec.validityCases`): a few programme candidates are made invalid for
 * one reason each, and every other candidate meets the programme's rules (config/devnet.json's `validity`),
 * so a scorer run over the devnet can be told exactly who must be invalid and why. Which candidates get which
 * case is drawn from the seed.
 */
import {SeededRandom} from './seeded-random'

export const VALIDITY_CASES = [
    'commission',
    'blocked',
    'beefy',
    'identity',
    'identityGroup',
    'offline',
    'clientVersion',
    'slashed',
    'provider',
] as const

/**
 * - commission: 10 %, above the programme's 5 %;
 * - blocked: its prefs block nominations;
 * - beefy: its session keys carry the dummy BEEFY key `0x62656566…`;
 * - identity: its identity has a requested judgement (FeePaid) but no verifying one;
 * - identityGroup: two candidates under one identity (an operator and its sub-identity), above the one node allowed;
 * - offline: its telemetry node leaves the feed at `offlineFromBlock` and never comes back;
 * - clientVersion: its node runs a release older than the programme's;
 * - slashed: slashed as the first era ends;
 * - provider: its node's IP is in a blacklisted provider's network (Hetzner).
 */
export type ValidityCase = (typeof VALIDITY_CASES)[number]

/** What the valid candidates hold at least or at most (config/devnet.json's `validity` thresholds). */
export const CASE_VALUES = {
    maxCommissionPerbill: 50_000_000,
    minSelfStakeDot: 10_000n,
    /** Releases at or after the programme's `forcedVersion` (1.15.2). */
    releasedVersions: ['1.15.2-2a34ec7d', '1.16.0-5b2a9f01'],
    oldVersion: '1.14.0-8e1c4d3a',
    caseCommissionPerbill: 100_000_000,
    /** Public /24s whose provider and country the offline IP database knows: OVH (DE), and Hetzner (FI) for the provider case. */
    ipPrefix: '51.89.0.',
    blacklistedIpPrefix: '65.108.1.',
}

/** Candidate position → its case: the identity group's two are adjacent (an operator's first node, then its sub). */
export function assignValidityCases(candidates: number, seed: number): Map<number, ValidityCase> {
    const singles = VALIDITY_CASES.filter(c => c !== 'identityGroup')
    if (candidates < singles.length + 2)
        throw new Error(`validity cases need at least ${singles.length + 2} candidates, the scenario has ${candidates}`)
    const rnd = new SeededRandom(seed, 'validity-cases')
    const pair = rnd.int(candidates - 1)
    const cases = new Map<number, ValidityCase>([
        [pair, 'identityGroup'],
        [pair + 1, 'identityGroup'],
    ])
    const free = [...Array(candidates).keys()].filter(i => !cases.has(i))
    rnd.sample(free, singles.length).forEach((at, i) => cases.set(at, singles[i]))
    return cases
}
