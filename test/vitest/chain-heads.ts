/**
 * Chain heads (ChainHead) for tests whose processors ran to their range end (BLOCK_TO) and stopped: the head
 * they are judged against is the height they indexed, recorded now (what a processor's stall detector
 * recorded last may be a later finalized head, or by now too old).
 */
import type pg from 'pg'
import {CHAIN_LAYERS, STATE_SCHEMAS} from '../../squid/chain-layer'

export async function recordHeadsAtIndexed(db: pg.Pool | pg.ClientBase): Promise<void> {
    for (const layer of CHAIN_LAYERS) {
        const status = `${STATE_SCHEMAS[layer]}.status`
        if (!(await db.query('SELECT to_regclass($1) AS t', [status])).rows[0].t) continue
        await db.query(
            `INSERT INTO chain_head (id, finalized_height, seen_at) SELECT $1, height, now() FROM ${status} WHERE id = 0
            ON CONFLICT (id) DO UPDATE SET finalized_height = excluded.finalized_height, seen_at = excluded.seen_at`,
            [layer],
        )
    }
}
