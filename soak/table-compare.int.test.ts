/**
 * The soak's table comparison on two migrated databases: chain-derived rows must agree column for column,
 * the telemetry's wall-clock columns and closed intervals may differ, and a difference names the table with
 * counts and examples.
 */
import {describe, expect, it} from 'vitest'
import {applyMigrations} from '../db/migrate'
import {useTestDatabase} from '../test/vitest/database'
import {compareDatabases} from './table-compare'
import {queryOnce} from '../db/query-once'

const soakDb = useTestDatabase('soak_compare_a')
const referenceDb = useTestDatabase('soak_compare_b')

/** The same telemetry node and session, seen at other wall-clock times and with other feed outages. */
const rows = (seenAt: string, intervals: string) => `
    INSERT INTO telemetry_node (id, genesis_hash, name, first_seen_at, last_seen_at, online, connections, stale)
        VALUES ('c:n1', 'c', 'n1', '${seenAt}', '${seenAt}', true, 1, false);
    ${intervals}
    INSERT INTO session (id, index, chain, era, block_number) VALUES ('relay-5', 5, 'relay', NULL, 25);`

describe('soak table comparison', () => {
    it('lets wall-clock columns and closed intervals differ, not chain rows, and names what differs', async () => {
        await applyMigrations(soakDb.settings)
        await applyMigrations(referenceDb.settings)
        await queryOnce(
            soakDb.settings,
            rows(
                '2026-01-01T00:00:05Z',
                `
            INSERT INTO feed_connection_interval (id, genesis_hash, feed_url, start, "end", alive_until) VALUES
                ('c:1', 'c', 'ws://proxy/feed', '2026-01-01T00:00:00Z', '2026-01-01T00:00:09Z', '2026-01-01T00:00:09Z'),
                ('c:2', 'c', 'ws://proxy/feed', '2026-01-01T00:00:10Z', NULL, '2026-01-01T00:00:20Z');
            INSERT INTO telemetry_node_interval (id, node_id, kind, start, "end") VALUES
                ('c:n1:online:1', 'c:n1', 'online', '2026-01-01T00:00:00Z', '2026-01-01T00:00:09Z'),
                ('c:n1:online:2', 'c:n1', 'online', '2026-01-01T00:00:10Z', NULL);`,
            ),
        )
        await queryOnce(
            referenceDb.settings,
            rows(
                '2026-01-01T00:00:01Z',
                `
            INSERT INTO feed_connection_interval (id, genesis_hash, feed_url, start, "end", alive_until) VALUES
                ('c:0', 'c', 'ws://devnet/feed', '2026-01-01T00:00:00Z', NULL, '2026-01-01T00:00:20Z');
            INSERT INTO telemetry_node_interval (id, node_id, kind, start, "end") VALUES
                ('c:n1:online:0', 'c:n1', 'online', '2026-01-01T00:00:00Z', NULL);`,
            ),
        )
        expect(await compareDatabases(soakDb.settings, referenceDb.settings)).toEqual([])

        // A chain row that differs, one that is missing, a node gone offline: each is reported.
        await queryOnce(
            soakDb.settings,
            `UPDATE session SET era = 1 WHERE id = 'relay-5';
            INSERT INTO session (id, index, chain, era, block_number) VALUES ('relay-6', 6, 'relay', NULL, 30);
            UPDATE telemetry_node SET online = false`,
        )
        const diffs = await compareDatabases(soakDb.settings, referenceDb.settings)
        expect(diffs.map(d => [d.table, d.soakRows, d.referenceRows, d.onlySoak, d.onlyReference, d.changed])).toEqual([
            ['session', 2, 1, 1, 0, 1],
            ['telemetry_node', 1, 1, 0, 0, 1],
        ])
        expect(diffs[0].examples).toEqual([
            'relay-6: soak {"id": "relay-6", "era": null, "chain": "relay", "index": 6, "timestamp": null, "block_number": 30} / reference (none)',
            'relay-5: soak {"id": "relay-5", "era": 1, "chain": "relay", "index": 5, "timestamp": null, "block_number": 25} / ' +
                'reference {"id": "relay-5", "era": null, "chain": "relay", "index": 5, "timestamp": null, "block_number": 25}',
        ])
    })
})
