/**
 * Which eras the scorer may read: an era is complete once the squid has written its whole snapshot
 * (validators, exposures, nominations, bonds, totals). Every read of the scorer goes through this one
 * condition, so that it changes in one place.
 */
import type {EntityManager} from 'typeorm'

/** SQL condition on an `era` row aliased `alias`: the squid set `snapshot_completed_at` with the era's last snapshot rows. */
export function eraCompleteSql(alias: string): string {
    return `${alias}.snapshot_completed_at IS NOT NULL`
}

/** The same condition on an `era` row aliased `e`. */
export const COMPLETE_ERA_SQL = eraCompleteSql('e')

/** The newest complete era, or null while none is. */
export async function latestCompleteEra(em: EntityManager): Promise<number | null> {
    const [row] = await em.query(`SELECT max(e.index) AS era FROM era e WHERE ${COMPLETE_ERA_SQL}`)
    return row?.era ?? null
}

/** The complete eras in [fromEra, toEra], ascending. */
export async function completeErasBetween(em: EntityManager, fromEra: number, toEra: number): Promise<number[]> {
    const rows: {index: number}[] = await em.query(
        `SELECT e.index FROM era e WHERE e.index BETWEEN $1 AND $2 AND ${COMPLETE_ERA_SQL} ORDER BY e.index`,
        [fromEra, toEra],
    )
    return rows.map(r => r.index)
}

/** An era not complete (yet): the scorer refuses to score it rather than read half a snapshot. */
export class IncompleteEraError extends Error {
    constructor(readonly era: number) {
        super(`era ${era} is not complete: the squid has not written its snapshot (or has not indexed it yet)`)
    }
}

export async function requireCompleteEra(em: EntityManager, era: number): Promise<void> {
    const [row] = await em.query(`SELECT 1 AS ok FROM era e WHERE e.index = $1 AND ${COMPLETE_ERA_SQL}`, [era])
    if (!row) throw new IncompleteEraError(era)
}
