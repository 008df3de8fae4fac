/**
 * The configuration reference (docs/configuration.md), generated from `schema.ts`: the keys, types,
 * bounds and defaults from the zod schema itself (as JSON Schema), the descriptions from the doc comments
 * in its source. A development tool: it reads the TypeScript source with the compiler, a dev dependency.
 */
import fs from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import {z} from 'zod'
import {PROJECT_DIR} from './project-dir'
import {configSchema} from './schema'

export const SCHEMA_SOURCE = path.join(PROJECT_DIR, 'config', 'schema.ts')
export const REFERENCE_FILE = path.join(PROJECT_DIR, 'docs', 'configuration.md')

interface JsonSchema {
    type?: string
    properties?: Record<string, JsonSchema>
    required?: string[]
    items?: JsonSchema
    anyOf?: JsonSchema[]
    enum?: unknown[]
    default?: unknown
    minimum?: number
    maximum?: number
    minLength?: number
    pattern?: string
}

/** What the source says about the keys: a doc comment per key path, and the named value type a key uses. */
interface SourceDocs {
    docs: Map<string, string>
    typeOf: Map<string, string>
    /** Module-level constants that are value types (`perbill`, `planck`, …), with their doc comments. */
    valueTypes: Map<string, string>
}

/** Calls that wrap a schema without changing its shape. */
const WRAPPERS = new Set(['optional', 'default', 'nullable', 'superRefine', 'refine', 'transform', 'min', 'max', 'regex'])

function readSourceDocs(file: string): SourceDocs {
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true)
    const consts = new Map<string, {init: ts.Expression; doc: string}>()
    for (const stmt of source.statements) {
        if (!ts.isVariableStatement(stmt)) continue
        for (const d of stmt.declarationList.declarations) {
            if (ts.isIdentifier(d.name) && d.initializer) consts.set(d.name.text, {init: d.initializer, doc: jsDoc(stmt)})
        }
    }
    const out: SourceDocs = {docs: new Map(), typeOf: new Map(), valueTypes: new Map()}

    /** The schema expression under `.optional()`, `.default(…)` and the like. */
    const unwrap = (e: ts.Expression): ts.Expression => {
        while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && WRAPPERS.has(e.expression.name.text))
            e = e.expression.expression
        return e
    }
    const isObjectCall = (e: ts.Expression): e is ts.CallExpression =>
        ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && ['strictObject', 'object'].includes(e.expression.name.text)

    const walk = (expr: ts.Expression, at: string, seen: Set<string>) => {
        const e = unwrap(expr)
        if (ts.isIdentifier(e)) {
            const c = consts.get(e.text)
            if (!c || seen.has(e.text)) return
            if (
                !isObjectCall(unwrap(c.init)) &&
                !(ts.isCallExpression(unwrap(c.init)) && isArrayCall(unwrap(c.init) as ts.CallExpression))
            ) {
                if (at) out.typeOf.set(at, e.text)
                out.valueTypes.set(e.text, c.doc)
            }
            return walk(c.init, at, new Set([...seen, e.text]))
        }
        if (!ts.isCallExpression(e)) return
        if (isArrayCall(e)) return walk(e.arguments[0], `${at}[]`, seen)
        if (!isObjectCall(e) || !e.arguments[0] || !ts.isObjectLiteralExpression(e.arguments[0])) return
        for (const p of e.arguments[0].properties) {
            if (
                !(ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) ||
                !p.name ||
                !(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))
            )
                continue
            const key = at ? `${at}.${p.name.text}` : p.name.text
            const value = ts.isPropertyAssignment(p) ? p.initializer : p.name
            // The key's own comment, else the comment of the constant it names.
            const root = unwrap(value)
            const doc =
                jsDoc(p) ||
                (ts.isIdentifier(root) && consts.get(root.text) && isObjectCall(unwrap(consts.get(root.text)!.init))
                    ? consts.get(root.text)!.doc
                    : '')
            if (doc) out.docs.set(key, doc)
            walk(value, key, seen)
        }
    }
    walk(consts.get('configSchema')!.init, '', new Set())
    return out
}

