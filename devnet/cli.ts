/**
 * Runs the devnet standalone: `npm run devnet -- --scenario <name> --port <p> [--seed n]
 * [--block-time-ms ms] [--finality-lag-blocks n] [--initial-blocks n] [--upgrade-at-block n] [--journal-file f]
 * [--instant-seal]`.
 * With a journal file, a restart resumes the same chain (same height, same submitted extrinsics).
 * Prints its endpoints (JSON-RPC per chain, the telemetry feed), its `dev_*` control methods and its funded test
 * accounts, then produces blocks until stopped.
 */
import fs from 'fs'
import path from 'path'
import {createLogger} from '@subsquid/logger'
import {DEV_METHODS, startDevnet} from './index'
import {scenarios} from './scenario/scenario-spec'

const log = createLogger('devnet')

interface CliOptions {
    scenario: string
    port: number
    seed: number
    blockTimeMs: number
    finalityLagBlocks: number
    initialBlocks: number
    upgradeAtBlock?: number
    host: string
    journalFile?: string
    instantSeal?: boolean
}

export function parseArgs(argv: string[]): CliOptions {
    const opts: CliOptions = {
        scenario: 'legacy',
        port: 9944,
        seed: 1,
        blockTimeMs: 6000,
        finalityLagBlocks: 2,
        initialBlocks: 0,
        host: '127.0.0.1',
    }
    const ints: Record<string, keyof CliOptions> = {
        '--port': 'port',
        '--seed': 'seed',
        '--block-time-ms': 'blockTimeMs',
        '--finality-lag-blocks': 'finalityLagBlocks',
        '--initial-blocks': 'initialBlocks',
        '--upgrade-at-block': 'upgradeAtBlock',
    }
    for (let i = 0; i < argv.length; i++) {
        const flag = argv[i]
        const value = argv[i + 1]
        if (flag === '--instant-seal') {
            opts.instantSeal = true
            continue
        }
        if (flag === '--help') {
            console.log(
                `usage: npm run devnet -- --scenario <${Object.keys(scenarios).join('|')}> --port <p> [--seed n] [--block-time-ms ms] [--finality-lag-blocks n] [--initial-blocks n] [--upgrade-at-block n] [--host h] [--journal-file f] [--instant-seal]`,
            )
            process.exit(0)
        }
        if (value === undefined) throw new Error(`devnet: ${flag} needs a value`)
        i++
        if (flag === '--scenario') {
            if (!scenarios[value]) throw new Error(`devnet: --scenario ${value} is unknown (known: ${Object.keys(scenarios).join(', ')})`)
            opts.scenario = value
        } else if (flag === '--host') {
            opts.host = value
        } else if (flag === '--journal-file') {
            opts.journalFile = value
        } else if (ints[flag]) {
            const n = Number(value)
            if (!Number.isSafeInteger(n) || n < 0) throw new Error(`devnet: ${flag} expects a whole number, got "${value}"`)
            ;(opts as any)[ints[flag]] = n
        } else {
            throw new Error(`devnet: unknown option ${flag} (see --help)`)
        }
    }
    return opts
}

async function main(): Promise<void> {
    const opts = parseArgs(process.argv.slice(2))
    if (opts.journalFile) fs.mkdirSync(path.dirname(path.resolve(opts.journalFile)), {recursive: true})
    const devnet = await startDevnet({...opts})
    const lines = [
        `devnet "${opts.scenario}" (seed ${opts.seed}) at block ${devnet.head().number}, a block every ${opts.blockTimeMs} ms, finality lag ${opts.finalityLagBlocks} blocks` +
            (opts.journalFile ? `, journal ${opts.journalFile}` : ''),
        ...devnet.endpoints.flatMap(e => [
            `  ${e.role === 'all' ? 'chain' : e.role}: WebSocket ${e.url}  HTTP ${e.httpUrl}`,
            `    genesis ${e.chain.genesisHash}; runtimes ${devnet.spec.chains
                .find(c => c.role === e.role)!
                .runtimes.map(r => `${r.id} from block ${r.fromBlock}`)
                .join(', ')}`,
        ]),
        `  controls (JSON-RPC on every chain's endpoint, see devnet/README.md): ${DEV_METHODS.join(', ')}`,
        `  telemetry feed: ${devnet.feedUrl}  (${devnet.feed.chain.label}, genesis ${devnet.feed.chain.genesisHash}, ${devnet.chain.world.nodeList().length} validator nodes)`,
        '  funded test accounts (1,000,000 DOT each):',
        ...devnet.accounts.map(a => `    ${a.uri.padEnd(9)} ${a.type}  ${a.address}`),
        '  //Alice nominates; //Bob is her Staking proxy; //Charlie her time-delayed Staking proxy; //Ferdie (ed25519) pays out.',
    ]
    console.log(lines.join('\n'))
    const stop = async (signal: string) => {
        log.info(`${signal}: stopping`)
        await devnet.stop()
        process.exit(0)
    }
    process.on('SIGINT', () => void stop('SIGINT'))
    process.on('SIGTERM', () => void stop('SIGTERM'))
}

if (require.main === module) {
    main().catch(e => {
        log.fatal(e.message ?? String(e))
        process.exit(1)
    })
}
