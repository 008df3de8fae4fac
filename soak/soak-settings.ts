/**
 * `npm run soak`'s settings from its flags (`--seed 7`) or environment (`SOAK_SEED=7`), flags first, each
 * checked with an error naming it.
 */

export interface SoakSettings {
    seed: number
    durationMs: number
    stallAfterMs: number
    blockTimeMs: number
    blocksPerSession: number
    sessionsPerEra: number
    settleTimeoutMs: number
    workDir?: string
    /** Where to write the report as JSON as well. */
    reportFile?: string
}

interface Setting {
    flag: string
    env: string
    what: string
    /** Default; undefined = none (the seed is drawn, the folder is a temporary one). */
    default?: number
    /** Multiplier from the given unit to ms. */
    toMs?: number
    min: number
    integer?: boolean
}

export const SETTINGS: Record<Exclude<keyof SoakSettings, 'workDir' | 'reportFile'>, Setting> = {
    seed: {
        flag: '--seed',
        env: 'SOAK_SEED',
        what: "the fault schedule's and the devnet's seed (default: drawn and printed)",
        min: 0,
        integer: true,
    },
    durationMs: {
        flag: '--duration-min',
        env: 'SOAK_DURATION_MIN',
        what: 'minutes of block production and faults',
        default: 30,
        toMs: 60_000,
        min: 0.1,
    },
    stallAfterMs: {
        flag: '--stall-after-s',
        env: 'SOAK_STALL_AFTER_S',
        what: 'seconds a height may stand still behind the finalized head',
        default: 60,
        toMs: 1000,
        min: 1,
    },
    blockTimeMs: {flag: '--block-time-ms', env: 'SOAK_BLOCK_TIME_MS', what: 'ms between blocks', default: 2000, min: 100, integer: true},
    blocksPerSession: {
        flag: '--blocks-per-session',
        env: 'SOAK_BLOCKS_PER_SESSION',
        what: 'blocks per session of the current layout',
        default: 5,
        min: 1,
        integer: true,
    },
    sessionsPerEra: {flag: '--sessions-per-era', env: 'SOAK_SESSIONS_PER_ERA', what: 'sessions per era', default: 3, min: 1, integer: true},
    settleTimeoutMs: {
        flag: '--settle-timeout-s',
        env: 'SOAK_SETTLE_TIMEOUT_S',
        what: 'seconds both stacks may take to reach the head after the run',
        default: 300,
        toMs: 1000,
        min: 1,
    },
}
const WORK_DIR = {flag: '--dir', env: 'SOAK_DIR'}
const REPORT_FILE = {flag: '--report-file', env: 'SOAK_REPORT_FILE'}

export class SoakSettingsError extends Error {
    override name = 'SoakSettingsError'
}

export function usage(): string {
    return [
        'npm run soak -- [flags]   (or the environment variables)',
        ...Object.values(SETTINGS).map(s => `  ${s.flag} / ${s.env}: ${s.what}${s.default === undefined ? '' : ` (default ${s.default})`}`),
        `  ${WORK_DIR.flag} / ${WORK_DIR.env}: folder for config, logs and the soak's Postgres (default: a new temporary folder)`,
        `  ${REPORT_FILE.flag} / ${REPORT_FILE.env}: also write the report to this file as JSON`,
    ].join('\n')
}

/** @param draw the seed when none is given */
export function soakSettings(argv: string[], env: Record<string, string | undefined>, draw: () => number): SoakSettings {
    const flags = new Map<string, string>()
    for (let i = 0; i < argv.length; i++) {
        const [flag, inline] = argv[i].split('=', 2)
        const known = flag === WORK_DIR.flag || flag === REPORT_FILE.flag || Object.values(SETTINGS).some(s => s.flag === flag)
        if (!known) throw new SoakSettingsError(`unknown argument "${argv[i]}"\n${usage()}`)
        const value = inline ?? argv[++i]
        if (value === undefined) throw new SoakSettingsError(`${flag}: a value is required`)
        flags.set(flag, value)
    }
    const out = {} as SoakSettings
    for (const [key, s] of Object.entries(SETTINGS) as [keyof typeof SETTINGS, Setting][]) {
        const raw = flags.get(s.flag) ?? env[s.env]
        const source = flags.has(s.flag) ? s.flag : s.env
        let n: number
        if (raw === undefined || raw === '') {
            n = s.default ?? draw()
        } else {
            n = Number(raw)
            if (!Number.isFinite(n) || n < s.min || (s.integer && !Number.isInteger(n))) {
                throw new SoakSettingsError(
                    `${source}: expected ${s.integer ? 'an integer' : 'a number'} of at least ${s.min} (${s.what}), got "${raw}"`,
                )
            }
        }
        out[key] = Math.round(n * (s.toMs ?? 1))
    }
    const dir = flags.get(WORK_DIR.flag) ?? env[WORK_DIR.env]
    if (dir) out.workDir = dir
    const reportFile = flags.get(REPORT_FILE.flag) ?? env[REPORT_FILE.env]
    if (reportFile) out.reportFile = reportFile
    return out
}
