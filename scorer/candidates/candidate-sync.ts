/**
 * Keeps the `candidate` table in step with the candidate list file: each load is diffed against the
 * candidates stored as current, and the additions, changes and removals are written with their history
 * (`candidate_change`) in one transaction; a removed candidate is marked, never deleted.
 */
import fs from 'fs'
import type pg from 'pg'
import {describeProblem, type Candidate, type CandidateList} from './candidate'
import {diffCandidates, type CandidateField} from './candidate-diff'
import {parseCandidateListText, type CandidateListFormat} from './candidate-list-file'
import {CandidateListError} from './candidate'

export interface CandidateSyncResult {
    added: number
    changed: number
    removed: number
    /** Candidates current after the sync. */
    current: number
}

/** Reads a candidate list file, telling its format by its top-level key ("candidates" or "selected"). */
export function loadCandidateListFile(file: string, ss58Prefix: number): CandidateList {
    let text: string
    try {
        text = fs.readFileSync(file, 'utf8')
    } catch (e: any) {
        throw new CandidateListError(file, `cannot read the file: ${e.code ?? 'read error'}`)
    }
    return parseCandidateListText(text, file, ss58Prefix, listFormat(text))
}

function listFormat(text: string): CandidateListFormat {
    try {
        const json = JSON.parse(text)
        return json && typeof json === 'object' && !('candidates' in json) && 'selected' in json ? 'decentralizedNodes' : '1kv'
    } catch {
        return '1kv'
    }
}

/** One log line per problem of the list: position, slot, field, reason and what became of the entry. */
export function candidateProblemLines(list: CandidateList): string[] {
    return list.problems.map(p => `${list.file}: ${describeProblem(p)}`)
}

interface CandidateRow {
    id: string
    slot_id: number | null
    name: string
    stash: string
    kusama_stash: string | null
    kusama_stash_public_key: string | null
    riot_handles: string[]
    kyc: boolean
    skip_self_stake: boolean
    list_status: string | null
}

function fromRow(r: CandidateRow): Candidate {
    return {
        slotId: r.slot_id, name: r.name, stash: r.stash, stashPublicKeyHex: r.id, kusamaStash: r.kusama_stash,
        kusamaStashPublicKeyHex: r.kusama_stash_public_key, riotHandles: r.riot_handles, kyc: r.kyc, skipSelfStake: r.skip_self_stake,
        status: r.list_status,
    }
}

/** The candidates stored as current (not removed). */
export async function currentCandidates(db: pg.ClientBase): Promise<Candidate[]> {
    const rows = await db.query<CandidateRow>(`SELECT id, slot_id, name, stash, kusama_stash, kusama_stash_public_key, riot_handles, kyc, skip_self_stake, list_status
        FROM candidate WHERE removed_at IS NULL ORDER BY id`)
    return rows.rows.map(fromRow)
}

/**
 * Writes the list's differences from the stored candidates, in one transaction on `client` (which it
 * begins and commits). `source` names the list in the history (the file's name relative to the config).
 */
export async function syncCandidates(client: pg.ClientBase, list: CandidateList, source: string, nowMs: number): Promise<CandidateSyncResult> {
    await client.query('BEGIN')
    try {
        // Serialises concurrent syncs: the diff is against what is stored.
        await client.query('LOCK TABLE candidate IN SHARE ROW EXCLUSIVE MODE')
        const previous = await currentCandidates(client)
        const diff = diffCandidates(previous, list.candidates)
        const at = new Date(nowMs)
        for (const c of diff.added) {
            // A candidate removed earlier and listed again is the same row, current once more.
            await client.query(`INSERT INTO candidate (id, stash_public_key, stash, slot_id, name, kusama_stash, kusama_stash_public_key, riot_handles, kyc,
                    skip_self_stake, list_status, sources, added_at, changed_at, removed_at)
                VALUES ($1::text, $1::text, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, NULL, NULL)
                ON CONFLICT (id) DO UPDATE SET stash = $2, slot_id = $3, name = $4, kusama_stash = $5, kusama_stash_public_key = $6, riot_handles = $7,
                    kyc = $8, skip_self_stake = $9, list_status = $10, sources = $11, changed_at = $12, removed_at = NULL`,
            [c.stashPublicKeyHex, c.stash, c.slotId, c.name, c.kusamaStash, c.kusamaStashPublicKeyHex, c.riotHandles, c.kyc, c.skipSelfStake, c.status, [source], at])
            await insertChange(client, c.stashPublicKeyHex, 'added', allFields(c), null, c, source, at)
        }
        for (const {previous: p, next: c, fields} of diff.changed) {
            await client.query(`UPDATE candidate SET stash = $2, slot_id = $3, name = $4, kusama_stash = $5, kusama_stash_public_key = $6, riot_handles = $7,
                    kyc = $8, skip_self_stake = $9, list_status = $10, sources = $11, changed_at = $12 WHERE id = $1`,
            [c.stashPublicKeyHex, c.stash, c.slotId, c.name, c.kusamaStash, c.kusamaStashPublicKeyHex, c.riotHandles, c.kyc, c.skipSelfStake, c.status, [source], at])
            await insertChange(client, c.stashPublicKeyHex, 'changed', fields, p, c, source, at)
        }
        for (const c of diff.removed) {
            await client.query('UPDATE candidate SET removed_at = $2 WHERE id = $1', [c.stashPublicKeyHex, at])
            await insertChange(client, c.stashPublicKeyHex, 'removed', [], c, null, source, at)
        }
        await client.query('COMMIT')
        return {added: diff.added.length, changed: diff.changed.length, removed: diff.removed.length, current: list.candidates.length}
    } catch (e) {
        await client.query('ROLLBACK').catch(() => {})
        throw e
    }
}

function allFields(c: Candidate): CandidateField[] {
    return (Object.keys(c) as (keyof Candidate)[]).filter((f): f is CandidateField => f !== 'stashPublicKeyHex')
}

async function insertChange(client: pg.ClientBase, id: string, kind: 'added' | 'changed' | 'removed', fields: CandidateField[],
    previous: Candidate | null, next: Candidate | null, source: string, at: Date): Promise<void> {
    await client.query(`INSERT INTO candidate_change (id, candidate_id, kind, fields, previous, next, source, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [`${id}:${at.getTime()}:${kind}`, id, kind, fields, previous && JSON.stringify(previous), next && JSON.stringify(next), source, at])
}

/**
 * Watches the list file by its modification time and size (checked on each call: cheaper and more
 * dependable than fs.watch across editors that replace the file).
 */
export class CandidateFileWatch {
    private stamp: string | undefined

    constructor(readonly file: string) {}

    /** True the first time and whenever the file's mtime or size changed since the last call. */
    changed(): boolean {
        let stamp: string
        try {
            const s = fs.statSync(this.file)
            stamp = `${s.mtimeMs}:${s.size}`
        } catch (e: any) {
            stamp = `missing:${e.code}`
        }
        if (stamp === this.stamp) return false
        this.stamp = stamp
        return true
    }
}
