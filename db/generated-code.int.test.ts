import {execFileSync} from 'child_process'
import fs from 'fs'
import os from 'os'
import path from 'path'
import {describe, expect, it} from 'vitest'
import {PROJECT_DIR} from '../config/project-dir'

function check(schemaFile: string): {code: number; output: string} {
    try {
        const out = execFileSync(process.execPath, ['scripts/regenerate.mjs', '--check', '--schema', schemaFile], {
            cwd: PROJECT_DIR,
            encoding: 'utf8',
            stdio: 'pipe',
        })
        return {code: 0, output: out}
    } catch (e: any) {
        return {code: e.status, output: String(e.stdout) + String(e.stderr)}
    }
}

describe('generated code', () => {
    it('db/model/generated matches schema.graphql', () => {
        const r = check(path.join(PROJECT_DIR, 'schema.graphql'))
        expect(r.output).toContain('db/model/generated matches schema.graphql')
        expect(r.code).toBe(0)
    })

    it('is reported stale when the schema changes and codegen was not run', () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schema-'))
        const schema = path.join(dir, 'schema.graphql')
        fs.writeFileSync(
            schema,
            fs.readFileSync(path.join(PROJECT_DIR, 'schema.graphql'), 'utf8') +
                '\ntype StalenessProbe @entity {\n  id: ID!\n  note: String\n}\n',
        )
        try {
            const r = check(schema)
            expect(r.code).toBe(1)
            expect(r.output).toContain('db/model/generated is stale against schema.graphql: run `npm run codegen`')
        } finally {
            fs.rmSync(dir, {recursive: true, force: true})
        }
    })
})
