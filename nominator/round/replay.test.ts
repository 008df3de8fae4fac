import {describe, expect, it} from 'vitest'
import {rankCandidates, select, type SelectionPolicy} from '../selection/select'
import {syntheticRound} from '../synthetic-round'
import {renderReplay, replayMatches, replayRound, type RecordedRound} from './replay'
import {inputHash, selectionInput, serialiseSnapshot, type RoundInput} from './snapshot'

const POLICY: SelectionPolicy = {
    maxTargets: 16,
    balanceBuffer: {perbill: 2_000_000, minPlanck: 200_000_000_000n},
    caps: {perIdentityGroup: 1, perProvider: 2, perCountry: 2},
    ampleBackingPlanck: 4_000_000n * 10n ** 10n,
}

/** What the round records, as the nominator would: decided from the input as read, in read order. */
function record(input: RoundInput): RecordedRound {
    const selection = select(selectionInput(input))
    return {
        snapshot: serialiseSnapshot(input),
        inputHash: inputHash(input),
        targets: selection.accounts.map(a => ({stash: a.stash, targets: a.targets})),
    }
}

describe('replay of a recorded round', () => {
    const input = syntheticRound({candidates: 400, accounts: 8, seed: 3, policy: POLICY})
    // Some of the programme rests this round, holding targets.
    input.heldTargets = [
        {
            stash: 'resting-account',
            targets: rankCandidates(input.candidates)
                .slice(0, 5)
                .map(c => c.stash),
        },
    ]
    const recorded = record(input)

    it('the world is one where every rule binds (else equality would prove little)', () => {
        const reasons = new Set(
            replayRound(recorded).selection.accounts.flatMap(a =>
                a.considered.map(k => (k.verdict.kind === 'passed' ? k.verdict.reason.kind : 'chosen')),
            ),
        )
        expect([...reasons].sort()).toEqual([
            'ampleBacking',
            'chosen',
            'countryCap',
            'heldByOtherAccount',
            'identityGroupCap',
            'providerCap',
        ])
    })

    it('recomputes the same targets and the same input hash', () => {
        const replay = replayRound(recorded)
        expect(replay.differences).toEqual([])
        expect(replay.recomputedInputHash).toBe(recorded.inputHash)
        expect(replayMatches(replay)).toBe(true)
        expect(renderReplay(replay)).toBe(`input hash ${recorded.inputHash}: matches the snapshot\ntargets: the same for all 8 accounts`)
    })

    it('a recorded target list that differs is reported, account by account', () => {
        const [first, ...rest] = recorded.targets
        const tampered = {...recorded, targets: [{stash: first.stash, targets: [...first.targets.slice(1), 'someone-else']}, ...rest]}
        const replay = replayRound(tampered)
        expect(replayMatches(replay)).toBe(false)
        expect(replay.differences).toEqual([{stash: first.stash, recorded: tampered.targets[0].targets, recomputed: first.targets}])
        expect(renderReplay(replay)).toContain(
            `${first.stash}:\n  recorded   ${tampered.targets[0].targets.join(' ')}\n  recomputed ${first.targets.join(' ')}`,
        )
    })

    it('an account recorded but not recomputed (or the reverse) is a difference', () => {
        const replay = replayRound({...recorded, targets: [...recorded.targets.slice(1), {stash: 'ghost', targets: ['x']}]})
        expect(replay.differences.map(d => [d.stash, d.recorded === null, d.recomputed === null]).sort()).toEqual(
            [
                [recorded.targets[0].stash, true, false],
                ['ghost', false, true],
            ].sort(),
        )
    })

    it('a snapshot edited after the fact no longer matches its recorded hash', () => {
        const json = JSON.parse(recorded.snapshot)
        json.candidates[0].scoreTotal = 1e9
        const replay = replayRound({...recorded, snapshot: JSON.stringify(json)})
        expect(replay.recomputedInputHash).not.toBe(recorded.inputHash)
        expect(replayMatches(replay)).toBe(false)
        expect(renderReplay(replay)).toContain('input hash differs')
    })
})
