/**
 * Offence fault events on the devnet's current layout, after the relay and Asset Hub processors indexed it: the
 * relay's Offences.Offence rows name their offenders (read from Offences.Reports), and Asset Hub, which runs
 * staking there, reports the same offences as Staking.OffenceReported; each offender's offence is one fault event,
 * made from Asset Hub's event, never a second one from the relay's.
 */
import {encodeAddress} from '@polkadot/util-crypto'
import path from 'node:path'
import type {DataSource} from 'typeorm'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {loadConfig} from '../../config/load'
import {PROJECT_DIR} from '../../config/project-dir'
import {applyMigrations} from '../../db/migrate'
import {startDevnet, type Devnet} from '../../devnet'
import {ChainLayer} from '../../squid/chain-layer'
import {startProcessorChild} from '../../squid/processor-child'
import {useTestDatabase} from '../../test/vitest/database'
import {modelDataSource} from '../../test/vitest/model-data-source'
import {completeErasBetween} from '../complete-eras'
import {scoreEra} from '../score-era'

const db = useTestDatabase('faults_current')
const config = loadConfig(path.join(PROJECT_DIR, 'config', 'devnet.json'))
let devnet: Devnet
let ds: DataSource
let eras: number[]

beforeAll(async () => {
    devnet = await startDevnet({scenario: 'current', seed: 11, port: 0, blockTimeMs: 0, finalityLagBlocks: 2})
    await devnet.produceBlocks(66)
    const indexedTo = devnet.finalized().number
    await applyMigrations(db.settings)
    for (const [layer, role] of [
        [ChainLayer.relay, 'relay'],
        [ChainLayer.assetHub, 'assetHub'],
    ] as const) {
        const endpoint = devnet.endpoints.find(e => e.role === role)!
        const run = startProcessorChild({layer, db: db.settings, rpcUrl: endpoint.httpUrl, toBlock: indexedTo})
        const code = await run.exited
        if (code !== 0) throw new Error(`${layer} processor exited with ${code}:\n${run.log().slice(-4000)}`)
    }
    ds = modelDataSource(db.settings)
    await ds.initialize()
    eras = await completeErasBetween(ds.manager, 0, 1_000_000)
    const stashes: {validator_id: string}[] = await ds.query(`SELECT DISTINCT validator_id FROM era_validator ORDER BY 1`)
    const candidates = stashes.map(s => ({stash: s.validator_id, stashAddress: encodeAddress(s.validator_id, 0), valid: true}))
    for (const era of eras) await scoreEra(ds.manager, era, config, {candidates, programmeNominators: []})
}, 300_000)

afterAll(async () => {
    await ds?.destroy()
    await devnet?.stop()
})

describe('offence fault events on the current layout', () => {
    it("one fault event per offender's offence, from Asset Hub's Staking.OffenceReported, never a second one from the relay's row of it", async () => {
        expect(eras.length).toBeGreaterThanOrEqual(2)
        const [{n: eraChains}] = await ds.query(`SELECT count(*)::int AS n FROM era WHERE chain <> 'assetHub'`)
        expect(eraChains, 'every era is run by Asset Hub').toBe(0)
        const last = eras[eras.length - 1]
        const relay: {validator_id: string | null; report_id: string | null}[] = await ds.query(
            `SELECT validator_id, report_id FROM offence WHERE chain = 'relay'`,
        )
        expect(relay.length).toBeGreaterThan(0)
        expect(relay.filter(o => o.validator_id === null || o.report_id === null)).toEqual([])
        // Asset Hub's offences of the scored eras (its rows carry the era) of the validators that are candidates.
        const reported: {id: string; validator_id: string}[] = await ds.query(
            `SELECT o.id, o.validator_id FROM offence o WHERE o.chain = 'assetHub' AND o.era <= $1
               AND o.validator_id IN (SELECT validator_id FROM era_validator)`,
            [last],
        )
        expect(reported.length).toBeGreaterThan(0)
        const events: {id: string; stash: string; evidence: {chain: string; event: string}}[] = await ds.query(
            `SELECT id, stash, evidence FROM fault_event WHERE source = 'offence'`,
        )
        expect(events.map(e => [e.id, e.stash, e.evidence.event]).sort()).toEqual(
            reported.map(o => [`offence:${o.id}`, o.validator_id, 'Staking.OffenceReported']).sort(),
        )
    })
})
