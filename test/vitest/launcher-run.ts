/**
 * Running `npm start` (the compiled launcher) in tests: the devnet config on free ports, the launcher in a
 * process group of its own as a terminal gives it, its output watched for lines, Ctrl-C to the whole group.
 */
import {spawn} from 'child_process'
import fs from 'fs'
import net from 'net'
import path from 'path'
import {PROJECT_DIR} from '../../config/project-dir'
import {freePort, freePortRun} from '../../db/embedded'

const MAIN = path.join(PROJECT_DIR, 'lib', 'launcher', 'main.js')

/**
 * `config/devnet.json` with free ports for the devnet, the metrics endpoints, GraphQL and REST (other processes
 * may hold the defaults), written into `dir`; everything else as `npm start` reads it.
 */
export async function devnetConfigOnFreePorts(dir: string): Promise<string> {
    const cfg = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, 'config', 'devnet.json'), 'utf8'))
    cfg.candidatesFile = path.join(PROJECT_DIR, 'config', cfg.candidatesFile)
    // The current layout's relay, Asset Hub and People listen on consecutive ports.
    cfg.devnet.port = await freePortRun(3)
    for (const service of Object.keys(cfg.metrics.ports)) cfg.metrics.ports[service] = await freePort()
    cfg.api.graphqlPort = await freePort()
    cfg.api.restPort = await freePort()
    const file = path.join(dir, 'devnet-free-ports.json')
    fs.writeFileSync(file, JSON.stringify(cfg))
    return file
}

/** The text of the banner's line for `label` (the labels are padded to one width). */
export function bannerValue(output: string, label: string): string | undefined {
    return new RegExp(`^  ${label} +(.*)$`, 'm').exec(output)?.[1]
}

/** Whether something listens on the port of 127.0.0.1. */
export function accepts(port: number): Promise<boolean> {
    return new Promise(resolve => {
        const socket = net.connect(port, '127.0.0.1')
        socket.once('connect', () => {
            socket.destroy()
            resolve(true)
        })
        socket.once('error', () => resolve(false))
    })
}

/** The launcher's environment on a machine with no database configured. */
export function bareEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {...process.env, ...extra}
    for (const k of ['DB_URL', 'DB_HOST', 'DB_PORT', 'DB_NAME', 'DB_USER', 'DB_PASS']) delete env[k]
    return env
}

export interface LauncherRun {
    output: () => string
    waitFor: (text: string) => Promise<void>
    /** The first line matching `pattern`, once there is one. */
    waitForLine: (pattern: RegExp) => Promise<RegExpExecArray>
    exited: Promise<number | null>
    kill: (signal: NodeJS.Signals) => void
    /** Ctrl-C in a terminal: SIGINT to the launcher's whole process group (its services, its Postgres). */
    interrupt: () => void
    /** Whether any process of the launcher's group is still alive. */
    groupAlive: () => boolean
    /** Also the id of its process group, which its services share. */
    pid: number
}

/** Starts the launcher as `npm start` does, in a process group of its own as a terminal gives it. */
export function launch(env: NodeJS.ProcessEnv): LauncherRun {
    const child = spawn(process.execPath, [MAIN], {env, stdio: ['ignore', 'pipe', 'pipe'], detached: true})
    let out = ''
    let waiters: {matches: () => boolean; resolve: () => void; reject: (e: Error) => void}[] = []
    const onData = (d: Buffer) => {
        out += d.toString()
        const met = waiters.filter(w => w.matches())
        waiters = waiters.filter(w => !met.includes(w))
        for (const w of met) w.resolve()
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)))
    /** Set once the launcher has exited and all its output is read. */
    let closedWith: number | null | undefined
    child.on('close', code => {
        closedWith = code
        // What a test waits for will not come: it fails now, with the launcher's last words, not at its timeout.
        for (const w of waiters.splice(0)) w.reject(launcherExited(code, out))
    })
    const until = (matches: () => boolean) =>
        matches()
            ? Promise.resolve()
            : closedWith !== undefined
              ? Promise.reject(launcherExited(closedWith, out))
              : new Promise<void>((resolve, reject) => waiters.push({matches, resolve, reject}))
    return {
        output: () => out,
        waitFor: text => until(() => out.includes(text)),
        waitForLine: async pattern => {
            const line = new RegExp(pattern.source, pattern.flags.includes('m') ? pattern.flags : `${pattern.flags}m`)
            await until(() => line.test(out))
            return line.exec(out)!
        },
        exited,
        kill: signal => child.kill(signal),
        interrupt: () => process.kill(-child.pid!, 'SIGINT'),
        groupAlive: () => {
            try {
                process.kill(-child.pid!, 0)
                return true
            } catch {
                return false
            }
        },
        pid: child.pid!,
    }
}

function launcherExited(code: number | null, output: string): Error {
    return new Error(`the launcher exited (code ${code}) before the line waited for; its output ends:\n${output.slice(-4000)}`)
}
