/** `npm run migrate`: applies db/migrations to the database named by DB_URL or DB_HOST/... */
import {createLogger} from '@subsquid/logger'
import {dbSettingsFromEnv, describeDb} from './connection'
import {applyMigrations} from './migrate'

const log = createLogger('migrate')

async function main() {
    const db = dbSettingsFromEnv(process.env)
    const applied = await applyMigrations(db)
    log.info(`${describeDb(db)}: ${applied.length ? `applied ${applied.join(', ')}` : 'up to date'}`)
}

main().catch(e => {
    log.fatal(e)
    process.exit(1)
})
