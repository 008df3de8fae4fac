/**
 * Once per test run: find or start the Postgres server that every test file creates its own
 * database on (see db/test-database.ts for the order of choice).
 */
import type {TestProject} from 'vitest/node'
import {acquireDbServer} from '../../db/test-database'

export default async function setup(project: TestProject) {
    const server = await acquireDbServer()
    project.provide('dbServer', server.settings)
    process.stderr.write(`test database server: ${server.source} ${server.settings.host}:${server.settings.port}\n`)
    return () => server.stop()
}

declare module 'vitest' {
    export interface ProvidedContext {
        dbServer: import('../../db/connection').DbSettings
    }
}
