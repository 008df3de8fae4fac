import {describe, expect, it} from 'vitest'
import {childEnvWithDb, dbEnv, dbSettingsFromEnv, describeDb, isDbConfigured} from './connection'

describe('database settings from the environment', () => {
    it('uses DB_URL before the separate variables', () => {
        const s = dbSettingsFromEnv({DB_URL: 'postgres://alice:s%40cret@db.example:6543/chain', DB_HOST: 'ignored'})
        expect(s).toEqual({host: 'db.example', port: 6543, database: 'chain', user: 'alice', password: 's@cret'})
    })

    it('falls back to the defaults @subsquid/typeorm-config uses', () => {
        expect(dbSettingsFromEnv({})).toEqual({host: 'localhost', port: 5432, database: 'postgres', user: 'postgres', password: 'postgres'})
        expect(dbSettingsFromEnv({DB_HOST: 'h', DB_PORT: '5433', DB_NAME: 'n', DB_USER: 'u', DB_PASS: ''})).toEqual({
            host: 'h',
            port: 5433,
            database: 'n',
            user: 'u',
            password: '',
        })
    })

    it('names the variable that is wrong', () => {
        expect(() => dbSettingsFromEnv({DB_PORT: 'abc'})).toThrow(/^DB_PORT: /)
        expect(() => dbSettingsFromEnv({DB_URL: 'mysql://x@y/z'})).toThrow(/^DB_URL: expected a postgres:\/\/ URL/)
        expect(() => dbSettingsFromEnv({DB_URL: 'not a url'})).toThrow(/^DB_URL: not a valid URL/)
    })

    it('an embedded database is needed only when neither DB_URL nor DB_HOST is set', () => {
        expect(isDbConfigured({})).toBe(false)
        expect(isDbConfigured({DB_PORT: '5432'})).toBe(false)
        expect(isDbConfigured({DB_HOST: '127.0.0.1'})).toBe(true)
        expect(isDbConfigured({DB_URL: 'postgres://x@y/z'})).toBe(true)
    })

    it('round-trips through the variables handed to child processes, and never shows the password', () => {
        const s = {host: '127.0.0.1', port: 5999, database: 'd', user: 'u', password: 'hunter2'}
        expect(dbSettingsFromEnv(dbEnv(s))).toEqual(s)
        expect(describeDb(s)).toBe('postgres://u@127.0.0.1:5999/d')
    })

    it("hands a child process the database in one form only: the operator's DB_URL as written, else the separate variables", () => {
        const s = {host: 'db.example', port: 6543, database: 'chain', user: 'alice', password: 'pw'}
        const url = 'postgres://alice:pw@db.example:6543/chain?sslmode=require'
        expect(childEnvWithDb({DB_URL: url, DB_HOST: 'stale', DB_PASS: 'x', PATH: '/bin'}, s)).toEqual({DB_URL: url, PATH: '/bin'})
        expect(childEnvWithDb({DB_HOST: 'old', DB_NAME: 'old', PATH: '/bin'}, s)).toEqual({...dbEnv(s), PATH: '/bin'})
    })
})
