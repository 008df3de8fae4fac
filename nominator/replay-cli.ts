/**
 * `npm run round:replay -- <round id>`: recomputes a recorded round from its stored input snapshot and prints
 * every difference from the targets it recorded; exits 1 when there is one (or the snapshot's hash differs).
 */
import pg from 'pg'
import {dbSettingsFromEnv, pgClientConfig} from '../db/connection'
import {renderReplay, replayMatches, replayRound} from './round/replay'
import {NominatorStore} from './store/nominator-store'

async function main(args: string[]): Promise<number> {
    const id = args[0]
    if (!id) {
        console.error('usage: npm run round:replay -- <round id>  (the round id is its era, as in NominationRound.id)')
        return 2
    }
    const pool = new pg.Pool(pgClientConfig(dbSettingsFromEnv(process.env)))
    try {
        const round = await new NominatorStore(pool).round(id)
        if (!round) {
            console.error(`no NominationRound with id ${id}`)
            return 2
        }
        const replay = replayRound({snapshot: round.inputSnapshot, inputHash: round.inputHash, targets: round.targets})
        console.log(`round ${round.id} (era ${round.era})`)
        console.log(renderReplay(replay))
        return replayMatches(replay) ? 0 : 1
    } finally {
        await pool.end()
    }
}

main(process.argv.slice(2)).then(
    code => process.exit(code),
    e => {
        console.error(e instanceof Error ? e.message : String(e))
        process.exit(2)
    },
)
