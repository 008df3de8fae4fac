/**
 * Writes squid/metadata/<layer>.jsonl (V14 spec-version records) from the metadata sources, or with
 * `--check` only reports whether the committed files are stale (exit 1).
 */
import fs from 'node:fs'
import path from 'node:path'
import {CHAIN_LAYERS, layerFileName} from '../chain-layer'
import {buildLayer, METADATA_DIR, toJsonl} from './spec-versions'

const check = process.argv.includes('--check')
let stale = 0
for (const layer of CHAIN_LAYERS) {
    const name = layerFileName(layer)
    const file = path.join(METADATA_DIR, `${name}.jsonl`)
    const records = buildLayer(layer)
    const text = toJsonl(records)
    const same = fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text
    const list = records.map(r => `${r.specName}@${r.specVersion}`).join(', ')
    if (check) {
        if (!same) {
            stale++
            console.error(`squid/metadata/${name}.jsonl is stale: run \`npm run codegen\``)
        }
    } else if (!same) {
        fs.writeFileSync(file, text)
        console.log(`wrote squid/metadata/${name}.jsonl: ${list}`)
    } else {
        console.log(`squid/metadata/${name}.jsonl is up to date: ${list}`)
    }
}
if (stale) process.exit(1)
