/**
 * The launcher's line when the nominator's first round of this run has landed. The nominator's rounds table is
 * polled: a round has landed when its status is `done` (every nomination landed or was announced) or `partial`
 * (some failed). Rounds that had landed before the launcher started are the baseline, not news.
 */
import pg from 'pg'
import {pgClientConfig, type DbSettings} from '../db/connection'

const LANDED = ['done', 'partial']
const POLL_MS = 5000

export interface LandedRound {
    era: number
    status: string
    /** The round's allocation: `[{name, stash, targets}]`. */
    targets: {name: string; targets: string[]}[]
}

/** The line the banner's reader sees. */
export function describeLanded(r: LandedRound): string {
    const accounts = r.targets.map(a => `${a.name} ${a.targets.length}`).join(', ')
    return `first nomination round landed: era ${r.era} (${r.status}), targets per account: ${accounts || 'none'}`
}

/** Polls until a round above the baseline lands, tells `onLanded` once, and stops. */
export function watchFirstRound(db: DbSettings, onLanded: (round: LandedRound) => void, onError: (e: Error) => void) {
    const pool = new pg.Pool({...pgClientConfig(db), max: 1, application_name: 'launcher round watch'})
    pool.on('error', () => undefined)
    let baseline: number | undefined
    let timer: NodeJS.Timeout | undefined
    let stopped = false
    let ended: Promise<void> | undefined
    const end = () => (ended ??= pool.end().catch(() => undefined))
    const poll = async () => {
        const rows = (
            await pool.query<LandedRound>('SELECT era, status, targets FROM nomination_round WHERE status = ANY($1) ORDER BY era', [LANDED])
        ).rows
        if (baseline === undefined) {
            baseline = rows.at(-1)?.era ?? -1
            return
        }
        const landed = rows.find(r => r.era > baseline!)
        if (landed) {
            stopped = true
            onLanded(landed)
        }
    }
    const loop = () => {
        poll()
            .catch(e => onError(e instanceof Error ? e : new Error(String(e))))
            .finally(() => {
                if (!stopped) timer = setTimeout(loop, POLL_MS)
                else void end()
            })
    }
    loop()
    return {
        async stop() {
            stopped = true
            clearTimeout(timer)
            await end()
        },
    }
}
