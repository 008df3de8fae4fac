/**
 * Ends the test output with one plain line, `N passed, N failed, N skipped`, that CI reads as the
 * run's result.
 */
import type {Reporter, TestModule} from 'vitest/node'

export default class SummaryReporter implements Reporter {
    onTestRunEnd(modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<unknown>): void {
        let passed = 0,
            failed = 0,
            skipped = 0
        for (const m of modules) {
            let failedHere = 0
            for (const t of m.children.allTests()) {
                const state = t.result().state
                if (state === 'passed') passed++
                else if (state === 'failed') failedHere++
                else skipped++
            }
            // A file that failed to load, or whose beforeAll failed (its tests then count as skipped), has no
            // failed test but must still count as a failure.
            if (m.state() === 'failed' && failedHere === 0) failedHere = 1
            failed += failedHere
        }
        failed += errors.length
        process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`)
    }
}
