import {describe, expect, it} from 'vitest'
import {renderSelection} from './render'
import {select, type Candidate, type NominatorAccount, type SelectionInput, type SelectionPolicy} from './select'

const DOT = 10n ** 10n
const dot = (n: number) => BigInt(n) * DOT
/** 5 low exposures (skipped), then 30 of 100 tokens: a bond of bondFor(n) carries exactly n targets (n ≤ 20). */
const ELECTED = [...Array(5).fill(dot(1)), ...Array(30).fill(dot(100))]
const bondFor = (n: number) => dot(21 + (n - 1) * 100)

const POLICY: SelectionPolicy = {
    maxTargets: 16,
    balanceBuffer: {perbill: 2_000_000, minPlanck: dot(20)},
    caps: {perIdentityGroup: null, perProvider: null, perCountry: null},
    ampleBackingPlanck: null,
}

function cand(stash: string, scoreTotal: number, more: Partial<Candidate> = {}): Candidate {
    return {stash, scoreTotal, identityGroup: null, provider: null, country: null, elected: false, exposureTotalPlanck: 0n, ...more}
}

function acct(stash: string, targets: number, more: Partial<NominatorAccount> = {}): NominatorAccount {
    return {name: `n-${stash}`, stash, bondedPlanck: bondFor(targets), mode: 'direct', signer: stash, ...more}
}

function input(
    candidates: Candidate[],
    accounts: NominatorAccount[],
    more: Partial<SelectionInput> = {},
    policy: Partial<SelectionPolicy> = {},
): SelectionInput {
    return {
        candidates,
        accounts,
        heldTargets: [],
        electedExposuresPlanck: ELECTED,
        maxNominations: 16,
        policy: {...POLICY, ...policy},
        ...more,
    }
}

/** Ten candidates C0 (best) … C9. */
const TEN = Array.from({length: 10}, (_, i) => cand(`C${i}`, 100 - i))

const targets = (s: ReturnType<typeof select>) => Object.fromEntries(s.accounts.map(a => [a.stash, a.targets]))
const why = (s: ReturnType<typeof select>, account: string) =>
    s.accounts
        .find(a => a.stash === account)!
        .considered.map(k => `${k.stash}:${k.verdict.kind === 'chosen' ? 'chosen' : k.verdict.reason.kind}`)

