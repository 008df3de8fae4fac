#!/usr/bin/env node
// Regenerates all generated code from its sources, in dependency order:
//   1. schema.graphql  -> db/model/generated   (squid-typeorm-codegen)
//   2. build (tsc), so the migration generator can load the compiled model
//   3. chain metadata  -> squid/metadata/*.jsonl (V14 spec-version files, squid/metadata/build-cli.ts)
//   4. *.jsonl         -> squid/types/<layer>    (squid-substrate-typegen, configs in squid/typegen)
//   5. model           -> db/migrations         (a new migration when the schema changed)
// Usage: npm run codegen [-- --check [--schema FILE]]
//   --check: change nothing and build nothing (it reads the current lib/); exit 1 when something is stale
//   --schema: the schema to check the model against (default schema.graphql; tests use a modified copy)
import {execFileSync} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const check = process.argv.includes('--check')
const schemaArg = process.argv.indexOf('--schema')
const schemaFile = schemaArg > 0 ? path.resolve(process.argv[schemaArg + 1]) : path.join(root, 'schema.graphql')
const run = (cmd, args, opts = {}) => execFileSync(cmd, args, {cwd: root, stdio: 'inherit', ...opts})

// 1. codegen writes to ./src/model relative to its working directory: run it in a scratch folder.
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'codegen-'))
fs.copyFileSync(schemaFile, path.join(scratch, 'schema.graphql'))
run(process.execPath, [path.join(root, 'node_modules/@subsquid/typeorm-codegen/bin/run.js')], {cwd: scratch})
const fresh = path.join(scratch, 'src/model/generated')
const committed = path.join(root, 'db/model/generated')
const staleModel = !sameTree(fresh, committed)
if (!check) {
    fs.rmSync(committed, {recursive: true, force: true})
    fs.cpSync(fresh, committed, {recursive: true})
}
fs.rmSync(scratch, {recursive: true, force: true})
if (check && staleModel) fail('db/model/generated is stale against schema.graphql: run `npm run codegen`')
if (check) console.log('db/model/generated matches schema.graphql')

// 2. build (a check must not rewrite lib/ while tests run from it)
if (!check) run('npm', ['run', '--silent', 'build'])

// 3. V14 spec-version files
run(process.execPath, [path.join(root, 'lib/squid/metadata/build-cli.js'), ...(check ? ['--check'] : [])])

// 4. typegen per chain layer, into a scratch folder first so --check can compare
let staleTypes = false
for (const cfgFile of fs
    .readdirSync(path.join(root, 'squid/typegen'))
    .filter(f => f.endsWith('.json'))
    .sort()) {
    const cfgPath = path.join(root, 'squid/typegen', cfgFile)
    const cfg = JSON.parse(fs.readFileSync(cfgPath, 'utf8'))
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'typegen-'))
    const tmpCfg = path.join(out, 'typegen.json')
    fs.writeFileSync(
        tmpCfg,
        JSON.stringify({...cfg, outDir: path.join(out, 'types'), specVersions: path.resolve(path.dirname(cfgPath), cfg.specVersions)}),
    )
    run(process.execPath, [path.join(root, 'node_modules/@subsquid/substrate-typegen/bin/run.js'), tmpCfg], {
        stdio: ['ignore', 'ignore', 'inherit'],
    })
    const target = path.resolve(path.dirname(cfgPath), cfg.outDir)
    if (!sameTree(path.join(out, 'types'), target)) {
        staleTypes = true
        if (check) console.error(`${path.relative(root, target)} is stale against ${path.relative(root, cfgPath)}: run \`npm run codegen\``)
        else {
            fs.rmSync(target, {recursive: true, force: true})
            fs.cpSync(path.join(out, 'types'), target, {recursive: true})
            console.log(`regenerated ${path.relative(root, target)}`)
        }
    }
    fs.rmSync(out, {recursive: true, force: true})
}
if (check) {
    if (staleTypes) process.exit(1)
    console.log('db/model/generated, squid/metadata and squid/types are up to date')
    process.exit(0)
}
if (staleTypes) run('npm', ['run', '--silent', 'build'])

// 5. migrations: diff the model against a scratch database with the existing migrations applied.
const {acquireDbServer, createTempDatabase} = await import(path.join(root, 'lib/db/test-database.js'))
const {applyMigrations, pendingSchemaChanges} = await import(path.join(root, 'lib/db/migrate.js'))
const {createDataSource} = await import(path.join(root, 'lib/db/orm.js'))
const server = await acquireDbServer()
const db = await createTempDatabase(server.settings, 'codegen')
try {
    await applyMigrations(db.settings)
    const pending = await pendingSchemaChanges(db.settings)
    if (pending.length === 0) {
        console.log('db/migrations are up to date')
    } else {
        const ds = createDataSource(db.settings, {withModel: true})
        await ds.initialize()
        const sql = await ds.driver.createSchemaBuilder().log()
        await ds.destroy()
        const file = writeMigration(sql)
        console.log(`wrote ${path.relative(root, file)} (${sql.upQueries.length} statements)`)
    }
} finally {
    await db.drop()
    await server.stop()
}

function writeMigration(sql) {
    const ts = Date.now()
    const q = x => '        await db.query(`' + x.query + '`' + (x.parameters?.length ? ', ' + JSON.stringify(x.parameters) : '') + ')'
    const body = [
        '// Generated by `npm run codegen` from schema.graphql. Do not edit.',
        `module.exports = class Data${ts} {`,
        `    name = 'Data${ts}'`,
        '',
        '    async up(db) {',
        ...sql.upQueries.map(q),
        '    }',
        '',
        '    async down(db) {',
        ...sql.downQueries.map(q),
        '    }',
        '}',
        '',
    ].join('\n')
    const file = path.join(root, 'db/migrations', `${ts}-Data.js`)
    fs.writeFileSync(file, body)
    return file
}

function sameTree(a, b) {
    if (!fs.existsSync(b)) return false
    const list = d => fs.readdirSync(d).sort()
    const la = list(a),
        lb = list(b)
    if (la.join('\n') !== lb.join('\n')) return false
    return la.every(f => {
        const fa = path.join(a, f),
            fb = path.join(b, f)
        if (fs.statSync(fa).isDirectory()) return fs.statSync(fb).isDirectory() && sameTree(fa, fb)
        return fs.statSync(fb).isFile() && fs.readFileSync(fa, 'utf8') === fs.readFileSync(fb, 'utf8')
    })
}

function fail(msg) {
    console.error(msg)
    process.exit(1)
}
