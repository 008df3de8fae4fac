/**
 * Runs the compiled processor probe (`lib/devnet/processor-probe.js`) as a child process, as the
 * Subsquid processor must run (its `run()` exits the process), and returns what it wrote.
 */
import {spawn} from 'child_process'
import fs from 'fs'
import os from 'os'
import path from 'path'
import {PROJECT_DIR} from '../config/project-dir'

export interface ProbeRun {
    lines: any[]
    exitCode: number | null
    stderr: string
    elapsedMs: number
}

/** The compiled probe, found from the repository root (this file runs from test/ under vitest and from lib/ compiled). */
export const PROBE_SCRIPT = path.join(PROJECT_DIR, 'lib/devnet/processor-probe.js')

export async function runProcessorProbe(
    rpcUrl: string,
    toBlock: number,
    env: Record<string, string> = {},
    timeoutMs = 100_000,
): Promise<ProbeRun> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devnet-probe-'))
    const out = path.join(dir, 'out.jsonl')
    const started = Date.now()
    const child = spawn(process.execPath, [PROBE_SCRIPT], {
        env: {...process.env, RPC_ENDPOINT: rpcUrl, PROBE_TO_BLOCK: String(toBlock), PROBE_OUT: out, PROMETHEUS_PORT: '0', ...env},
        stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', d => (stderr += d.toString()))
    const exitCode = await new Promise<number | null>(resolve => {
        const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
        child.on('exit', code => {
            clearTimeout(timer)
            resolve(code)
        })
    })
    const text = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : ''
    fs.rmSync(dir, {recursive: true, force: true})
    return {
        lines: text
            .split('\n')
            .filter(Boolean)
            .map(l => JSON.parse(l)),
        exitCode,
        stderr,
        elapsedMs: Date.now() - started,
    }
}
