/**
 * Reads a candidate list file (1KV or Decentralized Nodes format): a file that cannot be read, is not
 * JSON or holds no list stops the caller with a CandidateListError naming the file (and the line and
 * column of a syntax error, never the text around it).
 */
import fs from 'fs'
import {JsonSyntaxError, parseJson} from '../../config/json-syntax'
import {CandidateListError, type CandidateList} from './candidate'
import {parseDnList} from './dn-list'
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
        json = parseJson(text)
    } catch (e) {
        if (e instanceof JsonSyntaxError) throw new CandidateListError(file, 'not valid JSON', e.line, e.column)
        throw e
    }
    return format === '1kv' ? parseOneKvList(json, file, ss58Prefix) : parseDnList(json, file, ss58Prefix)
}
