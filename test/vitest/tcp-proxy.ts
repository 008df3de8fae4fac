/**
 * A TCP proxy a test can cut and restore, standing in for a database server that restarts: `stop()` ends
 * every connection and refuses new ones, `start()` listens again on the same port.
 */
import net from 'net'

export class TcpProxy {
    private server: net.Server | undefined
    private readonly sockets = new Set<net.Socket>()
    port = 0

    constructor(
        private readonly targetHost: string,
        private readonly targetPort: number,
    ) {}

    async start(): Promise<void> {
        const server = net.createServer(client => {
            const upstream = net.connect(this.targetPort, this.targetHost)
            for (const s of [client, upstream]) {
                this.sockets.add(s)
                s.on('close', () => this.sockets.delete(s))
                s.on('error', () => {
                    client.destroy()
                    upstream.destroy()
                })
            }
            client.pipe(upstream).pipe(client)
        })
        await new Promise<void>((resolve, reject) => {
            server.once('error', reject)
            server.listen(this.port, '127.0.0.1', () => resolve())
        })
        this.port = (server.address() as net.AddressInfo).port
        this.server = server
    }

    async stop(): Promise<void> {
        const server = this.server
        this.server = undefined
        for (const s of this.sockets) s.destroy()
        this.sockets.clear()
        if (server) await new Promise<void>(resolve => server.close(() => resolve()))
    }
}
