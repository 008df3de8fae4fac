/**
 * What the scorer's benchmarks print for a step: wall time, this process's CPU time, the CPU time of the
 * database's server processes serving it, and peak heap. On a shared machine wall time follows the load; the two
 * CPU times do not, so they are what to compare across runs.
 */
import fs from 'node:fs'

export interface Measured<T> {
    value: T
    wallMs: number
    cpuMs: number
    /** null when the server's processes cannot be read (a remote server, another OS). */
    postgresCpuMs: number | null
    peakHeapMb: number
}

type Query = (sql: string) => Promise<{pid: number}[]>

/** user + system CPU (ms) of each server process connected to the current database, from /proc/<pid>/stat. */
async function backendCpu(query: Query): Promise<Map<number, number> | null> {
    const rows = await query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`)
    const ticksPerMs = 100 / 1000 // USER_HZ: 100 on Linux
    const out = new Map<number, number>()
    for (const {pid} of rows) {
        let stat: string
        try {
            stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
        } catch {
            return null
        }
        // Fields after the command name "(…)": state is the 3rd field, utime the 14th, stime the 15th.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
        out.set(pid, (Number(fields[11]) + Number(fields[12])) / ticksPerMs)
    }
    return out
}

/** Runs `f`, sampling heap every 5 ms; `query` reads the database's server processes before and after. */
export async function measured<T>(query: Query, f: () => Promise<T>): Promise<Measured<T>> {
    let peak = process.memoryUsage().heapUsed
    const timer = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().heapUsed)
    }, 5)
    const pg0 = await backendCpu(query)
    const t0 = performance.now()
    const cpu0 = process.cpuUsage()
    try {
        const value = await f()
        const wallMs = performance.now() - t0
        const cpu = process.cpuUsage(cpu0)
        const pg1 = await backendCpu(query)
        // A process that came after the start counts from zero; one that left is not counted (its time is lost).
        const postgresCpuMs = pg0 && pg1 ? [...pg1].reduce((s, [pid, ms]) => s + ms - (pg0.get(pid) ?? 0), 0) : null
        peak = Math.max(peak, process.memoryUsage().heapUsed)
        return {value, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, postgresCpuMs, peakHeapMb: peak / 2 ** 20}
    } finally {
        clearInterval(timer)
    }
}

/** "812 ms (CPU: scorer 430 ms, Postgres 290 ms), peak heap 210 MB" */
export function describeMeasured(m: Measured<unknown>): string {
    const pg = m.postgresCpuMs === null ? 'n/a' : `${Math.round(m.postgresCpuMs)} ms`
    return `${Math.round(m.wallMs)} ms (CPU: scorer ${Math.round(m.cpuMs)} ms, Postgres ${pg}), peak heap ${m.peakHeapMb.toFixed(0)} MB`
}
