/**
 * Reading the candidates and their verdicts from scorer part 1's `candidate` table. Until part 1's migration
 * is in the build, the test first sees the clear error, then creates the table as that migration does.
 */
import pg from 'pg'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {pgClientConfig} from '../db/connection'
import {applyMigrations} from '../db/migrate'
import {createDataSource} from '../db/orm'
import {useTestDatabase} from '../test/vitest/database'
import {readProgrammeCandidates} from './programme-candidates'
import type {DataSource} from 'typeorm'

const db = useTestDatabase('programme_candidates')
let ds: DataSource

beforeAll(async () => {
    await applyMigrations(db.settings)
    ds = createDataSource(db.settings)
    await ds.initialize()
})
afterAll(async () => {
    await ds?.destroy()
})

describe('programme candidates from part 1', () => {
    it('reads the listed candidates with whether their verdict is valid, ordered by stash', async () => {
        const [{present}] = await ds.query(`SELECT to_regclass('candidate') IS NOT NULL AS present`)
        if (!present) {
            await expect(readProgrammeCandidates(ds.manager)).rejects.toThrow(
                'the candidate table (scorer part 1: candidates and validity) is missing',
            )
            // The columns part 1's migration creates (scorer-svc branch).
            const client = new pg.Client(pgClientConfig(db.settings))
            await client.connect()
            await client.query(`CREATE TABLE "candidate" ("id" character varying NOT NULL PRIMARY KEY, "stash_public_key" text NOT NULL, "stash" text NOT NULL,
                "slot_id" integer, "name" text NOT NULL, "kusama_stash" text, "kusama_stash_public_key" text, "riot_handles" text array NOT NULL,
                "kyc" boolean NOT NULL, "skip_self_stake" boolean NOT NULL, "list_status" text, "sources" text array NOT NULL, "identity_root" text,
                "added_at" TIMESTAMP WITH TIME ZONE NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE, "removed_at" TIMESTAMP WITH TIME ZONE,
                "verdict" character varying(7), "verdict_since" TIMESTAMP WITH TIME ZONE, "verdict_last_known_at" TIMESTAMP WITH TIME ZONE,
                "verdict_held" boolean, "invalid_checks" text array, "unknown_checks" text array, "checked_at" TIMESTAMP WITH TIME ZONE)`)
            await client.end()
        }
        const row = (id: string, verdict: string | null, removed: boolean) =>
            ds.query(
                `INSERT INTO candidate (id, stash_public_key, stash, name, riot_handles, kyc, skip_self_stake, sources, added_at, removed_at, verdict)
                 VALUES ($1, $5, $2, $2, '{}', false, false, '{list.json}', now(), $3, $4)`,
                [id, `addr-${id}`, removed ? new Date() : null, verdict, id],
            )
        await row('0x03', 'valid', false)
        await row('0x01', 'invalid', false)
        await row('0x02', null, false)
        await row('0x04', 'valid', true)
        await row('0x05', 'unknown', false)
        expect(await readProgrammeCandidates(ds.manager)).toEqual([
            {stash: '0x01', stashAddress: 'addr-0x01', valid: false},
            {stash: '0x02', stashAddress: 'addr-0x02', valid: false},
            {stash: '0x03', stashAddress: 'addr-0x03', valid: true},
            {stash: '0x05', stashAddress: 'addr-0x05', valid: false},
        ])
    })
})
