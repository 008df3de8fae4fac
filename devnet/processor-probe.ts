/**
 * A throw-away Subsquid processor used by the devnet's tests and benchmark: it indexes the devnet over
 * RPC with the real @subsquid/substrate-processor, keeps its progress in memory, and writes what it saw
 * as JSON lines (one per event, or with `PROBE_NOOP=1` only one per batch: a no-op handler) to PROBE_OUT. It exits 0 once
 * PROBE_TO_BLOCK is final.
 *
 * Env: RPC_ENDPOINT, PROBE_TO_BLOCK, PROBE_OUT, PROBE_EVENTS (comma-separated names; default the staking set),
 * PROBE_NOOP=1 (no-op handler, for the benchmark).
 */
import fs from 'fs'
import {SubstrateBatchProcessor} from '@subsquid/substrate-processor'
import type {FinalDatabase, FinalTxInfo, HashAndHeight} from '@subsquid/util-internal-processor-tools'

const rpc = required('RPC_ENDPOINT')
const to = Number(required('PROBE_TO_BLOCK'))
const out = required('PROBE_OUT')
const noop = process.env.PROBE_NOOP === '1'
const names = (
    process.env.PROBE_EVENTS ??
    'Staking.Rewarded,Staking.PayoutStarted,Staking.EraPaid,Staking.Slashed,Staking.Chilled,Staking.Kicked,ImOnline.SomeOffline,Offences.Offence,Session.NewSession,Identity.IdentitySet,Identity.JudgementGiven,System.CodeUpdated'
).split(',')

const processor = new SubstrateBatchProcessor()
    .setRpcEndpoint({url: rpc, capacity: 10})
    .setRpcDataIngestionSettings({headPollInterval: 100})
    .setBlockRange({from: 0, to})
    .setFields({block: {timestamp: true}, event: {args: true, name: true}})
    .addEvent({name: names})

class MemoryDatabase implements FinalDatabase<{}> {
    head: HashAndHeight = {height: -1, hash: '0x'}
    async connect(): Promise<HashAndHeight> {
        return this.head
    }
    async transact(info: FinalTxInfo, cb: (store: {}) => Promise<void>): Promise<void> {
        await cb({})
        this.head = info.nextHead
    }
}

fs.writeFileSync(out, '')
processor.run(new MemoryDatabase(), async ctx => {
    if (noop) {
        fs.appendFileSync(
            out,
            JSON.stringify({
                from: ctx.blocks[0].header.height,
                to: ctx.blocks[ctx.blocks.length - 1].header.height,
                blocks: ctx.blocks.length,
                at: Date.now(),
            }) + '\n',
        )
        return
    }
    const lines: string[] = []
    for (const block of ctx.blocks) {
        for (const e of block.events) {
            lines.push(
                JSON.stringify({
                    block: block.header.height,
                    hash: block.header.hash,
                    specVersion: block.header.specVersion,
                    timestamp: block.header.timestamp,
                    name: e.name,
                    args: e.args,
                }),
            )
        }
    }
    if (lines.length) fs.appendFileSync(out, lines.join('\n') + '\n')
})

function required(name: string): string {
    const v = process.env[name]
    if (!v) {
        console.error(`processor-probe: env ${name} is required`)
        process.exit(2)
    }
    return v
}
