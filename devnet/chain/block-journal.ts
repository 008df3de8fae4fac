/**
 * A devnet's inputs on disk, so a restarted devnet resumes the same chain: the height it reached and
 * the extrinsics submitted to each chain per block (everything else is derived from the seed).
 * A header line {"scenario", "seed"}, then one JSON line per produced block:
 * {"n": 12, "branch": 0, "included": {"assetHub": ["0x…"]}}, with "content" (`fork-variant.ts`) on the blocks
 * of a fork's branch that depart from the scenario. A reorg rewrites the file.
 */
import fs from 'fs'
import {blake2AsHex} from '@polkadot/util-crypto'
import type {ChainRole} from './chain-role'
import type {SubmittedExtrinsic} from './devnet-chain'
import {contentFlags, type BlockContent} from './fork-variant'

export interface JournalEntry {
    n: number
    /** Reorg generation the block was produced in. */
    branch: number
    included: Partial<Record<ChainRole, string[]>>
    content: BlockContent
}

export class JournalFileError extends Error {
    constructor(
        readonly file: string,
        readonly line: number,
        reason: string,
    ) {
        super(`devnet journal ${file}, line ${line}: ${reason}`)
    }
}

/** The recorded blocks of a journal file, in order (none when the file does not exist). */
export function readJournal(file: string, scenario: string, seed: number): JournalEntry[] {
    if (!fs.existsSync(file)) return []
    const lines = fs.readFileSync(file, 'utf8').split('\n')
    const entries: JournalEntry[] = []
    lines.forEach((line, i) => {
        if (!line.trim()) return
        let v: any
        try {
            v = JSON.parse(line)
        } catch (e: any) {
            // A line cut short by a crash ends the journal; anything else is an error.
            if (i === lines.length - 1 || lines.slice(i + 1).every(l => !l.trim())) return
            throw new JournalFileError(file, i + 1, `not JSON: ${e.message}`)
        }
        if (i === 0) {
            if (v.scenario !== scenario || v.seed !== seed)
                throw new JournalFileError(file, 1, `written for scenario ${v.scenario} seed ${v.seed}, not ${scenario} seed ${seed}`)
            return
        }
        if (!Number.isSafeInteger(v.n) || v.n !== entries.length + 1)
            throw new JournalFileError(file, i + 1, `expected block ${entries.length + 1}, got ${JSON.stringify(v.n)}`)
        if (v.content !== undefined && (typeof v.content !== 'object' || v.content === null))
            throw new JournalFileError(file, i + 1, `"content" must be an object, got ${JSON.stringify(v.content)}`)
        entries.push({n: v.n, branch: v.branch ?? 0, included: v.included ?? {}, content: contentFlags(v.content) ?? {}})
    })
    return entries
}

export function journalHeader(scenario: string, seed: number): string {
    return JSON.stringify({scenario, seed}) + '\n'
}

export function journalLine(n: number, branch: number, included: Map<ChainRole, SubmittedExtrinsic[]>, content?: BlockContent): string {
    const obj: Partial<Record<ChainRole, string[]>> = {}
    for (const [role, list] of included) if (list.length) obj[role] = list.map(s => s.hex)
    const flags = contentFlags(content)
    return JSON.stringify(flags ? {n, branch, included: obj, content: flags} : {n, branch, included: obj}) + '\n'
}

/** Submitted extrinsics of a journal entry, in the form chains replay. */
export function entryInputs(entry: JournalEntry): Map<ChainRole, SubmittedExtrinsic[]> {
    const out = new Map<ChainRole, SubmittedExtrinsic[]>()
    for (const [role, list] of Object.entries(entry.included) as [ChainRole, string[]][]) {
        out.set(
            role,
            list.map(hex => ({hex, hash: blake2AsHex(hex, 256), signer: '', nonce: 0})),
        )
    }
    return out
}