describe('selection and allocation', () => {
    it('the bond-sizing helper gives the counts the tests rely on', () => {
        const s = select(input(TEN, [acct('A', 1), acct('B', 2), acct('C', 3)]))
        expect(s.accounts.map(a => a.count.count)).toEqual([3, 2, 1])
    })

    it('accounts take disjoint consecutive slices of the ranking, largest bond first', () => {
        const s = select(input(TEN, [acct('A', 2), acct('B', 3), acct('C', 2)]))
        expect(s.accounts.map(a => a.stash)).toEqual(['B', 'A', 'C'])
        expect(targets(s)).toEqual({B: ['C0', 'C1', 'C2'], A: ['C3', 'C4'], C: ['C5', 'C6']})
        expect(s.belowCut.map(k => k.stash)).toEqual(['C7', 'C8', 'C9'])
        expect(s.belowCut[0].rank).toBe(8)
    })

    it('no valid candidates: every account gets none, nothing is considered', () => {
        const s = select(input([], [acct('A', 3), acct('B', 2)]))
        expect(targets(s)).toEqual({A: [], B: []})
        expect(s.accounts.flatMap(a => a.considered)).toEqual([])
        expect(s.belowCut).toEqual([])
    })

    it('fewer candidates than targets: the first account is short, the next gets none', () => {
        const s = select(input(TEN.slice(0, 4), [acct('A', 3), acct('B', 3)]))
        expect(targets(s)).toEqual({A: ['C0', 'C1', 'C2'], B: ['C3']})
        expect(s.accounts[1].count.count).toBe(3)
    })

    it('equal scores are ordered by stash, whatever the input order', () => {
        const tied = [cand('Z', 50), cand('M', 50), cand('A', 50), cand('Q', 60)]
        const a = select(input(tied, [acct('X', 3)]))
        const b = select(input([...tied].reverse(), [acct('X', 3)]))
        expect(targets(a)).toEqual({X: ['Q', 'A', 'M']})
        expect(b).toEqual(a)
    })

    it('equal bonds are allocated in stash order, whatever the config order', () => {
        const a = select(input(TEN, [acct('B', 2), acct('A', 2)]))
        expect(targets(a)).toEqual({A: ['C0', 'C1'], B: ['C2', 'C3']})
        expect(select(input(TEN, [acct('A', 2), acct('B', 2)]))).toEqual(a)
    })

    it('one account with a huge bond takes maxTargets, the others follow on', () => {
        const many = Array.from({length: 30}, (_, i) => cand(`C${String(i).padStart(2, '0')}`, 100 - i))
        const s = select(input(many, [acct('small', 2), {...acct('whale', 1), bondedPlanck: dot(10_000_000)}], {}, {maxTargets: 12}))
        expect(s.accounts[0]).toMatchObject({stash: 'whale', count: {count: 12, limitedBy: 'config'}})
        expect(s.accounts[0].targets).toHaveLength(12)
        expect(targets(s).small).toEqual(['C12', 'C13'])
    })

    it('zero bonded: sized to the minimum of 1 (the round trigger keeps such accounts out)', () => {
        const s = select(input(TEN, [{...acct('A', 1), bondedPlanck: 0n}]))
        expect(s.accounts[0]).toMatchObject({targets: ['C0'], count: {count: 1, limitedBy: 'floor'}})
    })

    it('identity group cap: further candidates of the group are passed over by every account', () => {
        const c = [
            cand('a1', 10, {identityGroup: 'alice'}),
            cand('a2', 9, {identityGroup: 'alice'}),
            cand('b1', 8, {identityGroup: 'bob'}),
            cand('a3', 7, {identityGroup: 'alice'}),
            cand('n1', 6),
            cand('n2', 5),
            cand('b2', 4, {identityGroup: 'bob'}),
        ]
        const s = select(input(c, [acct('A', 2), acct('B', 3)], {}, {caps: {...POLICY.caps, perIdentityGroup: 1}}))
        expect(targets(s)).toEqual({B: ['a1', 'b1', 'n1'], A: ['n2']})
        expect(why(s, 'B')).toEqual(['a1:chosen', 'a2:identityGroupCap', 'b1:chosen', 'a3:identityGroupCap', 'n1:chosen'])
        expect(why(s, 'A')).toEqual(['n2:chosen', 'b2:identityGroupCap'])
        expect(s.accounts[0].considered[1].verdict).toEqual({kind: 'passed', reason: {kind: 'identityGroupCap', group: 'alice', cap: 1}})
    })

    it('provider and country caps bind over the whole programme; unknown provider or country is not counted', () => {
        const c = [
            cand('h1', 10, {provider: 'Hoster', country: 'DE'}),
            cand('h2', 9, {provider: 'Hoster', country: 'FR'}),
            cand('h3', 8, {provider: 'Hoster', country: 'FR'}),
            cand('x1', 7, {provider: 'Other', country: 'DE'}),
            cand('u1', 6),
            cand('u2', 5),
            cand('f1', 4, {provider: 'Third', country: 'FR'}),
        ]
        const s = select(input(c, [acct('A', 3), acct('B', 3)], {}, {caps: {perIdentityGroup: null, perProvider: 2, perCountry: 1}}))
        expect(why(s, 'A')).toEqual(['h1:chosen', 'h2:chosen', 'h3:providerCap', 'x1:countryCap', 'u1:chosen'])
        expect(why(s, 'B')).toEqual(['u2:chosen', 'f1:countryCap'])
        expect(s.accounts[0].considered[3].verdict).toEqual({kind: 'passed', reason: {kind: 'countryCap', country: 'DE', cap: 1}})
    })

    it('targets held by accounts not nominating this round are passed over and count against the caps', () => {
        const c = [cand('h1', 10, {provider: 'Hoster'}), cand('h2', 9, {provider: 'Hoster'}), cand('n1', 8), cand('n2', 7)]
        const s = select(
            input(
                c,
                [acct('A', 2)],
                {heldTargets: [{stash: 'resting', targets: ['h1', 'gone']}]},
                {caps: {...POLICY.caps, perProvider: 1}},
            ),
        )
        expect(why(s, 'A')).toEqual(['h1:heldByOtherAccount', 'h2:providerCap', 'n1:chosen', 'n2:chosen'])
        expect(s.accounts[0].considered[0].verdict).toEqual({kind: 'passed', reason: {kind: 'heldByOtherAccount', account: 'resting'}})
    })

    it('a target held by two resting accounts is named after the first by stash, whatever the order', () => {
        const held = [
            {stash: 'rest-b', targets: ['C0']},
            {stash: 'rest-a', targets: ['C0', 'C1']},
        ]
        const a = select(input(TEN, [acct('A', 2)], {heldTargets: held}))
        expect(a.accounts[0].considered[0].verdict).toEqual({kind: 'passed', reason: {kind: 'heldByOtherAccount', account: 'rest-a'}})
        expect(select(input(TEN, [acct('A', 2)], {heldTargets: [...held].reverse()}))).toEqual(a)
    })

    it('elected candidates with ample backing are passed over; below the threshold, unelected, or no threshold: chosen', () => {
        const c = [
            cand('rich', 10, {elected: true, exposureTotalPlanck: dot(5000)}),
            cand('edge', 9, {elected: true, exposureTotalPlanck: dot(1000)}),
            cand('thin', 8, {elected: true, exposureTotalPlanck: dot(999)}),
            cand('waiting', 7),
        ]
        const s = select(input(c, [acct('A', 3)], {}, {ampleBackingPlanck: dot(1000)}))
        expect(why(s, 'A')).toEqual(['rich:ampleBacking', 'edge:ampleBacking', 'thin:chosen', 'waiting:chosen'])
        expect(targets(select(input(c, [acct('A', 3)])))).toEqual({A: ['rich', 'edge', 'thin']})
    })

    it('bad input is refused with the culprit named', () => {
        expect(() => select(input([cand('a', 1), cand('a', 2)], []))).toThrow('candidate a is listed twice')
        expect(() => select(input([cand('a', Number.NaN)], []))).toThrow('candidate a: score total is NaN')
        expect(() => select(input([], [acct('A', 1)], {heldTargets: [{stash: 'A', targets: []}]}))).toThrow('account A is listed twice')
        expect(() => select(input([], [], {maxNominations: 0}))).toThrow('maxNominations is 0')
    })
})

describe('selection as text', () => {
    it('shows the count and its working, each verdict, and what fell below the cut', () => {
        const c = [cand('a1', 3.5, {identityGroup: 'alice'}), cand('a2', 2, {identityGroup: 'alice'}), cand('b', 1.25), cand('c', 1)]
        const s = select(input(c, [acct('A', 2)], {}, {caps: {...POLICY.caps, perIdentityGroup: 1}}))
        expect(renderSelection(s, {symbol: 'DOT', decimals: 10})).toBe(
            [
                'n-A (A): 2 of 2 targets',
                '  bonded 121 DOT, after the buffer 101 DOT: lifts 1 elected, ×1.05 = 2, no limit reached',
                '  #1 a1 score 3.5 chosen',
                '  #2 a2 score 2 passed: cap of 1 reached for identity group alice',
                '  #3 b score 1.25 chosen',
                'below the cut: 1',
                '  #4 c score 1',
            ].join('\n'),
        )
    })
})
