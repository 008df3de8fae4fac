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
}
