/**
 * `npm run score:explain -- <stash> [era]`: prints a candidate's score recomputed from the stored rows alone
 * beside the stored one, component by component. Exit 0 when they are equal, 1 when they differ, 2 when
 * there is no stored score. Database from DB_URL or DB_HOST/….
 */
import {dbSettingsFromEnv} from '../../db/connection'
import {createDataSource} from '../../db/orm'
import {renderExplanation} from './explain'
import {explainStoredScore} from './explain-stored'

async function main(): Promise<number> {
    const [stash, eraArg] = process.argv.slice(2)
    if (!stash || (eraArg !== undefined && !/^\d+$/.test(eraArg))) {
        process.stderr.write('usage: npm run score:explain -- <stash (SS58 or 0x hex)> [era]\n')
        return 2
    }
    const ds = createDataSource(dbSettingsFromEnv(process.env))
    await ds.initialize()
    try {
        const found = await explainStoredScore(ds.manager, stash, eraArg === undefined ? undefined : Number(eraArg))
        if (!found) {
            process.stderr.write(`no stored score of ${stash}${eraArg === undefined ? '' : ` in era ${eraArg}`}\n`)
            return 2
        }
        process.stdout.write(`${renderExplanation(found.explanation, found.metadata)}\n`)
        return found.explanation.equal ? 0 : 1
    } finally {
        await ds.destroy()
    }
}

main().then(
    code => process.exit(code),
    e => {
        process.stderr.write(`score:explain: ${e instanceof Error ? e.message : String(e)}\n`)
        process.exit(1)
    },
)
