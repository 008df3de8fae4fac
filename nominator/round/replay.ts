/**
 * Replay: recomputes a round's selection from its recorded input snapshot and reports every difference from
 * the targets it recorded, and whether the snapshot still hashes to the recorded input hash.
 */
import {select, type Selection} from '../selection/select'
import {inputHash, parseSnapshot, selectionInput} from './snapshot'

export interface RecordedRound {
    /** The stored canonical snapshot. */
    snapshot: string
    inputHash: string
    targets: {stash: string; targets: string[]}[]
}

export interface TargetDifference {
    stash: string
    /** null: the account has no recorded (or no recomputed) targets. */
    recorded: string[] | null
    recomputed: string[] | null
}

export interface Replay {
    recordedInputHash: string
    recomputedInputHash: string
    differences: TargetDifference[]
    selection: Selection
}

export function replayRound(round: RecordedRound): Replay {
    const input = parseSnapshot(round.snapshot)
    const selection = select(selectionInput(input))
    const recorded = new Map(round.targets.map(t => [t.stash, t.targets]))
    const recomputed = new Map(selection.accounts.map(a => [a.stash, a.targets]))
    const differences: TargetDifference[] = []
    for (const stash of [...new Set([...recorded.keys(), ...recomputed.keys()])].sort()) {
        const r = recorded.get(stash) ?? null
        const c = recomputed.get(stash) ?? null
        if (r === null || c === null || r.length !== c.length || r.some((t, i) => t !== c[i]))
            differences.push({stash, recorded: r, recomputed: c})
    }
    return {recordedInputHash: round.inputHash, recomputedInputHash: inputHash(input), differences, selection}
}

export function replayMatches(replay: Replay): boolean {
    return replay.differences.length === 0 && replay.recordedInputHash === replay.recomputedInputHash
}

export function renderReplay(replay: Replay): string {
    const lines: string[] = []
    lines.push(
        replay.recordedInputHash === replay.recomputedInputHash
            ? `input hash ${replay.recordedInputHash}: matches the snapshot`
            : `input hash differs: recorded ${replay.recordedInputHash}, the snapshot hashes to ${replay.recomputedInputHash}`,
    )
    if (replay.differences.length === 0) lines.push(`targets: the same for all ${replay.selection.accounts.length} accounts`)
    for (const d of replay.differences) {
        lines.push(`${d.stash}:`)
        lines.push(`  recorded   ${d.recorded === null ? '(none)' : d.recorded.join(' ')}`)
        lines.push(`  recomputed ${d.recomputed === null ? '(none)' : d.recomputed.join(' ')}`)
    }
    return lines.join('\n')
}
