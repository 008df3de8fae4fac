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
    } catch (e) {
        throw new CandidateListError(file, `cannot read the file: ${(e as NodeJS.ErrnoException).code ?? 'read error'}`)
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
        slotId: r.slot_id,
        name: r.name,
        stash: r.stash,
        stashPublicKeyHex: r.id,
        kusamaStash: r.kusama_stash,
        kusamaStashPublicKeyHex: r.kusama_stash_public_key,
        riotHandles: r.riot_handles,
        kyc: r.kyc,
        skipSelfStake: r.skip_self_stake,
        status: r.list_status,
    }
}

/** The candidates stored as current (not removed). */
export async function currentCandidates(db: pg.ClientBase): Promise<Candidate[]> {
    const rows =
        await db.query<CandidateRow>(`SELECT id, slot_id, name, stash, kusama_stash, kusama_stash_public_key, riot_handles, kyc, skip_self_stake, list_status
        FROM candidate WHERE removed_at IS NULL ORDER BY id`)
    return rows.rows.map(fromRow)
}

/**
 * Writes the list's differences from the stored candidates, in one transaction on `client` (which it
 * begins and commits). `source` names the list in the history (the file's name relative to the config).
 */
export async function syncCandidates(
    client: pg.ClientBase,
    list: CandidateList,
    source: string,
    nowMs: number,
): Promise<CandidateSyncResult> {
    await client.query('BEGIN')
    try {
        // Serialises concurrent syncs: the diff is against what is stored.
        await client.query('LOCK TABLE candidate IN SHARE ROW EXCLUSIVE MODE')
        const previous = await currentCandidates(client)
        const diff = diffCandidates(previous, list.candidates)
        const at = new Date(nowMs)
        // Added and changed in one upsert: a candidate removed earlier and listed again is the same row, current once more.
        const upserted = [...diff.added, ...diff.changed.map(c => c.next)]
        if (upserted.length) {
            const col = <T>(f: (c: Candidate) => T) => upserted.map(f)
            await client.query(
                `INSERT INTO candidate AS c (id, stash_public_key, stash, slot_id, name, kusama_stash, kusama_stash_public_key, riot_handles, kyc,
                    skip_self_stake, list_status, sources, added_at)
                SELECT u.id, u.id, u.stash, u.slot_id, u.name, u.kusama_stash, u.kusama_key, ARRAY(SELECT jsonb_array_elements_text(u.riot)), u.kyc, u.skip, u.status, $11, $12
                FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::bool[], $9::bool[], $10::text[])
                    AS u(id, stash, slot_id, name, kusama_stash, kusama_key, riot, kyc, skip, status)
                ON CONFLICT (id) DO UPDATE SET stash = EXCLUDED.stash, slot_id = EXCLUDED.slot_id, name = EXCLUDED.name, kusama_stash = EXCLUDED.kusama_stash,
                    kusama_stash_public_key = EXCLUDED.kusama_stash_public_key, riot_handles = EXCLUDED.riot_handles, kyc = EXCLUDED.kyc,
                    skip_self_stake = EXCLUDED.skip_self_stake, list_status = EXCLUDED.list_status, sources = EXCLUDED.sources, changed_at = $12, removed_at = NULL`,
                [
                    col(c => c.stashPublicKeyHex),
                    col(c => c.stash),
                    col(c => c.slotId),
                    col(c => c.name),
                    col(c => c.kusamaStash),
                    col(c => c.kusamaStashPublicKeyHex),
                    col(c => JSON.stringify(c.riotHandles)),
                    col(c => c.kyc),
                    col(c => c.skipSelfStake),
                    col(c => c.status),
                    [source],
                    at,
                ],
            )
        }
        if (diff.removed.length)
            await client.query('UPDATE candidate SET removed_at = $2 WHERE id = ANY($1)', [diff.removed.map(c => c.stashPublicKeyHex), at])
        const changes: ChangeRow[] = [
            ...diff.added.map(c => ({id: c.stashPublicKeyHex, kind: 'added' as const, fields: allFields(c), previous: null, next: c})),
            ...diff.changed.map(c => ({
                id: c.next.stashPublicKeyHex,
                kind: 'changed' as const,
                fields: c.fields,
                previous: c.previous,
                next: c.next,
            })),
            ...diff.removed.map(c => ({id: c.stashPublicKeyHex, kind: 'removed' as const, fields: [], previous: c, next: null})),
        ]
        await insertChanges(client, changes, source, at)
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

interface ChangeRow {
    id: string
    kind: 'added' | 'changed' | 'removed'
    fields: CandidateField[]
    previous: Candidate | null
    next: Candidate | null
}

async function insertChanges(client: pg.ClientBase, changes: ChangeRow[], source: string, at: Date): Promise<void> {
    if (!changes.length) return
    await client.query(
        `INSERT INTO candidate_change (id, candidate_id, kind, fields, previous, next, source, at)
        SELECT u.id || ':' || $7 || ':' || u.kind, u.id, u.kind, ARRAY(SELECT jsonb_array_elements_text(u.fields)), u.previous, u.next, $6, $8
        FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::jsonb[], $5::jsonb[]) AS u(id, kind, fields, previous, next)`,
        [
            changes.map(c => c.id),
            changes.map(c => c.kind),
            changes.map(c => JSON.stringify(c.fields)),
            changes.map(c => c.previous && JSON.stringify(c.previous)),
            changes.map(c => c.next && JSON.stringify(c.next)),
            source,
            String(at.getTime()),
            at,
        ],
    )
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
        } catch (e) {
            stamp = `missing:${(e as NodeJS.ErrnoException).code}`
        }
        if (stamp === this.stamp) return false
        this.stamp = stamp
        return true
    }
}
