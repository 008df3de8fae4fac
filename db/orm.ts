/**
 * TypeORM data sources laid out as Subsquid's tools expect: snake_case names, entities from the
 * compiled model in `lib/model`, migrations from `db/migrations`.
 */
import path from 'path'
import {DataSource} from 'typeorm'
import {SnakeNamingStrategy} from '@subsquid/typeorm-config/lib/namingStrategy'
import {PROJECT_DIR} from '../config/project-dir'
import type {DbSettings} from './connection'

export const MIGRATIONS_DIR = path.join(PROJECT_DIR, 'db', 'migrations')

export function createDataSource(db: DbSettings, opts: {withModel?: boolean} = {}): DataSource {
    return new DataSource({
        type: 'postgres',
        host: db.host,
        port: db.port,
        database: db.database,
        username: db.user,
        password: db.password,
        namingStrategy: new SnakeNamingStrategy(),
        entities: opts.withModel ? [path.join(PROJECT_DIR, 'lib', 'model', 'index.js')] : [],
        migrations: [path.join(MIGRATIONS_DIR, '*.js')],
        migrationsTransactionMode: 'all',
        synchronize: false,
        logging: false,
    })
}
