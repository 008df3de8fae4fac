/**
 * The soak stack's own embedded Postgres, which the soak may restart (never the machine's shared server,
 * which other tests use): a fast shutdown cuts every connection, the data stays.
 */
import {freePort, startEmbeddedPostgres, type EmbeddedPostgresHandle} from '../db/embedded'
import type {DbSettings} from '../db/connection'

export class RestartablePostgres {
    /** The same across restarts (same port, data and password). */
    readonly settings: DbSettings

    private constructor(
        private handle: EmbeddedPostgresHandle | undefined,
        private readonly dir: string,
        private readonly port: number,
        private readonly onLog: (line: string) => void,
    ) {
        this.settings = handle!.settings
    }

    static async start(dir: string, onLog: (line: string) => void): Promise<RestartablePostgres> {
        const port = await freePort()
        return new RestartablePostgres(await startEmbeddedPostgres({dir, port, persistent: true, onLog}), dir, port, onLog)
    }

    async restart(downMs: number): Promise<void> {
        await this.handle?.stop()
        this.handle = undefined
        await new Promise(resolve => setTimeout(resolve, downMs))
        this.handle = await startEmbeddedPostgres({dir: this.dir, port: this.port, persistent: true, onLog: this.onLog})
    }

    async stop(): Promise<void> {
        await this.handle?.stop()
        this.handle = undefined
    }
}
