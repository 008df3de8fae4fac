#!/usr/bin/env node
// `sqd run .` reads .env from the squid's folder and fails when there is none. On `npm ci`/`npm install`
// (package.json "prepare") this copies .env.example to .env when .env is missing; an existing .env is
// never touched (it may hold the operator's secrets, and git ignores it).
import fs from 'node:fs'
import path from 'node:path'

const dir = process.argv[2] ? path.resolve(process.argv[2]) : process.cwd()
const env = path.join(dir, '.env')
const example = path.join(dir, '.env.example')
if (!fs.existsSync(env) && fs.existsSync(example)) {
    fs.copyFileSync(example, env)
    console.log('created .env from .env.example (for `sqd run .`)')
}
