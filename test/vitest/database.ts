/**
 * `useTestDatabase()` in a test file: a fresh database for that file, created before its tests and
 * dropped after them.
 */
import {afterAll, beforeAll, inject} from 'vitest'
import type {DbSettings} from '../../db/connection'
import {createTempDatabase} from '../../db/test-database'

export function useTestDatabase(prefix = 'test'): {readonly settings: DbSettings} {
    let db: Awaited<ReturnType<typeof createTempDatabase>> | undefined
    beforeAll(async () => {
        db = await createTempDatabase(inject('dbServer'), prefix)
    })
    afterAll(async () => {
        await db?.drop()
    })
    return {
        get settings() {
            if (!db) throw new Error('useTestDatabase(): the database exists only inside tests and hooks')
            return db.settings
        },
    }
}
