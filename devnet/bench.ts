/**
 * Benchmark: how fast the devnet builds a scenario's chain, and how many blocks per second it serves
 * to the real Subsquid processor with a no-op handler (over WebSocket and HTTP), with the devnet's own
 * CPU share while serving. `npm run bench:devnet -- [--scenario kusama-scale] [--blocks 1300]`.
 */
import {startDevnet} from './index'
import {runProcessorProbe} from './processor-probe-run'

async function main(): Promise<void> {
    const args = process.argv.slice(2)
    const arg = (name: string, def: string) => {
        const i = args.indexOf(name)
        return i >= 0 ? args[i + 1] : def
    }
    const scenario = arg('--scenario', 'kusama-scale')
    const blocks = Number(arg('--blocks', '1300'))
    const lag = 2

    const t0 = performance.now()
    const devnet = await startDevnet({scenario, seed: 1, finalityLagBlocks: lag})
    const genesisMs = performance.now() - t0
    const world = devnet.chain.world
    const t1 = performance.now()
    await devnet.produceBlocks(blocks)
    const produceMs = performance.now() - t1
    const facts = devnet.facts()
    const eventCount = Object.values(facts.events).reduce((s, e) => s + e.length, 0)
    console.log(
        `scenario ${scenario}: ${world.validators.size} validators, ${world.nominators.size} nominators × ${devnet.spec.targetsPerNominator} targets, ${devnet.spec.activeValidators} seats`,
    )
    console.log(`genesis (world, election, state): ${(genesisMs / 1000).toFixed(1)} s`)
    console.log(
        `produced ${blocks} blocks (${facts.activeEra} eras, runtimes ${devnet.spec.chains.map(c => c.runtimes.map(r => `${r.id}@${r.fromBlock}`).join('→')).join(', ')}, ${eventCount} events) in ${(produceMs / 1000).toFixed(1)} s = ${(blocks / (produceMs / 1000)).toFixed(1)} blocks/s`,
    )

    const to = blocks - lag
    // The chain with the staking events (Asset Hub in the current layout) is the heavy one to index.
    const target = devnet.endpoints.find(e => e.role === 'assetHub') ?? devnet.endpoints[0]
    for (const [transport, url] of [
        [`${target.role} WebSocket`, target.url],
        [`${target.role} HTTP`, target.httpUrl],
    ] as const) {
        const cpu0 = process.cpuUsage()
        const run = await runProcessorProbe(url, to, {PROBE_NOOP: '1'}, 600_000)
        const cpu = process.cpuUsage(cpu0)
        if (run.exitCode !== 0) throw new Error(`processor exited ${run.exitCode}: ${run.stderr.slice(-2000)}`)
        const served = run.lines.reduce((s, l) => s + l.blocks, 0)
        const spanMs = run.lines[run.lines.length - 1].at - run.lines[0].at
        const devnetCpuShare = (cpu.user + cpu.system) / 1000 / run.elapsedMs
        console.log(
            `${transport}: processor indexed ${served} blocks in ${(run.elapsedMs / 1000).toFixed(1)} s incl. start-up = ${(served / (run.elapsedMs / 1000)).toFixed(0)} blocks/s; ` +
                `${(served / (spanMs / 1000)).toFixed(0)} blocks/s between first and last batch; devnet CPU while serving ${(devnetCpuShare * 100).toFixed(0)} % of one core`,
        )
    }
    await devnet.stop()
}

main().catch(e => {
    console.error(e)
    process.exit(1)
})
