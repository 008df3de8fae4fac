/**
 * A TypeORM data source whose entities are the model classes as a test imports them (db/model, TypeScript):
 * `createDataSource(…, {withModel: true})` loads the compiled ones from lib/, other classes, so that rows built
 * with `new Entity(…)` in a test would find no metadata.
 */
import type {DataSource, DataSourceOptions} from 'typeorm'
import type {DbSettings} from '../../db/connection'
import * as model from '../../db/model'
import {createDataSource} from '../../db/orm'

export function modelDataSource(settings: DbSettings): DataSource {
    const ds = createDataSource(settings)
    ds.setOptions({entities: Object.values(model).filter(v => typeof v === 'function') as DataSourceOptions['entities']})
    return ds
}