function isArrayCall(e: ts.CallExpression): boolean {
    return ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'array'
}

/** The text of a node's /** … *\/ comment, on one line. */
function jsDoc(node: ts.Node): string {
    const docs = (node as {jsDoc?: ts.JSDoc[]}).jsDoc ?? []
    return docs
        .map(d => (typeof d.comment === 'string' ? d.comment : (ts.getTextOfJSDocComment(d.comment) ?? '')))
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim()
}

/** The schema without `null` in an `anyOf`, and whether null was allowed. */
function nonNull(s: JsonSchema): {schema: JsonSchema; nullable: boolean} {
    const options = s.anyOf?.filter(o => o.type !== 'null')
    if (s.anyOf && options!.length === 1 && options!.length < s.anyOf.length)
        return {schema: {...options![0], default: s.default}, nullable: true}
    return {schema: s, nullable: false}
}

function describeType(s: JsonSchema): string {
    if (s.anyOf) {
        // A secret reference is an anyOf of {env} and {file}; a nominator's seed adds {devnetAccount}.
        if (s.anyOf.length >= 2 && s.anyOf[0].properties?.env && s.anyOf[1].properties?.file) {
            const devnet = s.anyOf[2]?.properties?.devnetAccount
            return `secret: \`{"env": "VAR"}\` or \`{"file": "path"}\`${devnet ? `; on the devnet \`{"devnetAccount": …}\`, ${describeType(devnet)}` : ''}`
        }
        return s.anyOf.map(describeType).join(', or ')
    }
    if (s.enum) return 'one of ' + s.enum.map(v => `\`${JSON.stringify(v)}\``).join(', ')
    if (s.type === 'integer' || s.type === 'number') {
        const max = s.maximum !== undefined && s.maximum < Number.MAX_SAFE_INTEGER ? s.maximum : undefined
        const word = s.type === 'integer' ? 'integer' : 'number'
        if (s.minimum !== undefined && max !== undefined) return `${word} ${s.minimum}–${max}`
        if (s.minimum !== undefined) return `${word} ≥ ${s.minimum}`
        return word
    }
    if (s.type === 'string') return s.pattern ? `string matching \`${s.pattern}\`` : s.minLength ? 'non-empty string' : 'string'
    if (s.type === 'array') return `array of ${s.items ? describeType(s.items) : 'values'}`
    return s.type ?? 'value'
}

interface Row {
    key: string
    type: string
    need: string
    doc: string
}

