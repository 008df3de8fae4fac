import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {DataSource, In} from 'typeorm'
import * as model from '../../db/model'
import {Account, NominatorBond, NominatorTargets} from '../../db/model'
import {applyMigrations} from '../../db/migrate'
import {createDataSource} from '../../db/orm'
import {useTestDatabase} from '../../test/vitest/database'
import {insertRows} from './bulk-insert'

const db = useTestDatabase('bulk_insert')
let ds: DataSource

beforeAll(async () => {
    await applyMigrations(db.settings)
    // The model as the tests import it (the processor's data source loads the compiled one).
    ds = new DataSource({
        ...createDataSource(db.settings).options,
        entities: Object.values(model).filter(v => typeof v === 'function'),
    } as never)
    await ds.initialize()
})

afterAll(async () => {
    await ds?.destroy()
})

describe('insertRows', () => {
    it('stores list columns element by element, whatever characters the elements hold', async () => {
        const awkward = ['a"b', 'c\\d', 'e,f', '{g}', 'NULL', ' spaced ', '']
        await insertRows(ds.manager, [new Account({id: 'n1'}), new Account({id: 'n2'})])
        await insertRows(ds.manager, [
            new NominatorTargets({
                id: '1-n1',
                era: 1,
                nominator: new Account({id: 'n1'}),
                targets: awkward,
                submittedIn: 0,
                latest: true,
                blockNumber: 7,
            }),
            new NominatorTargets({
                id: '1-n2',
                era: 1,
                nominator: new Account({id: 'n2'}),
                targets: [],
                submittedIn: null,
                latest: false,
                blockNumber: 7,
            }),
        ])
        const rows = await ds.manager.find(NominatorTargets, {order: {id: 'ASC'}, relations: {nominator: true}})
        expect(rows.map(r => [r.id, r.nominator.id, r.targets, r.submittedIn, r.latest, r.blockNumber])).toEqual([
            ['1-n1', 'n1', awkward, 0, true, 7],
            ['1-n2', 'n2', [], null, false, 7],
        ])
    })

    it('keeps balances beyond 2^53 exact, and skips stored keys only when asked', async () => {
        const big = 2n ** 96n + 12345n
        await insertRows(ds.manager, [new NominatorBond({id: '1-n1', era: 1, nominatorId: 'n1', bondedPlanck: big})])
        await expect(
            insertRows(ds.manager, [new NominatorBond({id: '1-n1', era: 1, nominatorId: 'n1', bondedPlanck: 1n})]),
        ).rejects.toThrow(/duplicate key/)
        await insertRows(
            ds.manager,
            [
                new NominatorBond({id: '1-n1', era: 1, nominatorId: 'n1', bondedPlanck: 1n}),
                new NominatorBond({id: '1-n2', era: 1, nominatorId: 'n2', bondedPlanck: 2n}),
            ],
            {skipExisting: true},
        )
        const rows = await ds.manager.find(NominatorBond, {order: {id: 'ASC'}})
        expect(rows.map(r => [r.id, r.bondedPlanck])).toEqual([
            ['1-n1', big],
            ['1-n2', 2n],
        ])
    })

    it('replaces every column of stored rows when asked, as store.upsert does', async () => {
        await insertRows(ds.manager, [new NominatorBond({id: '2-n1', era: 2, nominatorId: 'n1', bondedPlanck: 5n})])
        await insertRows(
            ds.manager,
            [
                new NominatorBond({id: '2-n1', era: 3, nominatorId: 'n2', bondedPlanck: 6n}),
                new NominatorBond({id: '2-n2', era: 2, nominatorId: 'n2', bondedPlanck: 7n}),
            ],
            {replaceExisting: true},
        )
        const rows = await ds.manager.find(NominatorBond, {where: {id: In(['2-n1', '2-n2'])}, order: {id: 'ASC'}})
        expect(rows.map(r => [r.id, r.era, r.nominatorId, r.bondedPlanck])).toEqual([
            ['2-n1', 3, 'n2', 6n],
            ['2-n2', 2, 'n2', 7n],
        ])
    })
})
