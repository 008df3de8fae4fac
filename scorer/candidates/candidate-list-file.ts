/**
 * Reads a candidate list file (1KV or Decentralized Nodes format): a file that cannot be read, is not
 * JSON or holds no list stops the caller with a CandidateListError naming the file (and the line and
 * column of a syntax error, never the text around it).
 */
import fs from 'fs'
import {CandidateListError, type CandidateList} from './candidate'
import {parseDnList} from './dn-list'
import {jsonSyntaxErrorAt} from './json-syntax'
import {parseOneKvList} from './onekv-list'

export type CandidateListFormat = '1kv' | 'decentralizedNodes'

export function readCandidateListFile(file: string, ss58Prefix: number, format: CandidateListFormat = '1kv'): CandidateList {
    let text: string
    try {
        text = fs.readFileSync(file, 'utf8')
    } catch (e: any) {
        throw new CandidateListError(file, `cannot read the file: ${e.code ?? 'read error'}`)
    }
    return parseCandidateListText(text, file, ss58Prefix, format)
}

export function parseCandidateListText(text: string, file: string, ss58Prefix: number, format: CandidateListFormat = '1kv'): CandidateList {
    let json: unknown
    try {
        json = JSON.parse(text)
    } catch {
        const at = jsonSyntaxErrorAt(text)
        throw new CandidateListError(file, 'not valid JSON', at?.line, at?.column)
    }
    return format === '1kv' ? parseOneKvList(json, file, ss58Prefix) : parseDnList(json, file, ss58Prefix)
}
