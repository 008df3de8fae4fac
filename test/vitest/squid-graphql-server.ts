/**
 * The SDK's bare squid-graphql-server over a test database, as a Subsquid project runs it: from a folder holding
 * the schema and `lib/` modules that load the project's compiled custom resolvers and model.
 */
import {spawn} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {PROJECT_DIR} from '../../config/project-dir'
import {dbEnv, type DbSettings} from '../../db/connection'
import {freePort} from '../../db/embedded'

export interface SquidGraphqlServer {
    url: string
    /** The parsed JSON answer to a query. */
    query(q: string): Promise<any>
    stop(): Promise<void>
}

export async function startSquidGraphqlServer(db: DbSettings): Promise<SquidGraphqlServer> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'squid-gql-'))
    fs.copyFileSync(path.join(PROJECT_DIR, 'schema.graphql'), path.join(dir, 'schema.graphql'))
    // The resolvers module as `npm start` serves it; the server also opens a TypeORM connection for custom
    // resolvers and wants the compiled model there.
    for (const sub of [path.join('server-extension', 'resolvers'), 'model']) {
        fs.mkdirSync(path.join(dir, 'lib', sub), {recursive: true})
        const target = path.join(PROJECT_DIR, 'lib', sub, 'index.js')
        fs.writeFileSync(path.join(dir, 'lib', sub, 'index.js'), `module.exports = require(${JSON.stringify(target)})\n`)
    }
    const port = await freePort()
    const url = `http://127.0.0.1:${port}/graphql`
    const server = spawn(process.execPath, [path.join(PROJECT_DIR, 'node_modules', '@subsquid', 'graphql-server', 'bin', 'run.js')], {
        cwd: dir,
        env: {...process.env, ...dbEnv(db), GQL_PORT: String(port)},
        stdio: ['ignore', 'ignore', 'pipe'],
    })
    const stop = async () => {
        if (server.exitCode === null) {
            const exited = new Promise(r => server.once('exit', r))
            server.kill('SIGTERM')
            await exited
        }
        fs.rmSync(dir, {recursive: true, force: true})
    }
    const query = async (q: string) =>
        (await fetch(url, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify({query: q})})).json()
    let stderr = ''
    server.stderr?.on('data', d => (stderr += d))
    const deadline = Date.now() + 60_000
    for (;;) {
        try {
            if ((await fetch(url, {method: 'POST', headers: {'content-type': 'application/json'}, body: '{"query":"{__typename}"}'})).ok)
                return {url, query, stop}
        } catch {}
        if (Date.now() > deadline || server.exitCode !== null) {
            await stop()
            throw new Error(`squid-graphql-server did not start: ${stderr}`)
        }
        await new Promise(r => setTimeout(r, 200))
    }
}
