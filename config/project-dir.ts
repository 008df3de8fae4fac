/**
 * The repository root (the folder holding package.json), found from this module's folder, so code
 * finds config samples, migrations and compiled scripts alike from its sources (vitest) and from lib/.
 */
import fs from 'fs'
import path from 'path'

function findProjectDir(from: string): string {
    for (let dir = from; ; dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, 'package.json'))) return dir
        if (dir === path.dirname(dir)) throw new Error(`no package.json above ${from}`)
    }
}

export const PROJECT_DIR = findProjectDir(__dirname)
