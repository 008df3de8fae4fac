import fs from 'fs'
import os from 'os'
import path from 'path'
import {describe, expect, it} from 'vitest'
import {readCandidates} from './candidates-file'

describe('readCandidates', () => {
    it('a file that is not JSON (a key file named by mistake) is refused naming the file, line and column, never its content', () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'candidates-'))
        const file = path.join(dir, 'key.txt')
        fs.writeFileSync(file, 'bottom drive obey lake curtain smoke basket hold race lonely fit walk\n')
        try {
            expect(() => readCandidates(file)).toThrow(`candidates file ${file}: not valid JSON: unexpected character at line 1, column 1`)
            expect(() => readCandidates(file)).not.toThrow(/bottom/)
        } finally {
            fs.rmSync(dir, {recursive: true})
        }
    })
})
