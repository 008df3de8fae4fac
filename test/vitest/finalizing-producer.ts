/**
 * Blocks for a test's submitted transactions: while a transaction waits in `pool`, the devnet produces a block,
 * and then more until that block is finalized, so what a client sends lands in a finalized block. Eras move only
 * when the test produces blocks itself.
 */
import type {Devnet} from '../../devnet/index'

export function finalizingProducer(devnet: Devnet, pool: readonly unknown[], tickMs = 50): {stop(): void} {
    let until = 0
    let busy = false
    const timer = setInterval(() => {
        if (busy) return
        if (pool.length > 0) until = devnet.head().number + 1
        if (devnet.finalized().number >= until) return
        busy = true
        void devnet.produceBlocks(1).finally(() => (busy = false))
    }, tickMs)
    return {stop: () => clearInterval(timer)}
}
