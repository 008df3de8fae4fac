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
const V1 = acct(1), V2 = acct(2), V3 = acct(3), OP = acct(9)

let client: pg.Client

beforeAll(async () => {
    await applyMigrations(db.settings)
    client = new pg.Client(pgClientConfig(db.settings))
    await client.connect()
    for (const a of [V1, V2, V3, OP]) await client.query('INSERT INTO account (id) VALUES ($1)', [a])
    // 90 eras: V1 earns 100/era, V2 60/era in the last 84 only, V3 is active but earns points only in era 89.
    for (let era = 0; era < 90; era++) {
        const rows: [string, number, boolean, bigint][] = [[V1, 100, true, 3000n], [V2, era >= 6 ? 60 : 0, era >= 6, 2000n], [V3, era === 89 ? 10 : 0, true, 1000n]]
        for (const [v, points, active, stake] of rows) {
            await client.query(
                `INSERT INTO era_validator (id, era, validator_id, chain, points, nominator_count, active, total_exposure_planck) VALUES ($1,$2,$3,'relay',$4,0,$5,$6)`,
                [`${era}-${v}`, era, v, points, active, String(stake)])
        }
    }
    // V1 claimed every era except 88; V2 claimed none; V3 claimed era 89.
    for (let era = 0; era < 90; era++) if (era !== 88) await client.query(`INSERT INTO payout (id, era, validator_id, chain, block_number) VALUES ($1,$2,$3,'relay',1)`, [`p1-${era}`, era, V1])
    await client.query(`INSERT INTO payout (id, era, validator_id, chain, block_number) VALUES ('p3', 89, $1, 'relay', 1)`, [V3])
    // Operator OP (no node) with subs V1 and V2; V3 on its own.
    const identity = `INSERT INTO identity (id, account_id, chain, display, judgements, verified, parent_id, sub_name, root_id, cleared, updated_block) VALUES ($1,$1,'people',$2,'[]',true,$3,$4,$5,false,1)`
    await client.query(identity, [OP, 'OPERATOR', null, null, OP])
    await client.query(identity, [V1, null, OP, 'node-1', OP])
    await client.query(identity, [V2, null, OP, 'node-2', OP])
    await client.query(identity, [V3, 'SOLO', null, null, V3])
})

afterAll(async () => {
    await client?.end()
})

describe('db/analytics', () => {
    it('top-validators-by-points.sql ranks by points over the last 84 eras', async () => {
        const {rows} = await client.query(sql('top-validators-by-points.sql'))
        expect(rows.map(r => [r.validator, Number(r.eras_active), Number(r.total_points)])).toEqual([
            [V1, 84, 8400], [V2, 84, 5040], [V3, 84, 10],
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

    it('nodes-per-identity.sql groups sub-identities under their operator', async () => {
        const {rows} = await client.query(sql('nodes-per-identity.sql'))
        expect(rows.map(r => [r.root, r.root_display, Number(r.active_nodes), Number(r.accounts)])).toEqual([
            [OP, 'OPERATOR', 2, 3], [V3, 'SOLO', 1, 1],
        ])
    })

    it('stake-concentration.sql gives the top-10 share and the validators holding a third', async () => {
        const {rows} = await client.query(sql('stake-concentration.sql'))
        const last = rows.find(r => r.era === 89)!
        expect([Number(last.validators), last.total_stake_planck, Number(last.top10_share_perbill), Number(last.validators_for_one_third)])
            .toEqual([3, '6000', 1_000_000_000, 1])
        const first = rows.find(r => r.era === 0)!
        expect([Number(first.validators), first.total_stake_planck]).toEqual([2, '4000'])
    })
})
