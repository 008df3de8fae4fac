/**
 * The services `npm start` runs, derived from the config: each is a child process with a name for its
 * log prefix and, where it serves something, a URL for the banner. Later stages add themselves here.
 */
import path from 'path'
import type {Config} from '../config/load'
import {PROJECT_DIR} from '../db/orm'

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
    const services: ServiceSpec[] = []
    if (cfg.telemetry.enabled) {
        services.push({
            name: 'telemetry',
            script: path.join(PROJECT_DIR, 'lib', 'scorer', 'telemetry', 'main.js'),
            urls: cfg.telemetry.metricsPort ? {metrics: `http://127.0.0.1:${cfg.telemetry.metricsPort}/metrics`} : undefined,
        })
    }
    return services
}
