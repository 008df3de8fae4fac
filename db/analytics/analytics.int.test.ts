import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {useTestDatabase} from '../../test/vitest/database'
import {pgClientConfig} from '../connection'
import {applyMigrations} from '../migrate'

const db = useTestDatabase('analytics')
const sql = (name: string) => fs.readFileSync(path.join(__dirname, name), 'utf8')
const acct = (n: number) => '0x' + n.toString(16).padStart(64, '0')
const V1 = acct(1),
    V2 = acct(2),
    V3 = acct(3),
    OP = acct(9)
const N1 = acct(0x11),
    N2 = acct(0x12),
    N3 = acct(0x13)

let client: pg.Client

beforeAll(async () => {
    await applyMigrations(db.settings)
    client = new pg.Client(pgClientConfig(db.settings))
    await client.connect()
    for (const a of [V1, V2, V3, OP]) await client.query('INSERT INTO account (id) VALUES ($1)', [a])
    // 90 eras: V1 earns 100/era, V2 60/era in the last 84 only, V3 is active but earns points only in era 89.
    for (let era = 0; era < 90; era++) {
        const rows: [string, number, boolean, bigint][] = [
            [V1, 100, true, 3000n],
            [V2, era >= 6 ? 60 : 0, era >= 6, 2000n],
            [V3, era === 89 ? 10 : 0, true, 1000n],
        ]
        for (const [v, points, active, stake] of rows) {
            await client.query(
                `INSERT INTO era_validator (id, era, validator_id, chain, points, nominator_count, active, total_exposure_planck) VALUES ($1,$2,$3,'relay',$4,0,$5,$6)`,
                [`${era}-${v}`, era, v, points, active, String(stake)],
            )
        }
    }
    // V1 claimed every era except 88; V2 claimed none; V3 claimed era 89.
    for (let era = 0; era < 90; era++)
        if (era !== 88)
            await client.query(`INSERT INTO payout (id, era, validator_id, chain, block_number) VALUES ($1,$2,$3,'relay',1)`, [
                `p1-${era}`,
                era,
                V1,
            ])
    await client.query(`INSERT INTO payout (id, era, validator_id, chain, block_number) VALUES ('p3', 89, $1, 'relay', 1)`, [V3])
    // Operator OP (no node) with subs V1 and V2; V3 on its own.
    const identity = `INSERT INTO identity (id, account_id, chain, display, judgements, verified, parent_id, sub_name, root_id, cleared, updated_block) VALUES ($1,$1,'people',$2,'[]',true,$3,$4,$5,false,1)`
    await client.query(identity, [OP, 'OPERATOR', null, null, OP])
    await client.query(identity, [V1, null, OP, 'node-1', OP])
    await client.query(identity, [V2, null, OP, 'node-2', OP])
    await client.query(identity, [V3, 'SOLO', null, null, V3])
})

/** Nominations in era 89: N1 backs V1 (exposed) and V2 (not); N2 backs V2; N3 moved from V1 to V3 in era 85. */
async function insertNominations() {
    for (const n of [N1, N2, N3]) await client.query('INSERT INTO account (id) VALUES ($1)', [n])
    const targets = `INSERT INTO nominator_targets (id, era, nominator_id, targets, submitted_in, latest, block_number) VALUES ($1, $2, $3, $4, $2, $5, 1)`
    await client.query(targets, [`80-${N1}`, 80, N1, [V1, V2], true])
    await client.query(targets, [`80-${N2}`, 80, N2, [V2], true])
    await client.query(targets, [`80-${N3}`, 80, N3, [V1], false])
    await client.query(targets, [`85-${N3}`, 85, N3, [V3], true])
    await client.query(`INSERT INTO exposure (id, era, nominator_id, validator_id, amount_planck) VALUES ($1, 89, $2, $3, 500)`, [
        `89-${N1}-${V1}`,
        N1,
        V1,
    ])
    for (const [n, bond] of [
        [N1, 1000],
        [N2, 300],
        [N3, 200],
    ] as const) {
        await client.query(`INSERT INTO nominator_bond (id, era, nominator_id, bonded_planck) VALUES ($1, 89, $2, $3)`, [
            `89-${n}`,
            n,
            bond,
        ])
    }
}

