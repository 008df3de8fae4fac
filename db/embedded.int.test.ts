import fs from 'fs'
import net from 'net'
import os from 'os'
import path from 'path'
import {expect, it} from 'vitest'
import {freePort, startEmbeddedPostgres} from './embedded'

it('refuses a port another process listens on, naming the port, the reason and the setting to change', async () => {
    const port = await freePort()
    const holder = net.createServer()
    await new Promise<void>(resolve => holder.listen(port, '127.0.0.1', resolve))
    // Under a folder every user can enter: as root the server runs as the postgres user.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-port-'))
    fs.chmodSync(dir, 0o755)
    try {
        await expect(startEmbeddedPostgres({dir, port, persistent: false})).rejects.toThrow(
            `port ${port} cannot be used (EADDRINUSE): set EMBEDDED_PG_PORT`,
        )
    } finally {
        holder.close()
        fs.rmSync(dir, {recursive: true, force: true})
    }
}, 120_000)
