/**
 * Identities as the devnet's world holds them and as the squid stored them, in one shape, so a test
 * compares the two: display, the 1KV verified flag (a Reasonable or KnownGood judgement), parent, sub
 * name and root (the parent, else the account itself).
 */
import type pg from 'pg'
import type {ScenarioFacts} from '../../devnet/scenario/facts'
import type {World} from '../../devnet/scenario/world'

export interface IdentityRow {
    display: string | null
    verified: boolean
    parentId: string | null
    subName: string | null
    rootId: string
}

export interface StoredIdentityRow extends IdentityRow {
    updatedBlock: number
}

/** A stored row without its update block, to compare with the world's. */
export function withoutBlock(row: StoredIdentityRow | undefined): IdentityRow | undefined {
    if (!row) return row
    const {updatedBlock: _, ...rest} = row
    return rest
}

/** Every identity and sub-identity of the world, by account. */
export function worldIdentityRows(world: World): Map<string, IdentityRow> {
    const rows = new Map<string, IdentityRow>()
    const accounts = new Set([...world.identities.keys(), ...world.superOf.keys()])
    for (const id of accounts) {
        const idn = world.identities.get(id)
        const [parent, subName] = world.superOf.get(id) ?? [null, null]
        rows.set(id, {
            display: idn?.display ?? null,
            verified: (idn?.judgements ?? []).some(j => j.judgement === 'Reasonable' || j.judgement === 'KnownGood'),
            parentId: parent,
            subName,
            rootId: parent ?? id,
        })
    }
    return rows
}

/** The account each identity event the devnet emits names. */
const EVENT_ACCOUNT: Record<string, string> = {'Identity.IdentitySet': 'who', 'Identity.JudgementGiven': 'target'}

/** The last block in [from, to] in which an identity event on the chain named each account. */
export function lastIdentityEvents(facts: ScenarioFacts, chain: string, from: number, to: number): Map<string, number> {
    const last = new Map<string, number>()
    for (const [name, key] of Object.entries(EVENT_ACCOUNT)) {
        for (const e of facts.events[name] ?? []) {
            const who = e.fields[key] as string
            if (e.chain === chain && e.block >= from && e.block <= to) last.set(who, Math.max(last.get(who) ?? 0, e.block))
        }
    }
    return last
}

/** The world's identities as of an indexed head below the devnet's: accounts an event changed after it are left out. */
export function worldIdentitiesAt(world: World, facts: ScenarioFacts, chain: string, head: number): Map<string, IdentityRow> {
    const rows = worldIdentityRows(world)
    for (const changedLater of lastIdentityEvents(facts, chain, head + 1, Infinity).keys()) rows.delete(changedLater)
    return rows
}

/** The squid's current identity rows of one chain layer that are not cleared, by account. */
export async function storedIdentityRows(client: pg.Client, chain: string): Promise<Map<string, StoredIdentityRow>> {
    const r = await client.query(
        'SELECT id, display, verified, parent_id, sub_name, root_id, updated_block FROM identity WHERE chain = $1 AND NOT cleared',
        [chain],
    )
    return new Map(
        r.rows.map(x => [
            x.id,
            {
                display: x.display,
                verified: x.verified,
                parentId: x.parent_id,
                subName: x.sub_name,
                rootId: x.root_id,
                updatedBlock: x.updated_block,
            },
        ]),
    )
}
