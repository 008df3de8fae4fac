import {defineConfig} from 'vitest/config'

/**
 * Two projects: `unit` (pure modules, no I/O, seconds: `npm run test:unit`) and `integration` (`*.int.test.ts`:
 * Postgres, the devnet, sockets, child processes). `npm test` runs both.
 */
export default defineConfig({
    test: {
        exclude: ['node_modules/**', 'lib/**'],
        reporters: ['default', './test/vitest/summary-reporter.ts'],
        // Scenario tests start Postgres databases, devnets and child processes: keep them apart.
        pool: 'forks',
        fileParallelism: true,
        maxWorkers: 2,
        testTimeout: 120_000,
        hookTimeout: 120_000,
        projects: [
            {extends: true, test: {name: 'unit', include: ['**/*.test.ts'], exclude: ['node_modules/**', 'lib/**', '**/*.int.test.ts']}},
            {extends: true, test: {name: 'integration', include: ['**/*.int.test.ts'], globalSetup: ['test/vitest/global-setup.ts']}},
        ],
    },
})
