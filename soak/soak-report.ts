/**
 * The soak's verdict and its summary table: it passes when no processor stalled, both stacks reached the
 * head and no row differs.
 */
import type {SoakReport} from './soak-run'

export function soakProblems(r: SoakReport): string[] {
    const problems: string[] = []
    for (const s of r.stalls)
        problems.push(
            `stall: ${s.processor} stood at ${s.height} for ${((s.toMs - s.fromMs) / 1000).toFixed(0)} s while the finalized head passed it`,
        )
    if (!r.settled) problems.push('the stacks did not both reach the head within the settle timeout')
    for (const d of r.diffs)
        problems.push(
            `table ${d.table}: ${d.onlySoak} row(s) only in the soak database, ${d.onlyReference} only in the reference, ${d.changed} differing`,
        )
    return problems
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`

function table(header: string[], rows: string[][]): string[] {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => r[i].length)))
    const line = (cells: string[]) =>
        cells
            .map((c, i) => c.padEnd(widths[i]))
            .join('  ')
            .trimEnd()
    return [line(header), line(widths.map(w => '-'.repeat(w))), ...rows.map(line)]
}

export function formatReport(r: SoakReport): string {
    const out: string[] = []
    out.push(
        `soak: seed ${r.seed} (SOAK_SEED=${r.seed} SOAK_DURATION_MIN=${Number((r.durationMs / 60_000).toFixed(3))} to replay), ${seconds(r.durationMs)} of faults, ` +
            `a block every ${r.blockTimeMs} ms: ${r.best} blocks (finalized ${r.finalized}), ${r.eras} eras`,
    )
    out.push(
        `faults injected: ${Object.entries(r.injected)
            .map(([k, n]) => `${k} ${n}`)
            .join(', ')}`,
    )
    out.push('')
    out.push(
        ...table(
            ['stack', 'service', 'height', 'restarts', 'of them killed', 'max finality→rows', 'at block'],
            r.services.map(s => [
                s.stack,
                s.service,
                s.height === undefined ? '' : String(s.height),
                String(s.restarts),
                String(s.killed),
                s.maxLag === undefined ? '' : s.maxLag === null ? '-' : seconds(s.maxLag.lagMs),
                s.maxLag ? String(s.maxLag.block) : '',
            ]),
        ),
    )
    out.push('')
    out.push(`stalls (height still for over ${seconds(r.stallAfterMs)} behind the finalized head): ${r.stalls.length || 'none'}`)
    for (const s of r.stalls) out.push(`  ${s.processor} at ${s.height}: ${seconds(s.toMs - s.fromMs)}`)
    out.push(`rows differing: ${r.diffs.length ? '' : 'none'}`)
    if (r.diffs.length) {
        out.push(
            ...table(
                ['table', 'soak rows', 'reference rows', 'only soak', 'only reference', 'differing'],
                r.diffs.map(d => [
                    d.table,
                    String(d.soakRows),
                    String(d.referenceRows),
                    String(d.onlySoak),
                    String(d.onlyReference),
                    String(d.changed),
                ]),
            ).map(l => '  ' + l),
        )
        for (const d of r.diffs) for (const e of d.examples) out.push(`  ${d.table} ${e.length > 600 ? e.slice(0, 600) + '…' : e}`)
    }
    if (!r.settled) out.push('the stacks did not both reach the head within the settle timeout')
    const problems = soakProblems(r)
    out.push(
        '',
        problems.length ? `FAILED (seed ${r.seed}): ${problems.length} problem(s)` : 'PASSED: no stall, no differing row',
        `logs: ${r.workDir}`,
    )
    return out.join('\n')
}
