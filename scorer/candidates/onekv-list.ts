/**
 * The programme's candidate list in the 1KV format, `{"candidates": [{slotId, name, stash, kusamaStash?,
 * riotHandle?, kyc?, skipSelfStake?}]}`: each entry is checked field by field, so one bad entry is
 * reported with its slot and the rest still load.
 */
import {z} from 'zod'
import {addressField, CandidateListError, type CandidateProblem, type ParsedEntry, type CandidateList, withoutDuplicates} from './candidate'
import {describeFieldIssue} from './field-issue'

/** The SS58 prefix of Kusama, which every `kusamaStash` must carry whatever the list's own network. */
export const KUSAMA_SS58_PREFIX = 2

const fileShape = z.object({candidates: z.array(z.unknown())})

const fields = {
    slotId: z.int().min(0),
    name: z.string().min(1),
    stash: z.string(),
    kusamaStash: z.string(),
    riotHandle: z.union([z.string(), z.array(z.string())]),
    kyc: z.boolean(),
    skipSelfStake: z.boolean(),
}
type Field = keyof typeof fields
const REQUIRED: Field[] = ['slotId', 'name', 'stash']
const KNOWN = Object.keys(fields) as Field[]

/**
 * Reads the candidates of a parsed 1KV file. `ss58Prefix` is the network's (Polkadot 0, Kusama 2,
 * devnet 42): every `stash` must be encoded for it.
 */
export function parseOneKvList(json: unknown, file: string, ss58Prefix: number): CandidateList {
    const shape = fileShape.safeParse(json)
    if (!shape.success) throw new CandidateListError(file, 'expected an object with a "candidates" array')
    const entries: ParsedEntry[] = []
    const problems: CandidateProblem[] = []
    shape.data.candidates.forEach((raw, index) => {
        const entry = parseEntry(raw, index, ss58Prefix)
        problems.push(...entry.problems)
        if (entry.parsed) entries.push(entry.parsed)
    })
    const unique = withoutDuplicates(entries)
    return {file, candidates: unique.candidates, problems: [...problems, ...unique.problems].sort((a, b) => a.index - b.index)}
}

function parseEntry(raw: unknown, index: number, ss58Prefix: number): {parsed?: ParsedEntry; problems: CandidateProblem[]} {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
        return {problems: [{index, slotId: null, field: '(entry)', reason: 'expected an object', outcome: 'rejected'}]}
    }
    const entry = raw as Record<string, unknown>
    const slotRead = fields.slotId.safeParse(entry.slotId)
    const slotId = slotRead.success ? slotRead.data : null
    const problems: CandidateProblem[] = []
    const problem = (field: string, reason: string, outcome: CandidateProblem['outcome']) =>
        problems.push({index, slotId, field, reason, outcome})

    const value: Partial<Record<Field, unknown>> = {}
    for (const field of KNOWN) {
        if (entry[field] === undefined) {
            if (REQUIRED.includes(field)) problem(field, 'missing', 'rejected')
            continue
        }
        const r = fields[field].safeParse(entry[field], {reportInput: true})
        if (r.success) value[field] = r.data
        else problem(field, describeFieldIssue(r.error.issues[0]), REQUIRED.includes(field) ? 'rejected' : 'loaded')
    }
    for (const key of Object.keys(entry)) {
        if (KNOWN.includes(key as Field)) continue
        const near = KNOWN.find(k => editDistance(k, key) <= 2)
        problem(key, 'unknown key' + (near ? ` (did you mean "${near}"?)` : ''), 'loaded')
    }

    let stashKey: string | undefined
    if (typeof value.stash === 'string') {
        const a = addressField(value.stash, ss58Prefix)
        if ('reason' in a) problem('stash', a.reason, 'rejected')
        else stashKey = a.publicKeyHex
    }
    let kusamaKey: string | null = null
    if (typeof value.kusamaStash === 'string') {
        const a = addressField(value.kusamaStash, KUSAMA_SS58_PREFIX)
        if ('reason' in a) {
            problem('kusamaStash', a.reason + (value.kusamaStash === value.stash ? " (it is the candidate's own stash)" : ''), 'loaded')
            value.kusamaStash = undefined
        } else {
            kusamaKey = a.publicKeyHex
        }
    }
    if (problems.some(p => p.outcome === 'rejected') || stashKey === undefined) return {problems}
    const riot = value.riotHandle as string | string[] | undefined
    return {
        problems,
        parsed: {
            index,
            candidate: {
                slotId,
                name: value.name as string,
                stash: value.stash as string,
                stashPublicKeyHex: stashKey,
                kusamaStash: (value.kusamaStash as string | undefined) ?? null,
                kusamaStashPublicKeyHex: kusamaKey,
                riotHandles: riot === undefined ? [] : typeof riot === 'string' ? [riot] : riot,
                kyc: (value.kyc as boolean | undefined) ?? false,
                skipSelfStake: (value.skipSelfStake as boolean | undefined) ?? false,
                status: null,
            },
        },
    }
}

/** Levenshtein distance, for "did you mean" hints on misspelt keys. */
function editDistance(a: string, b: string): number {
    let prev = Array.from({length: b.length + 1}, (_, j) => j)
    for (let i = 1; i <= a.length; i++) {
        const row = [i]
        for (let j = 1; j <= b.length; j++) {
            row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
        }
        prev = row
    }
    return prev[b.length]
}
