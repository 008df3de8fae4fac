/**
 * The chain head each squid processor last saw, read from its Prometheus endpoint
 * (`sqd_processor_chain_height`): how far behind the head the squid's rows are.
 */
import type {Config} from '../config/load'
import type {ChainLayer} from '../squid/chain-layer'
import type {HeadSource} from './validity/facts-store'

const PORT_KEYS: Record<ChainLayer, 'squidRelay' | 'squidAssetHub' | 'squidPeople'> = {
    relay: 'squidRelay',
    assetHub: 'squidAssetHub',
    people: 'squidPeople',
}

/** A processor that does not answer within this is taken as not telling. */
const SCRAPE_TIMEOUT_MS = 1000

/** Reads `sqd_processor_chain_height` from a Prometheus text page; undefined when it is not there. */
export function chainHeightFromMetrics(text: string): number | undefined {
    const m = /^sqd_processor_chain_height(?:\{[^}]*\})?\s+(\d+(?:\.\d+)?(?:e\+?\d+)?)\s*$/m.exec(text)
    return m ? Number(m[1]) : undefined
}

/** The processors' metrics endpoints from config.metrics; a layer whose port is 0 or that does not answer tells nothing. */
export function squidHeadFromMetrics(metrics: Config['metrics']): HeadSource {
    return async layer => {
        const port = metrics.ports[PORT_KEYS[layer]]
        if (!port) return undefined
        const host = metrics.host === '0.0.0.0' ? '127.0.0.1' : metrics.host
        try {
            const res = await fetch(`http://${host}:${port}/metrics`, {signal: AbortSignal.timeout(SCRAPE_TIMEOUT_MS)})
            return res.ok ? chainHeightFromMetrics(await res.text()) : undefined
        } catch {
            return undefined
        }
    }
}
