#!/usr/bin/env node
// Subsquid's TypeORM store, migration tool and GraphQL server look for the compiled model in
// lib/model and custom resolvers in lib/server-extension/resolvers. Our sources live in db/model and
// graphql/, so after `tsc` this writes one-line modules at the expected places.
import fs from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const lib = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'lib')
const links = {
    'model/index.js': '../db/model/index.js',
    'server-extension/resolvers/index.js': '../../graphql/resolvers.js',
}
for (const [at, target] of Object.entries(links)) {
    const file = path.join(lib, at)
    if (!fs.existsSync(path.resolve(path.dirname(file), target))) continue
    fs.mkdirSync(path.dirname(file), {recursive: true})
    fs.writeFileSync(file, `module.exports = require(${JSON.stringify(target)})\n`)
}
