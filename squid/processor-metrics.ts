/**
 * Our Prometheus metrics on the processor's metrics endpoint: the SDK's processor serves a registry of its
 * own (on `PROCESSOR_PROMETHEUS_PORT`), so the metrics we register on prom-client's default registry are
 * added to it here.
 */
import {register, Registry} from 'prom-client'

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

/** Adds our metrics (prom-client's default registry) to the processor's registry. */
export function serveOnProcessorEndpoint(processor: object): void {
    const registry = processorRegistry(processor)
    for (const name of register.getMetricsAsArray().map(m => m.name)) {
        const metric = register.getSingleMetric(name)
        if (metric && !registry.getSingleMetric(name)) registry.registerMetric(metric)
    }
}
