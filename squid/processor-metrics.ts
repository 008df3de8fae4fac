/**
 * The SDK's processor serves a registry of its own (on `PROCESSOR_PROMETHEUS_PORT`): our processor metrics are
 * registered on it, so that endpoint and the service's serve them alike.
 */
import {Registry} from 'prom-client'

/**
 * @subsquid/substrate-processor (pinned in package.json) keeps that registry in the private
 * `prometheus.registry`; the only read of it, which fails at start-up if an upgrade moves it.
 */
export function processorRegistry(processor: object): Registry {
    const registry = (processor as {prometheus?: {registry?: unknown}}).prometheus?.registry
    if (!(registry instanceof Registry)) {
        throw new Error(
            '@subsquid/substrate-processor no longer keeps its Prometheus registry in `prometheus.registry`; ' +
                'update squid/processor-metrics.ts for the installed version',
        )
    }
    return registry
}
