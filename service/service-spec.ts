import type {Config} from '../config/load'

/**
 * How the launcher runs one service: a compiled script under lib/, its arguments and environment, and what
 * it serves (for the banner). Each component says how its own services run; the launcher only runs them.
 */
export interface ServiceSpec {
    name: string
    /** Script under lib/, run with the same Node. */
    script: string
    args?: string[]
    env?: Record<string, string>
    /** What it serves, for the start-up banner. */
    urls?: Record<string, string>
    /** Ports it listens on (127.0.0.1): checked free before every start, a taken one stops the launcher. */
    ports?: number[]
    /** The config's name for it (its metrics port, the secrets it reads); none for the devnet. */
    service?: keyof Config['metrics']['ports']
    /** Variables of the launcher's environment it is not given: the secrets of other services. */
    withheldEnv?: string[]
}

/** A service's metrics and health endpoints for the banner, when the config gives it a port. */
export function metricsUrls(cfg: Config, service: keyof Config['metrics']['ports']): Record<string, string> | undefined {
    const port = cfg.metrics.ports[service]
    if (!port) return undefined
    const base = `http://${cfg.metrics.host}:${port}`
    return {metrics: `${base}/metrics`, health: `${base}/health`}
}
