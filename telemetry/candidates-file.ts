/**
 * Reads the programme's candidate list (the 1KV `{"candidates": [...]}` format) for telemetry matching:
 * only the telemetry name and the stash are needed; a bad entry is reported with its file and index.
 */
import fs from 'fs'
import {z} from 'zod'
import {JsonSyntaxError, parseJson} from '../config/json-syntax'
import type {CandidateRef} from './candidate-match'

const candidatesFile = z.object({
    candidates: z.array(z.object({name: z.string().min(1), stash: z.string().min(1)})),
})

export function readCandidates(file: string): CandidateRef[] {
    let text: string
    try {
        text = fs.readFileSync(file, 'utf8')
    } catch (e: any) {
        throw new Error(`candidates file ${file}: ${e.code ?? e.message}`)
    }
    let json: unknown
    try {
        json = parseJson(text)
    } catch (e) {
        // Where, never what (parseJson): a path mixed up with a key file must not print the key.
        if (e instanceof JsonSyntaxError) throw new Error(`candidates file ${file}: ${e.message}`)
        throw e
    }
    const parsed = candidatesFile.safeParse(json)
    if (!parsed.success) {
        const issue = parsed.error.issues[0]
        throw new Error(`candidates file ${file}: ${issue.path.join('.')}: ${issue.message}`)
    }
    return parsed.data.candidates.map(c => ({name: c.name, stash: c.stash}))
}
