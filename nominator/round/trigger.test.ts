import {describe, expect, it} from 'vitest'
import {
    accountReasonText,
    accountStatus,
    decideRound,
    gateText,
    type AccountChainState,
    type AccountStatus,
    type TriggerInput,
    type TriggerPolicy,
} from './trigger'

const KSM = 10n ** 12n
/** Kusama's values: renominate every 4 eras, 50 KSM bonded at least, 0.1 KSM for fees, 20 announcements, stale after 8. */
const POLICY: TriggerPolicy = {
    enabled: true,
    dryRun: false,
    roundEveryEras: 4,
    minBondedPlanck: 50n * KSM,
    minSignerFreePlanck: KSM / 10n,
    maxPendingAnnouncements: 20,
    staleAfterEras: 8,
}
const ERA = 100

function acct(more: Partial<AccountChainState> = {}): AccountChainState {
    return {
        name: 'n1',
        stash: 'S1',
        bondedPlanck: 1000n * KSM,
        submittedIn: ERA - 4,
        signerFreePlanck: KSM,
        pendingAnnouncements: 0,
        ...more,
    }
}

describe('account state', () => {
    it.each<[string, Partial<AccountChainState>, Partial<TriggerPolicy>, Pick<AccountStatus, 'state' | 'stale'> & {reason: string}]>([
        [
            'nomination roundEveryEras old: ready',
            {submittedIn: ERA - 4},
            {},
            {state: 'readyToNominate', stale: false, reason: 'last nominated in era 96'},
        ],
        [
            'nomination 3 eras old on Kusama: nominated',
            {submittedIn: ERA - 3},
            {},
            {state: 'nominated', stale: false, reason: 'nominated in era 97, due again in era 101'},
        ],
        [
            'Polkadot: 1 era old is due',
            {submittedIn: ERA - 1},
            {roundEveryEras: 1},
            {state: 'readyToNominate', stale: false, reason: 'last nominated in era 99'},
        ],
        [
            'nominated this era: not due, even on Polkadot',
            {submittedIn: ERA},
            {roundEveryEras: 1},
            {state: 'nominated', stale: false, reason: 'nominated in era 100, due again in era 101'},
        ],
        [
            'never nominated: ready and stale',
            {submittedIn: null},
            {},
            {state: 'readyToNominate', stale: true, reason: 'no nomination on chain'},
        ],
        [
            '9 eras old: ready and stale',
            {submittedIn: ERA - 9},
            {},
            {state: 'readyToNominate', stale: true, reason: 'last nominated in era 91'},
        ],
        [
            '8 eras old: not yet stale',
            {submittedIn: ERA - 8},
            {},
            {state: 'readyToNominate', stale: false, reason: 'last nominated in era 92'},
        ],
        ['not bonded', {bondedPlanck: null}, {}, {state: 'notNominating', stale: false, reason: 'not bonded'}],
        ['zero bonded', {bondedPlanck: 0n}, {}, {state: 'notNominating', stale: false, reason: 'not bonded'}],
        [
            'below the minimum bond',
            {bondedPlanck: 50n * KSM - 1n},
            {},
            {state: 'notNominating', stale: false, reason: 'bonded 49999999999999 planck, below nominator.minBondedPlanck 50000000000000'},
        ],
        [
            'exactly the minimum bond nominates',
            {bondedPlanck: 50n * KSM},
            {},
            {state: 'readyToNominate', stale: false, reason: 'last nominated in era 96'},
        ],
        [
            'announcement pending: awaiting execution, not due',
            {pendingAnnouncements: 1, submittedIn: ERA - 20},
            {},
            {state: 'awaitingProxyExecution', stale: false, reason: '1 announcement(s) pending execution'},
        ],
        [
            'signer cannot pay fees',
            {signerFreePlanck: KSM / 10n - 1n, submittedIn: ERA - 9},
            {},
            {
                state: 'notNominating',
                stale: true,
                reason: 'signer has 99999999999 planck free, below nominator.minSignerFreePlanck 100000000000',
            },
        ],
        [
            "dry run: the signer's balance does not matter",
            {signerFreePlanck: 0n},
            {dryRun: true},
            {state: 'readyToNominate', stale: false, reason: 'last nominated in era 96'},
        ],
    ])('%s', (_name, chain, policy, expected) => {
        const s = accountStatus(acct(chain), ERA, {...POLICY, ...policy})
        expect({state: s.state, stale: s.stale, reason: accountReasonText(s.reason)}).toEqual(expected)
    })
})

describe('round trigger', () => {
    const base = (more: Partial<TriggerInput> = {}): TriggerInput => ({
        currentEra: ERA,
        validCandidates: 40,
        lastRoundEra: ERA - 4,
        accounts: [acct({stash: 'S1'}), acct({stash: 'S2', submittedIn: ERA - 1}), acct({stash: 'S3', submittedIn: null})],
        policy: POLICY,
        ...more,
    })

    it.each<[string, Partial<TriggerInput>, string]>([
        ['due accounts, scorer done, no round yet this era: start for the due ones', {}, 'start S1,S3'],
        ["scorer has not finished the era's pass", {validCandidates: null}, 'scorerPending'],
        ['the pass has no valid candidate: no round', {validCandidates: 0}, 'noValidCandidates'],
        ['a round is already recorded for this era (restart): no second round', {lastRoundEra: ERA}, 'roundAlreadyRecorded'],
        ['first round ever', {lastRoundEra: null}, 'start S1,S3'],
        [
            'no account due: no round (the old guard was always true)',
            {accounts: [acct({submittedIn: ERA - 1}), acct({stash: 'S2', bondedPlanck: null})]},
            'noAccountDue',
        ],
        ['no accounts configured', {accounts: []}, 'noAccountDue'],
        ['disabled', {policy: {...POLICY, enabled: false}}, 'disabled'],
        ['disabled but dry run: decides and records', {policy: {...POLICY, enabled: false, dryRun: true}}, 'start S1,S3'],
        [
            'pending announcements at the maximum stop new rounds',
            {
                accounts: [acct({stash: 'S1'}), acct({stash: 'S2', pendingAnnouncements: 2})],
                policy: {...POLICY, maxPendingAnnouncements: 2},
            },
            'tooManyPendingAnnouncements',
        ],
        [
            'one below the maximum: the others still nominate',
            {
                accounts: [acct({stash: 'S1'}), acct({stash: 'S2', pendingAnnouncements: 1})],
                policy: {...POLICY, maxPendingAnnouncements: 2},
            },
            'start S1',
        ],
    ])('%s', (_name, more, expected) => {
        const {gate} = decideRound(base(more))
        expect(gate.kind === 'start' ? `start ${gate.due.join(',')}` : gate.kind).toBe(expected)
    })

    it('every account has a status even when no round starts', () => {
        const d = decideRound(base({validCandidates: null}))
        expect(d.accounts.map(a => [a.stash, a.state])).toEqual([
            ['S1', 'readyToNominate'],
            ['S2', 'nominated'],
            ['S3', 'readyToNominate'],
        ])
    })

    it('the gate reads as a sentence naming the config key that stops it', () => {
        const d = decideRound(base({accounts: [acct({pendingAnnouncements: 3})], policy: {...POLICY, maxPendingAnnouncements: 3}}))
        expect(gateText(d.gate)).toBe('3 announcements pending, at most 3 (nominator.maxPendingAnnouncements): no new round')
    })
})
