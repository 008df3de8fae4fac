/**
 * The candidate list synced into Postgres: both real 1KV lists and a Decentralized Nodes list load,
 * and additions, changes and removals of later loads are kept as history, a removed candidate marked
 * and never deleted, and listed again as the same row.
 */
import fs from 'fs'
import os from 'os'
import path from 'path'
import pg from 'pg'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {pgClientConfig} from '../../db/connection'
import {applyMigrations} from '../../db/migrate'
import {useTestDatabase} from '../../test/vitest/database'
import {CandidateListError} from './candidate'
import {candidateProblemLines, CandidateFileWatch, loadCandidateListFile, syncCandidates} from './candidate-sync'

const db = useTestDatabase('scorer_candidates')
const CONFIG_LISTS = path.join(__dirname, '../../config/candidates')
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candidate-sync-'))
const ALICE = '15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5'
const ALICE_KEY = '0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d'
const BOB = '14E5nqKAp3oAJcmzgZhUD2RcptBeUBScxKHgJKU4HPNcKVf3'
let client: pg.Client

beforeAll(async () => {
    await applyMigrations(db.settings)
    client = new pg.Client(pgClientConfig(db.settings))
    await client.connect()
})

afterAll(async () => {
    await client?.end()
    fs.rmSync(dir, {recursive: true, force: true})
})

const q = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows
const write = (name: string, json: unknown) => {
    const file = path.join(dir, name)
    fs.writeFileSync(file, JSON.stringify(json))
    return file
}

describe('the real lists', () => {
    it('Polkadot: 310 candidates stored, each problem one log line with slot, field and reason', async () => {
        const list = loadCandidateListFile(path.join(CONFIG_LISTS, 'polkadot.json'), 0)
        expect(candidateProblemLines(list)[2]).toBe(
            `${list.file}: candidates[237] (slotId 238) kusamsStash: unknown key (did you mean "kusamaStash"?); entry loaded without it`,
        )
        expect(await syncCandidates(client, list, 'candidates/polkadot.json', Date.UTC(2026, 0, 1))).toEqual({
            added: 310,
            changed: 0,
            removed: 0,
            current: 310,
        })
        const row = (await q(`SELECT * FROM candidate WHERE slot_id = 0`))[0]
        expect(row).toMatchObject({
            name: 'specialized-tarmac-3',
            stash: '12bWp3rifCRrJzrTSPe1BrDaFxCLMVCUit6t21K986ZeeNJm',
            kusama_stash: 'HngUT2inDFPBwiey6ZdqhhnmPKHkXayRpWw9rFj55reAqvi',
            sources: ['candidates/polkadot.json'],
            removed_at: null,
            verdict: null,
        })
        expect(row.id).toBe(row.stash_public_key)
        expect(row.id).toMatch(/^0x[0-9a-f]{64}$/)
        expect((await q(`SELECT count(*) FROM candidate_change WHERE kind = 'added'`))[0].count).toBe('310')
        // The same list again changes nothing.
        expect(await syncCandidates(client, list, 'candidates/polkadot.json', Date.UTC(2026, 0, 2))).toEqual({
            added: 0,
            changed: 0,
            removed: 0,
            current: 310,
        })
        await q('DELETE FROM candidate_change')
        await q('DELETE FROM candidate')
    })

    it('Kusama (1,126) and a Decentralized Nodes list, its format told by its key', async () => {
        expect(loadCandidateListFile(path.join(CONFIG_LISTS, 'kusama.json'), 2).candidates).toHaveLength(1126)
        const dn = loadCandidateListFile(
            path.join(__dirname, 'fixtures', 'w3f-dn-programme-polkadot-term-2024-11.metaspan-dn-dashboard.json'),
            0,
        )
        expect(dn.candidates.length).toBeGreaterThan(0)
        expect(dn.candidates.every(c => c.slotId === null && c.status !== null)).toBe(true)
    })

    it('a file with no list stops with a message naming the file', () => {
        const file = write('broken.json', {validators: []})
        expect(() => loadCandidateListFile(file, 0)).toThrow(CandidateListError)
        expect(() => loadCandidateListFile(file, 0)).toThrow(`candidates file ${file}: expected an object with a "candidates" array`)
    })
})

describe('history', () => {
    it('keeps additions, changes (with the fields) and removals; a removed candidate is marked, then listed again as the same row', async () => {
        const sync = (candidates: unknown[], atMs: number) =>
            syncCandidates(client, loadCandidateListFile(write('list.json', {candidates}), 0), 'list.json', atMs)
        expect(
            await sync(
                [
                    {slotId: 1, name: 'alice', stash: ALICE},
                    {slotId: 2, name: 'bob', stash: BOB},
                ],
                1000,
            ),
        ).toEqual({added: 2, changed: 0, removed: 0, current: 2})
        expect(await sync([{slotId: 1, name: 'alice-2', stash: ALICE, kyc: true}], 2000)).toEqual({
            added: 0,
            changed: 1,
            removed: 1,
            current: 1,
        })
        expect(
            await sync(
                [
                    {slotId: 1, name: 'alice-2', stash: ALICE, kyc: true},
                    {slotId: 3, name: 'bob', stash: BOB},
                ],
                3000,
            ),
        ).toEqual({added: 1, changed: 0, removed: 0, current: 2})
        const history = await q(
            `SELECT c.name, ch.kind, ch.fields, ch.previous->>'name' AS before, ch.next->>'name' AS after, ch.at FROM candidate_change ch JOIN candidate c ON c.id = ch.candidate_id ORDER BY ch.at, c.name`,
        )
        expect(history.map(h => [h.name, h.kind, h.kind === 'added' ? undefined : h.fields, h.before, h.after, h.at.getTime()])).toEqual([
            ['alice-2', 'added', undefined, null, 'alice', 1000],
            ['bob', 'added', undefined, null, 'bob', 1000],
            ['alice-2', 'changed', ['name', 'kyc'], 'alice', 'alice-2', 2000],
            ['bob', 'removed', [], 'bob', null, 2000],
            ['bob', 'added', undefined, null, 'bob', 3000],
        ])
        const rows = await q('SELECT id, name, slot_id, kyc, removed_at, added_at, changed_at FROM candidate ORDER BY name')
        expect(rows.map(r => [r.name, r.slot_id, r.kyc, r.removed_at, r.added_at.getTime(), r.changed_at?.getTime() ?? null])).toEqual([
            ['alice-2', 1, true, null, 1000, 2000],
            ['bob', 3, false, null, 1000, 3000],
        ])
        expect(rows[0].id).toBe(ALICE_KEY)
        await sync([{slotId: 1, name: 'alice-2', stash: ALICE, kyc: true}], 4000)
        expect(
            (await q(`SELECT name, removed_at FROM candidate WHERE removed_at IS NOT NULL`)).map(r => [r.name, r.removed_at.getTime()]),
        ).toEqual([['bob', 4000]])
    })

    it('the file watch sees a rewrite of the file', () => {
        const file = write('watched.json', {candidates: []})
        const watch = new CandidateFileWatch(file)
        expect(watch.changed()).toBe(true)
        expect(watch.changed()).toBe(false)
        fs.writeFileSync(file, JSON.stringify({candidates: [{slotId: 1, name: 'alice', stash: ALICE}]}))
        expect(watch.changed()).toBe(true)
    })
})