function rows(s: JsonSchema, at: string, required: boolean, src: SourceDocs, out: Row[]): void {
    const {schema, nullable} = nonNull(s)
    const named = src.typeOf.get(at)
    const namedItems = schema.type === 'array' ? src.typeOf.get(`${at}[]`) : undefined
    const type =
        (named
            ? `[\`${named}\`](#value-types)`
            : namedItems
              ? `array of [\`${namedItems}\`](#value-types)`
              : schema.type === 'object'
                ? 'object'
                : describeType(schema)) + (nullable ? ' or `null`' : '')
    const need = schema.default !== undefined ? `default \`${JSON.stringify(schema.default)}\`` : required ? 'required' : 'optional'
    if (at) out.push({key: at, type, need, doc: src.docs.get(at) ?? ''})
    const props = schema.properties
    if (props) {
        const names = Object.keys(props)
        // Keys that only repeat one shape (the per-check overrides): one row for them all.
        const same =
            names.length > 3 &&
            names.every(n => JSON.stringify(props[n]) === JSON.stringify(props[names[0]])) &&
            names.every(n => !src.docs.has(`${at}.${n}`))
        if (same) {
            const key = `${at}.<${names.length} keys>`
            out.push({key, type: 'object', need: 'optional', doc: `one per key: ${names.map(n => `\`${n}\``).join(', ')}`})
            for (const [k, v] of Object.entries(props[names[0]].properties ?? {})) {
                rows(v, `${at}.<key>.${k}`, (props[names[0]].required ?? []).includes(k), src, out)
            }
            return
        }
        for (const [k, v] of Object.entries(props)) rows(v, at ? `${at}.${k}` : k, (schema.required ?? []).includes(k), src, out)
    }
    if (schema.type === 'array' && schema.items?.properties) {
        for (const [k, v] of Object.entries(schema.items.properties))
            rows(v, `${at}[].${k}`, (schema.items.required ?? []).includes(k), src, out)
    }
}

function cell(text: string): string {
    return text.replace(/\|/g, '\\|')
}

/** The whole reference, as Markdown. */
export function renderConfigReference(): string {
    const json = z.toJSONSchema(configSchema, {io: 'input', unrepresentable: 'any'}) as JsonSchema
    const src = readSourceDocs(SCHEMA_SOURCE)
    const all: Row[] = []
    rows(json, '', true, src, all)
    const lines = [
        '# Configuration reference',
        '',
        '<!-- Generated from config/schema.ts by `npm run docs:config`: edit the schema and its comments, not this file. A test fails when it is stale. -->',
        '',
        'One JSON file per network (`config/devnet.json`, `config/kusama.json`, `config/polkadot.json`; `config/docker.json` for',
        'docker-compose), chosen with `CONFIG`. Units are in the key names (`…Ms`, `…Blocks`, `…Eras`, `…Perbill`, `…Planck`).',
        'Secrets are never written in the file: a secret is `{"env": "VAR"}` or `{"file": "path"}` (relative to the file).',
        'A key marked *required* must be present; *optional* may be left out; a key with a default takes it when left out.',
        '',
    ]
    const table = (section: Row[]) => {
        lines.push('| key | type | presence | description |', '|---|---|---|---|')
        for (const r of section) lines.push(`| \`${r.key}\` | ${cell(r.type)} | ${r.need} | ${cell(r.doc)} |`)
        lines.push('')
    }
    const sections = Object.entries(json.properties ?? {})
        .filter(([, v]) => nonNull(v).schema.type === 'object')
        .map(([k]) => k)
    lines.push('## Top level', '')
    table(all.filter(r => !r.key.includes('.') && !r.key.includes('[') && !sections.includes(r.key)))
    for (const key of sections) {
        const head = all.find(r => r.key === key)!
        lines.push(
            `## \`${key}\``,
            '',
            `${head.doc ? head.doc + ' ' : ''}${head.need === 'required' ? 'Required.' : head.need === 'optional' ? 'Optional.' : `Optional, ${head.need}.`}`,
            '',
        )
        table(all.filter(r => r.key.startsWith(`${key}.`) || r.key.startsWith(`${key}[]`)))
    }
    lines.push('## Value types', '', '| type | what | JSON |', '|---|---|---|')
    for (const [name, doc] of [...src.valueTypes].sort(([a], [b]) => a.localeCompare(b))) {
        const example = all.find(r => src.typeOf.get(r.key) === name)
        if (!example) continue
        lines.push(`| \`${name}\` | ${cell(doc)} | ${cell(describeType(nonNull(schemaAt(json, example.key)!).schema))} |`)
    }
    lines.push('')
    return lines.join('\n')
}

/** The JSON Schema of one key path (`a.b[].c`). */
function schemaAt(root: JsonSchema, key: string): JsonSchema | undefined {
    let s: JsonSchema | undefined = root
    for (const part of key.split('.')) {
        const array = part.endsWith('[]')
        const name = array ? part.slice(0, -2) : part
        s = nonNull(s?.properties?.[name] ?? {}).schema
        if (array) s = s.items
    }
    return s
}
