/**
 * Keeps one database to one chain per reader: each reader (a processor's chain layer, the telemetry
 * follower) records the genesis hash of the chain it first reads in `chain_genesis`, and later refuses
 * a chain with another genesis, so an endpoint that serves the wrong chain is never indexed silently.
 */
import {RpcClient} from '@subsquid/rpc-client'
import pg from 'pg'
import {redactUrl} from '../config/redact-url'
import {type DbSettings, pgClientConfig} from '../db/connection'

export interface RecordedGenesis {
    genesisHash: string
    recordedAt: Date
}

/** A refusal, not a crash: its stack would only say where the mismatch was found. */
export class GenesisMismatchError extends Error {
    override name = 'GenesisMismatchError'
    constructor(message: string) {
        super(message)
        this.stack = `${this.name}: ${message}`
    }
}

/**
 * Why `reader` must not read the chain whose genesis is `actual`, or null when the database holds that
 * chain (or none yet) for it. `source` says where the chain came from, e.g. `the chain at <redacted URL>`.
 */
export function genesisConflict(reader: string, recorded: RecordedGenesis | null, actual: string, source: string): string | null {
    if (!recorded || recorded.genesisHash.toLowerCase() === actual.toLowerCase()) return null
    return (
        `${reader}: ${source} has genesis ${actual.toLowerCase()}, but this database holds ` +
        `${reader} data of the chain with genesis ${recorded.genesisHash} (recorded ${recorded.recordedAt.toISOString()}). ` +
        'Refusing to mix two chains: point it at the chain this database holds, or use another database.'
    )
}

/** What `ensureGenesis` needs of Postgres: a pg.Client or a pg.Pool. */
export interface Queryable {
    query(text: string, values?: unknown[]): Promise<{rows: any[]}>
}

/**
 * Records `genesisHash` for `reader` on its first start; throws a GenesisMismatchError when the
 * database already holds another chain for it. Writes nothing else.
 */
export async function ensureGenesis(db: Queryable, reader: string, genesisHash: string, source: string): Promise<void> {
    await db.query('INSERT INTO chain_genesis (id, genesis_hash, recorded_at) VALUES ($1, $2, now()) ON CONFLICT (id) DO NOTHING', [
        reader,
        genesisHash.toLowerCase(),
    ])
    const {rows} = await db.query('SELECT genesis_hash, recorded_at FROM chain_genesis WHERE id = $1', [reader])
    const conflict = genesisConflict(reader, {genesisHash: rows[0].genesis_hash, recordedAt: rows[0].recorded_at}, genesisHash, source)
    if (conflict) throw new GenesisMismatchError(conflict)
}

/** A processor's check before it indexes: asks the node for block 0's hash and compares it with the database's. */
export async function ensureChainGenesis(reader: string, rpcUrl: string, db: DbSettings): Promise<void> {
    const rpc = new RpcClient({url: rpcUrl, retryAttempts: 3, log: null})
    let genesisHash: string
    try {
        genesisHash = await rpc.call('chain_getBlockHash', [0])
    } finally {
        rpc.close()
    }
    const client = new pg.Client(pgClientConfig(db))
    await client.connect()
    try {
        await ensureGenesis(client, reader, genesisHash, `the chain at ${redactUrl(rpcUrl)}`)
    } finally {
        await client.end()
    }
}
