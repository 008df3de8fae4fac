/**
 * A service's health: each dependency (database, chain RPC, telemetry feed, …) is probed by a check,
 * and the service is healthy when every check passes. The report is plain data, served at `/health`.
 */

/** Probes one dependency: resolves when it answers, rejects (with the reason) when it does not. */
export type HealthCheck = () => Promise<void>

export interface DependencyHealth {
    ok: boolean
    /** Why the probe failed; absent when it passed. */
    error?: string
}

export interface HealthReport {
    status: 'ok' | 'failing'
    service: string
    dependencies: Record<string, DependencyHealth>
}

/** How long a probe may take before its dependency counts as down. */
export const HEALTH_PROBE_TIMEOUT_MS = 2000

/** Runs every check at once; a check that throws or outlasts the timeout fails with its reason. */
export async function probeHealth(
    service: string,
    checks: ReadonlyMap<string, HealthCheck>,
    timeoutMs = HEALTH_PROBE_TIMEOUT_MS,
): Promise<HealthReport> {
    const entries = await Promise.all(
        [...checks].map(async ([name, check]): Promise<[string, DependencyHealth]> => {
            try {
                await withTimeout(check(), timeoutMs)
                return [name, {ok: true}]
            } catch (e) {
                return [name, {ok: false, error: e instanceof Error ? e.message : String(e)}]
            }
        }),
    )
    const dependencies = Object.fromEntries(entries)
    return {status: entries.every(([, h]) => h.ok) ? 'ok' : 'failing', service, dependencies}
}

function withTimeout(p: Promise<void>, ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)
    })
    return Promise.race([p, timeout]).finally(() => clearTimeout(timer))
}
