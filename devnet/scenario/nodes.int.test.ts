import {describe, expect, it} from 'vitest'
import candidates from '../../config/candidates/polkadot.json'
import {scenarioNodes} from './nodes'
import {startDevnet} from '../index'

describe('scenarioNodes', () => {
    it('lists the chain’s validators with candidate names, operators and client versions, deterministically', async () => {
        const nodes = await scenarioNodes('legacy', 9)
        expect(nodes).toHaveLength(40)
        expect(nodes[0].nodeName).toBe(candidates.candidates[0].name)
        expect(nodes[0].address).toBe(candidates.candidates[0].stash)
        expect(nodes.filter(n => n.isCandidate)).toHaveLength(24)
        expect(nodes.every(n => /^\d+\.\d+\.\d+-[0-9a-f]{8}$/.test(n.clientVersion))).toBe(true)
        // Several nodes per operator.
        const perOperator = new Map<string, number>()
        for (const n of nodes) perOperator.set(n.operator, (perOperator.get(n.operator) ?? 0) + 1)
        expect(Math.max(...perOperator.values())).toBeGreaterThan(1)
        expect(await scenarioNodes('legacy', 9)).toEqual(nodes)
        const devnet = await startDevnet({scenario: 'legacy', seed: 9})
        try {
            expect([...devnet.chain.world.validators.keys()]).toEqual(nodes.map(n => n.stash))
        } finally {
            await devnet.stop()
        }
    })
})
