/**
 * `npm run bench:squid`: indexes a Kusama-size devnet scenario (2,000 validators, 12,500 nominators)
 * with the relay processor and with the same processor on a no-op handler, and prints blocks/s,
 * events/s, their ratio (target ≥ 0.9) and peak RSS. BENCH_BLOCKS sets the chain length (default 700:
 * one era end with a full snapshot; the devnet needs minutes to build a Kusama-size chain).
 */
import fs from 'node:fs'
import path from 'node:path'
import {applyMigrations} from '../../db/migrate'
import {acquireDbServer, createTempDatabase} from '../../db/test-database'
import {startDevnet} from '../../test/devnet'
import {layerEvents} from '../run-chain-processor'
import {relayMapping} from '../relay/mapping'
import {startProcessorChild} from '../processor-child'

interface RunResult {
    seconds: number
    peakRssMb: number
}

async function timedRun(label: string, db: Parameters<typeof startProcessorChild>[0]['db'], rpcUrl: string, toBlock: number, script?: string): Promise<RunResult> {
    const started = process.hrtime.bigint()
    const run = startProcessorChild({layer: 'relay', db, rpcUrl, toBlock, script})
    let peakKb = 0
    // VmHWM is the kernel's own peak-RSS mark for the process; sample it until the process ends.
    const sampler = setInterval(() => {
        try {
            const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${run.child.pid}/status`, 'utf8'))
            if (m) peakKb = Math.max(peakKb, Number(m[1]))
        } catch { /* the process has ended */ }
    }, 50)
    const code = await run.exited
    clearInterval(sampler)
    if (code !== 0) throw new Error(`${label} run exited with ${code} (signal ${run.child.signalCode}):\n${run.log().slice(-3000)}`)
    return {seconds: Number(process.hrtime.bigint() - started) / 1e9, peakRssMb: peakKb / 1024}
}

async function main() {
    const blocks = Number(process.env.BENCH_BLOCKS || 700)
    const server = await acquireDbServer()
    const devnetStarted = Date.now()
    // The upgrade (9420 → 1002005) mid-era: the devnet writes the new storage format already in the upgrade
    // block, where a chain still has the old one, so an era end in that very block cannot be decoded.
    const devnet = await startDevnet({scenario: 'kusama-scale', seed: 1, port: 0, blockTimeMs: 0, finalityLagBlocks: 2, upgradeAtBlock: 300})
    await devnet.produceBlocks(blocks)
    const to = devnet.finalized().number
    const names = new Set(layerEvents(relayMapping))
    const facts = devnet.facts()
    const events = Object.entries(facts.events).filter(([n]) => names.has(n)).reduce((s, [, list]) => s + list.filter(e => e.block <= to).length, 0)
    console.log(`devnet kusama-scale: ${to + 1} finalized blocks, ${events} indexed events, built in ${((Date.now() - devnetStarted) / 1000).toFixed(1)} s`)

    const results: Record<string, RunResult> = {}
    for (const [label, script] of [['no-op handler', path.join(__dirname, 'noop-main.js')], ['squid', undefined]] as const) {
        const db = await createTempDatabase(server.settings, 'bench')
        try {
            await applyMigrations(db.settings)
            results[label] = await timedRun(label, db.settings, devnet.httpUrl, to, script)
        } finally {
            await db.drop()
        }
        const r = results[label]
        console.log(`${label.padEnd(14)} ${r.seconds.toFixed(2)} s  ${((to + 1) / r.seconds).toFixed(0)} blocks/s  ${(events / r.seconds).toFixed(0)} events/s  peak RSS ${r.peakRssMb.toFixed(0)} MB`)
    }
    const ratio = results['no-op handler'].seconds / results.squid.seconds
    console.log(`ratio squid / no-op (throughput): ${ratio.toFixed(3)} (target >= 0.9)`)
    await devnet.stop()
    await server.stop()
}

main().catch(e => {
    console.error(e)
    process.exit(1)
})
