/** `npm run docs:config`: writes docs/configuration.md from config/schema.ts. */
import fs from 'node:fs'
import path from 'node:path'
import {REFERENCE_FILE, renderConfigReference} from './config-reference'

fs.mkdirSync(path.dirname(REFERENCE_FILE), {recursive: true})
fs.writeFileSync(REFERENCE_FILE, renderConfigReference())
console.log(`wrote ${path.relative(process.cwd(), REFERENCE_FILE)}`)
