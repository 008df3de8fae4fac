/**
 * Runs services as child processes: prefixes every output line with the service name, restarts a
 * service that exits with a growing delay, and stops them all (SIGTERM, then SIGKILL) on shutdown.
 * A service whose port is taken is never started: that is fatal, not a reason to retry.
 */
import {spawn, type ChildProcess} from 'child_process'
import path from 'path'
import readline from 'readline'
import type {Logger} from '@subsquid/logger'
import {PROJECT_DIR} from '../config/project-dir'
import {assertPortsFree} from './port-check'
import type {ServiceSpec} from '../service/service-spec'

const RESTART_MIN_DELAY_MS = 1000
const RESTART_MAX_DELAY_MS = 30_000
const STOP_TIMEOUT_MS = 10_000
const EXIT_WITH_LAUNCHER = path.join(PROJECT_DIR, 'lib/launcher/exit-with-launcher.js')
const REDACTED_LOGS = path.join(PROJECT_DIR, 'lib/launcher/redacted-logs.js')

interface Running {
    spec: ServiceSpec
    child?: ChildProcess
    restartDelayMs: number
    timer?: NodeJS.Timeout
}

export class Supervisor {
    private running: Running[] = []
    private stopping = false
    private nameWidth = 0

    /** @param onFatal a service cannot be restarted (its port is taken): the launcher stops everything */
    constructor(
        private log: Logger,
        private baseEnv: Record<string, string | undefined>,
        private write: (line: string) => void = l => process.stdout.write(l + '\n'),
        private onFatal: (e: Error) => void = e => this.log.fatal(e.message),
    ) {}

    /** Starts every service once all their ports are free; otherwise throws a PortInUseError and starts none. */
    async start(specs: ServiceSpec[]): Promise<void> {
        for (const spec of specs) if (spec.ports) await assertPortsFree(spec.name, spec.ports)
        this.nameWidth = Math.max(this.nameWidth, ...specs.map(s => s.name.length))
        for (const spec of specs) {
            const r: Running = {spec, restartDelayMs: RESTART_MIN_DELAY_MS}
            this.running.push(r)
            this.spawn(r)
        }
    }

    private spawn(r: Running): void {
        const {spec} = r
        const child = spawn(
            process.execPath,
            ['--require', EXIT_WITH_LAUNCHER, '--require', REDACTED_LOGS, spec.script, ...(spec.args ?? [])],
            {
                env: childEnv({...this.baseEnv, ...spec.env}, spec.withheldEnv),
                // stdin stays open while this process lives (exit-with-launcher.ts).
                stdio: ['pipe', 'pipe', 'pipe'],
            },
        )
        r.child = child
        const startedAt = Date.now()
        const prefix = spec.name.padEnd(this.nameWidth) + ' | '
        for (const stream of [child.stdout!, child.stderr!]) {
            readline.createInterface({input: stream}).on('line', line => this.write(prefix + line))
        }
        child.on('exit', (code, signal) => {
            r.child = undefined
            if (this.stopping) return
            // A service that ran for a while before failing gets a fresh, short delay.
            if (Date.now() - startedAt > RESTART_MAX_DELAY_MS) r.restartDelayMs = RESTART_MIN_DELAY_MS
            this.log.warn(`${spec.name} exited (${signal ?? `code ${code}`}); restarting in ${r.restartDelayMs} ms`)
            r.timer = setTimeout(() => void this.respawn(r), r.restartDelayMs)
            r.restartDelayMs = Math.min(r.restartDelayMs * 2, RESTART_MAX_DELAY_MS)
        })
    }

    private async respawn(r: Running): Promise<void> {
        try {
            if (r.spec.ports) await assertPortsFree(r.spec.name, r.spec.ports)
        } catch (e) {
            if (!this.stopping) this.onFatal(e as Error)
            return
        }
        if (!this.stopping) this.spawn(r)
    }

    /** The process id of a running service (undefined while it waits for a restart), for the soak's kill -9. */
    pidOf(name: string): number | undefined {
        return this.running.find(r => r.spec.name === name)?.child?.pid
    }

    async stop(): Promise<void> {
        this.stopping = true
        await Promise.all(
            this.running.map(async r => {
                clearTimeout(r.timer)
                const child = r.child
                if (!child || child.exitCode !== null) return
                const exited = new Promise<void>(resolve => child.once('exit', () => resolve()))
                child.kill('SIGTERM')
                const timeout = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS)
                await exited
                clearTimeout(timeout)
            }),
        )
    }
}

/** The environment without the variables withheld from the child (undefined values are not passed on). */
function childEnv(env: NodeJS.ProcessEnv, withheld: readonly string[] = []): NodeJS.ProcessEnv {
    const out = {...env}
    for (const name of withheld) delete out[name]
    return out
}
