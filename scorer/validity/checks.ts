/**
 * Which validity checks a programme runs, and with which thresholds: config selects and parameterises
 * them (so another programme can reuse them with its own rules); each comes with its hysteresis and the
 * 1KV invalidity type name the REST gateway reports it under.
 */
import type {ConfigFile, ValidityCheckName} from '../../config/schema'
import type {CheckResult} from './check-result'
import type {CandidateFacts} from './facts'
import {accumulatedOffline} from './checks/accumulated-offline'
import {beefy} from './checks/beefy'
import {blocked} from './checks/blocked'
import {clientUpgrade} from './checks/client-upgrade'
import {commission} from './checks/commission'
import {connectionTime} from './checks/connection-time'
import {identity} from './checks/identity'
import {kusamaRank} from './checks/kusama-rank'
import {maxNodesPerIdentity} from './checks/max-nodes-per-identity'
import {noSlash} from './checks/no-slash'
import {online} from './checks/online'
import {provider} from './checks/provider'
import {sanctionedGeoArea} from './checks/sanctioned-geo-area'
import {selfStake} from './checks/self-stake'
import {unclaimedRewards} from './checks/unclaimed-rewards'
import {validateIntention} from './checks/validate-intention'

/** The 1KV `InvalidityReason.type` of each check (its spelling, COMMISION included); ours get new names. */
export const ONEKV_TYPES: Record<ValidityCheckName, string> = {
    online: 'ONLINE',
    validateIntention: 'VALIDATE_INTENTION',
    clientUpgrade: 'CLIENT_UPGRADE',
    connectionTime: 'CONNECTION_TIME',
    identity: 'IDENTITY',
    accumulatedOffline: 'ACCUMULATED_OFFLINE_TIME',
    commission: 'COMMISION',
    selfStake: 'SELF_STAKE',
    unclaimedRewards: 'UNCLAIMED_REWARDS',
    blocked: 'BLOCKED',
    kusamaRank: 'KUSAMA_RANK',
    provider: 'PROVIDER',
    beefy: 'BEEFY',
    sanctionedGeoArea: 'SANCTIONED_GEO_AREA',
    maxNodesPerIdentity: 'MAX_NODES_PER_IDENTITY',
    noSlash: 'NO_SLASH',
}

export interface Hysteresis {
    passes: number
    minMs: number
}

export interface EnabledCheck {
    name: ValidityCheckName
    hysteresis: Hysteresis
    run(facts: CandidateFacts): CheckResult
}

export type ValidityConfig = Pick<ConfigFile, 'validity' | 'token'>

/** The checks the config enables, in a fixed order, each bound to its thresholds. */
export function enabledChecks({validity: v, token}: ValidityConfig): EnabledCheck[] {
    const chain = {maxSquidLagBlocks: v.maxSquidLagBlocks}
    const feed = {maxTelemetryLagMs: v.maxTelemetryLagMs}
    const checks: [ValidityCheckName, boolean, (f: CandidateFacts) => CheckResult][] = [
        ['online', true, f => online(f, {maxOfflineMs: v.online.maxOfflineMs, ...feed})],
        ['connectionTime', !v.connectionTime.skip, f => connectionTime(f, {minMs: v.connectionTime.minMs, ...feed})],
        ['accumulatedOffline', true, f => accumulatedOffline(f, {...v.accumulatedOffline, ...feed})],
        [
            'clientUpgrade',
            !v.clientUpgrade.skip,
            f => clientUpgrade(f, {forcedVersion: v.clientUpgrade.forcedVersion, graceMs: v.clientUpgrade.graceMs, ...feed}),
        ],
        ['provider', v.provider.blacklisted.length > 0, f => provider(f, {blacklisted: v.provider.blacklisted, ...feed})],
        [
            'sanctionedGeoArea',
            !v.sanctionedGeoArea.skip && (v.sanctionedGeoArea.countries.length > 0 || v.sanctionedGeoArea.regions.length > 0),
            f => sanctionedGeoArea(f, {countries: v.sanctionedGeoArea.countries, regions: v.sanctionedGeoArea.regions, ...feed}),
        ],
        ['validateIntention', true, f => validateIntention(f, chain)],
        ['commission', true, f => commission(f, {maxPerbill: v.commission.maxPerbill, ...chain})],
        ['blocked', true, f => blocked(f, chain)],
        ['selfStake', true, f => selfStake(f, {minPlanck: v.selfStake.minPlanck, token, ...chain})],
        ['beefy', !v.beefy.skip, f => beefy(f, chain)],
        ['identity', !v.identity.skip, f => identity(f, {requireVerified: v.identity.requireVerified, ...chain})],
        ['unclaimedRewards', !v.unclaimedRewards.skip, f => unclaimedRewards(f, {maxEras: v.unclaimedRewards.maxEras, ...chain})],
        ['maxNodesPerIdentity', true, f => maxNodesPerIdentity(f, {maxNodes: v.maxNodesPerIdentity, ...chain})],
        ['noSlash', !v.noSlash.skip, f => noSlash(f, {eras: v.noSlash.eras, ...chain})],
        [
            'kusamaRank',
            v.kusamaRank !== undefined && !v.kusamaRank.skip,
            f => kusamaRank(f, {minRank: v.kusamaRank!.minRank, maxAgeMs: v.kusamaRank!.maxAgeMs}),
        ],
    ]
    return checks
        .filter(([, enabled]) => enabled)
        .map(([name, , run]) => ({
            name,
            hysteresis: v.hysteresis.checks[name] ?? v.hysteresis.default,
            run,
        }))
}
