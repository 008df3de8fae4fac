/**
 * The repository root (the folder holding package.json), found from a module's folder, so code runs
 * the same from its sources (under vitest) and compiled under lib/.
 */
import fs from 'fs'
import path from 'path'

export function repoRoot(from: string = __dirname): string {
    let dir = from
    while (!fs.existsSync(path.join(dir, 'package.json'))) {
        const up = path.dirname(dir)
        if (up === dir) throw new Error(`no package.json above ${from}`)
        dir = up
    }
    return dir
}