afterAll(async () => {
    await client?.end()
})

describe('db/analytics', () => {
    it('top-validators-by-points.sql ranks by points over the last 84 eras', async () => {
        const {rows} = await client.query(sql('top-validators-by-points.sql'))
        expect(rows.map(r => [r.validator, Number(r.eras_active), Number(r.total_points)])).toEqual([
            [V1, 84, 8400],
            [V2, 84, 5040],
            [V3, 84, 10],
        ])
        expect(rows[2].display).toBe('SOLO')
    })

    it('unclaimed-payouts.sql lists active eras with points and no payout', async () => {
        const {rows} = await client.query(sql('unclaimed-payouts.sql'))
        const byValidator = (v: string) => rows.filter(r => r.validator === v).map(r => r.era)
        expect(byValidator(V1)).toEqual([88])
        expect(byValidator(V2)).toEqual(Array.from({length: 84}, (_, i) => i + 6))
        expect(byValidator(V3)).toEqual([])
    })

    it('unclaimed-payouts.sql counts exposure pages: an era paid on some pages and not others is listed with its unpaid pages', async () => {
        // V3's era 89 (one payout recorded) paid in 3 pages.
        await client.query('UPDATE era_validator SET page_count = 3 WHERE id = $1', [`89-${V3}`])
        try {
            const unpaid = async () =>
                (await client.query(sql('unclaimed-payouts.sql'))).rows
                    .filter(r => r.validator === V3)
                    .map(r => [r.era, r.page_count, r.unclaimed_pages])
            expect(await unpaid()).toEqual([[89, 3, 2]])
            await client.query(
                `INSERT INTO payout (id, era, validator_id, page, chain, block_number) VALUES ('p3-page-1', 89, $1, 1, 'relay', 2)`,
                [V3],
            )
            expect(await unpaid()).toEqual([[89, 3, 1]])
            await client.query(
                `INSERT INTO payout (id, era, validator_id, page, chain, block_number) VALUES ('p3-page-2', 89, $1, 2, 'relay', 3)`,
                [V3],
            )
            expect(await unpaid()).toEqual([])
        } finally {
            await client.query(`DELETE FROM payout WHERE id IN ('p3-page-1', 'p3-page-2')`)
            await client.query('UPDATE era_validator SET page_count = NULL WHERE id = $1', [`89-${V3}`])
        }
    })

    it('nodes-per-identity.sql groups sub-identities under their operator', async () => {
        const {rows} = await client.query(sql('nodes-per-identity.sql'))
        expect(rows.map(r => [r.root, r.root_display, Number(r.active_nodes), Number(r.accounts)])).toEqual([
            [OP, 'OPERATOR', 2, 3],
            [V3, 'SOLO', 1, 1],
        ])
    })

    it("nominator-stake.sql splits each validator's nominators in the latest era into exposed and not", async () => {
        await insertNominations()
        const {rows} = await client.query(sql('nominator-stake.sql'))
        expect(
            rows.map(r => [
                r.era,
                r.validator,
                Number(r.active_nominators),
                r.active_stake_planck,
                Number(r.inactive_nominators),
                r.inactive_stake_planck,
            ]),
        ).toEqual([
            [89, V1, 1, '500', 0, '0'],
            [89, V2, 0, '0', 2, '1300'],
            [89, V3, 0, '0', 1, '200'],
        ])
    })

    it('stake-concentration.sql gives the top-10 share and the validators holding a third', async () => {
        const {rows} = await client.query(sql('stake-concentration.sql'))
        const last = rows.find(r => r.era === 89)!
        expect([
            Number(last.validators),
            last.total_stake_planck,
            Number(last.top10_share_perbill),
            Number(last.validators_for_one_third),
        ]).toEqual([3, '6000', 1_000_000_000, 1])
        const first = rows.find(r => r.era === 0)!
        expect([Number(first.validators), first.total_stake_planck]).toEqual([2, '4000'])
    })
})
