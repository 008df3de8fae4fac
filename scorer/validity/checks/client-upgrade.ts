/**
 * Client version: the node runs the latest release (config `forcedVersion`, else the newest recorded
 * release) once the release's grace window has passed (1KV: 48 h). Kagome is exempt, as in 1KV (its
 * releases are numbered apart from Parity's); other implementations have no release to compare with: unknown.
 */
import {checkResult, cite, missing, stale, telemetryStaleness, type CheckResult, type Evidence} from '../check-result'
import type {CandidateFacts} from '../facts'
import {formatDuration, formatTime} from '../wording'

export interface ClientUpgradeThresholds {
    /** Pinned latest version ("1.15.2"), counted as released long ago. */
    forcedVersion?: string
    graceMs: number
    maxTelemetryLagMs: number
}

/** Telemetry implementation names whose versions follow the polkadot-sdk releases. */
export const PARITY_IMPLEMENTATIONS = ['Parity Polkadot']
const EXEMPT_IMPLEMENTATION = /kagome/i

export function clientUpgrade(facts: CandidateFacts, t: ClientUpgradeThresholds): CheckResult {
    const release =
        t.forcedVersion !== undefined
            ? {version: t.forcedVersion, publishedAtMs: null as number | null, source: 'config forcedVersion'}
            : facts.pass.latestRelease && {...facts.pass.latestRelease.value, source: facts.pass.latestRelease.source}
    const threshold = {latestVersion: release?.version ?? null, publishedAtMs: release?.publishedAtMs ?? null, graceMs: t.graceMs}
    const why = telemetryStaleness(facts.pass, t.maxTelemetryLagMs)
    if (why) return stale('clientUpgrade', 'TelemetryNode.version', why)
    if (!facts.node) return missing('clientUpgrade', 'telemetry node state', 'TelemetryNode', threshold)
    const node = facts.node.value
    const at = {source: facts.node.source, atMs: facts.node.atMs}
    if (!node || node.version === null)
        return checkResult('clientUpgrade', 'unknown', {...at, code: 'no_version', observed: null, threshold}, render)
    const observed = {version: node.version, implementation: node.implementation}
    if (node.implementation !== null && EXEMPT_IMPLEMENTATION.test(node.implementation)) {
        return checkResult('clientUpgrade', 'valid', {...at, code: 'exempt_implementation', observed, threshold}, render)
    }
    if (node.implementation === null || !PARITY_IMPLEMENTATIONS.includes(node.implementation)) {
        return checkResult('clientUpgrade', 'unknown', {...at, code: 'unknown_implementation', observed, threshold}, render)
    }
    if (!release) return missing('clientUpgrade', 'client release', 'Release', threshold)
    if (release.publishedAtMs !== null && facts.pass.nowMs <= release.publishedAtMs + t.graceMs) {
        return checkResult('clientUpgrade', 'valid', {...at, code: 'within_grace', observed, threshold}, render)
    }
    const running = parseVersion(node.version)
    const latest = parseVersion(release.version)
    if (!latest)
        return checkResult(
            'clientUpgrade',
            'unknown',
            {...at, source: release.source, code: 'unreadable_release', observed, threshold},
            render,
        )
    if (!running) return checkResult('clientUpgrade', 'invalid', {...at, code: 'unreadable_version', observed, threshold}, render)
    const upToDate = compareVersions(running, latest) >= 0
    return checkResult(
        'clientUpgrade',
        upToDate ? 'valid' : 'invalid',
        {...at, code: upToDate ? 'up_to_date' : 'outdated', observed, threshold},
        render,
    )
}

/** "1.15.2-2c9d2dc4bd9" or "v1.15.2" → [1, 15, 2]; the build suffix is ignored, as semver.coerce does. */
export function parseVersion(s: string): [number, number, number] | null {
    const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(s.trim())
    return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null
}

function compareVersions(a: number[], b: number[]): number {
    for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i]
    return 0
}

function render(e: Evidence): string {
    const o = e.observed as {version: string; implementation: string | null}
    const t = e.threshold as {latestVersion: string | null; publishedAtMs: number | null; graceMs: number}
    switch (e.code) {
        case 'no_version':
            return 'unknown: no telemetry node of this candidate has reported a version'
        case 'exempt_implementation':
            return `runs ${o.implementation} ${o.version}, exempt from the Parity release check ${cite(e)}`
        case 'unknown_implementation':
            return `unknown: runs "${o.implementation ?? 'an unnamed implementation'}" ${o.version}; no release of it is known to compare with ${cite(e)}`
        case 'within_grace':
            return `runs ${o.version}; release ${t.latestVersion} came out ${formatTime(t.publishedAtMs!)}, still inside the ${formatDuration(t.graceMs)} upgrade window ${cite(e)}`
        case 'unreadable_release':
            return `unknown: the latest release "${t.latestVersion}" is not a version number (${e.source})`
        case 'unreadable_version':
            return `reports version "${o.version}", which is not a version number; the programme needs ${t.latestVersion} or later ${cite(e)}`
        case 'up_to_date':
            return `runs ${o.version}, at least the latest release ${t.latestVersion} ${cite(e)}`
        default:
            return `runs ${o.version}, older than the latest release ${t.latestVersion}${t.publishedAtMs == null ? '' : ` (out since ${formatTime(t.publishedAtMs)}, upgrade window ${formatDuration(t.graceMs)})`} ${cite(e)}`
    }
}
