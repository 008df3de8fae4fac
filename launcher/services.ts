/**
 * The services `npm start` runs, derived from the config: each is a child process with a name for its
 * log prefix and, where it serves something, a URL for the banner. Later stages add themselves here.
 */
import type {Config} from '../config/load'
import {squidServices} from '../squid/services'

export interface ServiceSpec {
    name: string
    /** Script under lib/, run with the same Node. */
    script: string
    args?: string[]
    env?: Record<string, string>
    /** What it serves, for the start-up banner. */
    urls?: Record<string, string>
}

export function plannedServices(cfg: Config): ServiceSpec[] {
    return [...squidServices(cfg)]
}
