import {describe, expect, it} from 'vitest'
import type {Candidate} from './candidate'
import {diffCandidates} from './candidate-diff'

const candidate = (key: string, over: Partial<Candidate> = {}): Candidate => ({
    slotId: 1,
    name: `node-${key}`,
    stash: `stash-${key}`,
    stashPublicKeyHex: `0x${key}`,
    kusamaStash: null,
    kusamaStashPublicKeyHex: null,
    riotHandles: [],
    kyc: false,
    skipSelfStake: false,
    status: null,
    ...over,
})

describe('diffCandidates: the history of the list, keyed by the stash public key', () => {
    it('added, changed (with the fields that changed) and removed', () => {
        const a = candidate('aa'),
            b = candidate('bb'),
            c = candidate('cc')
        const b2 = candidate('bb', {name: 'renamed', riotHandles: ['@b:m.org'], skipSelfStake: true})
        const d = candidate('dd')
        const diff = diffCandidates([a, b, c], [b2, a, d])
        expect(diff.added).toEqual([d])
        expect(diff.removed).toEqual([c])
        expect(diff.changed).toEqual([{previous: b, next: b2, fields: ['name', 'riotHandles', 'skipSelfStake']}])
    })

    it('the same list, reordered, changes nothing', () => {
        const list = [candidate('aa'), candidate('bb', {riotHandles: ['@x', '@y']})]
        expect(
            diffCandidates(
                list,
                [...list].reverse().map(c => ({...c, riotHandles: [...c.riotHandles]})),
            ),
        ).toEqual({added: [], changed: [], removed: []})
    })

    it('a rename keeps the candidate (same stash); a new stash under the old name is a removal and an addition', () => {
        const before = candidate('aa', {name: 'x'})
        const after = candidate('bb', {name: 'x'})
        expect(diffCandidates([before], [after])).toEqual({added: [after], changed: [], removed: [before]})
    })
})
