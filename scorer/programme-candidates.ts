/**
 * The programme's candidates as scoring reads them from scorer part 1's `candidate` table: the stash in both
 * spellings and whether validity holds the candidate valid now. The one place that names that table, so
 * that the scorer's pass can also hand its own list over instead.
 */
import type {EntityManager} from 'typeorm'

export interface ProgrammeCandidate {
    /** 0x hex public key of the stash (Candidate.id): the squid's tables are keyed by it. */
    stash: string
    /** SS58 address of the stash: telemetry's TelemetryNode.candidateStash. */
    stashAddress: string
    /** Validity's verdict is valid: only these are scored; fault events are recorded for every candidate. */
    valid: boolean
}

/** Candidates in the list now (not removed), ordered by stash. */
export async function readProgrammeCandidates(em: EntityManager): Promise<ProgrammeCandidate[]> {
    const [table] = await em.query(`SELECT to_regclass('candidate') IS NOT NULL AS present`)
    if (!table.present)
        throw new Error('the candidate table (scorer part 1: candidates and validity) is missing: run the migrations of a build with it')
    const rows: {id: string; stash: string; valid: boolean}[] = await em.query(
        `SELECT id, stash, COALESCE(verdict = 'valid', false) AS valid FROM candidate WHERE removed_at IS NULL ORDER BY id`,
    )
    return rows.map(r => ({stash: r.id, stashAddress: r.stash, valid: r.valid}))
}
