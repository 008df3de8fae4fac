/**
 * Benchmark (`npm run bench:round`): one round's computation without chain calls (selection and allocation,
 * then the input hash and the plan) for 20 accounts over 2,000 generated candidates with every cap binding;
 * prints milliseconds per round.
 */
import {select, type SelectionPolicy} from './selection/select'
import {planRound} from './round/plan'
import {inputHash, selectionInput} from './round/snapshot'
import {syntheticRound} from './synthetic-round'

const CANDIDATES = Number(process.env.BENCH_CANDIDATES || 2000)
const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS || 20)
const ROUNDS = Number(process.env.BENCH_ROUNDS || 50)

const POLICY: SelectionPolicy = {
    maxTargets: 24,
    balanceBuffer: {perbill: 2_000_000, minPlanck: 200_000_000_000n},
    caps: {perIdentityGroup: 1, perProvider: 12, perCountry: 10},
    ampleBackingPlanck: 4_000_000n * 10n ** 10n,
}

function median(xs: number[]): number {
    const s = [...xs].sort((a, b) => a - b)
    return s[Math.floor(s.length / 2)]
}

function main(): void {
    const selectMs: number[] = []
    const hashAndPlanMs: number[] = []
    let targets = 0
    for (let r = 0; r < ROUNDS + 5; r++) {
        // A different world each round, so no round reuses another's sorted arrays.
        const input = syntheticRound({candidates: CANDIDATES, accounts: ACCOUNTS, seed: r + 1, policy: POLICY})
        const t0 = performance.now()
        const selection = select(selectionInput(input))
        const t1 = performance.now()
        planRound(inputHash(input), input.accounts, selection)
        const t2 = performance.now()
        // The first rounds warm the JIT up.
        if (r < 5) continue
        selectMs.push(t1 - t0)
        hashAndPlanMs.push(t2 - t1)
        targets += selection.accounts.reduce((n, a) => n + a.targets.length, 0)
    }
    console.log(`${ACCOUNTS} accounts, ${CANDIDATES} candidates, ${ROUNDS} rounds, ${(targets / ROUNDS).toFixed(0)} targets a round`)
    console.log(
        `selection + allocation: median ${median(selectMs).toFixed(2)} ms per round, max ${Math.max(...selectMs).toFixed(2)} ms (target < 1000 ms)`,
    )
    console.log(
        `input hash + plan: median ${median(hashAndPlanMs).toFixed(2)} ms per round, max ${Math.max(...hashAndPlanMs).toFixed(2)} ms`,
    )
}

main()
