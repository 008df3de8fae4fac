/**
 * The W3F Decentralized Nodes programme's list (the 1KV successor, as metaspan's dn-dashboard keeps it):
 * `{selected: [{identity, stash, status}], backups: [{identity, stash}], nominators, statuses, term}`;
 * the on-chain identity stands in for the name, backups get the status "Backup".
 */
import {z} from 'zod'
import {addressField, CandidateListError, type CandidateList, type CandidateProblem, type ParsedEntry, withoutDuplicates} from './candidate'
import {describeFieldIssue} from './field-issue'

const fileShape = z.object({selected: z.array(z.unknown()), backups: z.array(z.unknown()).optional()})

const fields = {
    identity: z.string().min(1),
    stash: z.string(),
    status: z.string().min(1),
}

export const BACKUP_STATUS = 'Backup'

export function parseDnList(json: unknown, file: string, ss58Prefix: number): CandidateList {
    const shape = fileShape.safeParse(json)
    if (!shape.success) throw new CandidateListError(file, 'expected an object with a "selected" array (Decentralized Nodes format)')
    const entries: ParsedEntry[] = []
    const problems: CandidateProblem[] = []
    const lists: [string, unknown[]][] = [
        ['selected', shape.data.selected],
        ['backups', shape.data.backups ?? []],
    ]
    for (const [list, raws] of lists) {
        raws.forEach((raw, index) => {
            const problem = (field: string, reason: string) =>
                problems.push({index, list, slotId: null, field, reason, outcome: 'rejected'})
            if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return problem('(entry)', 'expected an object')
            const entry = raw as Record<string, unknown>
            const identity = fields.identity.safeParse(entry.identity, {reportInput: true})
            const stash = fields.stash.safeParse(entry.stash, {reportInput: true})
            // Backups carry no status of their own.
            const status =
                list === 'backups' && entry.status === undefined
                    ? {success: true as const, data: BACKUP_STATUS}
                    : fields.status.safeParse(entry.status, {reportInput: true})
            if (!identity.success)
                problem('identity', entry.identity === undefined ? 'missing' : describeFieldIssue(identity.error.issues[0]))
            if (!stash.success) problem('stash', entry.stash === undefined ? 'missing' : describeFieldIssue(stash.error.issues[0]))
            if (!status.success) problem('status', entry.status === undefined ? 'missing' : describeFieldIssue(status.error.issues[0]))
            if (!identity.success || !stash.success || !status.success) return
            const key = addressField(stash.data, ss58Prefix)
            if ('reason' in key) return problem('stash', key.reason)
            entries.push({
                index,
                list,
                candidate: {
                    slotId: null,
                    name: identity.data,
                    stash: stash.data,
                    stashPublicKeyHex: key.publicKeyHex,
                    kusamaStash: null,
                    kusamaStashPublicKeyHex: null,
                    riotHandles: [],
                    kyc: false,
                    skipSelfStake: false,
                    status: status.data,
                },
            })
        })
    }
    const unique = withoutDuplicates(entries)
    return {file, candidates: unique.candidates, problems: [...problems, ...unique.problems]}
}
