import {defineConfig} from 'vitest/config'

export default defineConfig({
    test: {
        include: ['**/*.test.ts'],
        exclude: ['node_modules/**', 'lib/**'],
        globalSetup: ['test/vitest/global-setup.ts'],
        reporters: ['default', './test/vitest/summary-reporter.ts'],
        // Scenario tests start Postgres databases, devnets and child processes: keep them apart.
        pool: 'forks',
        fileParallelism: true,
        maxWorkers: 2,
        testTimeout: 120_000,
        hookTimeout: 120_000,
    },
})
