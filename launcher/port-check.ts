/**
 * Whether a service's ports are free before the launcher starts it: a service that cannot listen
 * would be restarted forever while its clients reach whatever holds the port (another devnet: another chain).
 */
import net from 'net'

export class PortInUseError extends Error {
    override name = 'PortInUseError'
    constructor(
        readonly service: string,
        readonly port: number,
        readonly code: string,
    ) {
        super(`port ${port} is in use (${code}): ${service} cannot listen there`)
    }
}

/** Throws a PortInUseError for the first of `ports` that cannot be listened on at `host`. */
export async function assertPortsFree(service: string, ports: readonly number[], host = '127.0.0.1'): Promise<void> {
    for (const port of ports) {
        const code = await listenError(port, host)
        if (code) throw new PortInUseError(service, port, code)
    }
}

/** The error code of listening on the port (EADDRINUSE, EACCES), or null when it is free. */
function listenError(port: number, host: string): Promise<string | null> {
    return new Promise(resolve => {
        const server = net.createServer()
        server.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message))
        server.listen({port, host, exclusive: true}, () => server.close(() => resolve(null)))
    })
}
