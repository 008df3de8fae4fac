import {describe, expect, it} from 'vitest'
import {select, type NominatorAccount, type Selection} from '../selection/select'
import {planRound} from './plan'

const HASH = '0x' + 'ab'.repeat(32)
const DOT = 10n ** 10n

function account(stash: string, mode: NominatorAccount['mode'], signer: string): NominatorAccount {
    return {name: `n-${stash}`, stash, bondedPlanck: 1000n * DOT, mode, signer}
}

/** A selection with the given targets per stash, in this order. */
function selection(targets: Record<string, string[]>): Selection {
    return {
        accounts: Object.entries(targets).map(([stash, t]) => ({
            name: `n-${stash}`,
            stash,
            count: {count: t.length, bondedPlanck: 0n, bufferedPlanck: 0n, liftable: 0, raised: 0, limitedBy: 'lift' as const},
            targets: t,
            considered: [],
        })),
        belowCut: [],
    }
}

const nominate = (targets: string[]) => ({pallet: 'staking', call: 'nominate', args: {targets}})

describe('round plan: one batch per signer', () => {
    const accounts = [
        account('D', 'direct', 'D'),
        account('P1', 'proxy', 'X'),
        account('P2', 'proxy', 'X'),
        account('L1', 'delayedProxy', 'X'),
        account('L2', 'delayedProxy', 'Y'),
        account('E', 'proxy', 'Y'),
    ]
    const plan = planRound(HASH, accounts, selection({P1: ['t1', 't2'], D: ['t3'], L1: ['t4'], P2: ['t5'], L2: ['t6', 't7'], E: []}))

    it('a direct stash sends staking.nominate with the remark', () => {
        expect(plan.batches.find(b => b.signer === 'D')).toEqual({
            signer: 'D',
            stashes: ['D'],
            call: {
                pallet: 'utility',
                call: 'batchAll',
                args: {calls: [{pallet: 'system', call: 'remarkWithEvent', args: {remark: HASH}}, nominate(['t3'])]},
            },
        })
    })

    it('a proxy serving several stashes sends one batch: the remark, proxy.proxy per stash, announcements for its delayed stashes', () => {
        expect(plan.batches.find(b => b.signer === 'X')).toEqual({
            signer: 'X',
            stashes: ['P1', 'L1', 'P2'],
            call: {
                pallet: 'utility',
                call: 'batchAll',
                args: {
                    calls: [
                        {pallet: 'system', call: 'remarkWithEvent', args: {remark: HASH}},
                        {pallet: 'proxy', call: 'proxy', args: {real: 'P1', forceProxyType: 'Staking', call: nominate(['t1', 't2'])}},
                        {pallet: 'proxy', call: 'announce', args: {real: 'L1', callHash: {hashOf: nominate(['t4'])}}},
                        {pallet: 'proxy', call: 'proxy', args: {real: 'P2', forceProxyType: 'Staking', call: nominate(['t5'])}},
                    ],
                },
            },
        })
    })

    it('batches are ordered by signer, one per signer that has something to send', () => {
        expect(plan.batches.map(b => b.signer)).toEqual(['D', 'X', 'Y'])
    })

    it('delayed proxies: the later proxy.proxyAnnounced is planned with the announced call', () => {
        expect(plan.announced).toEqual([
            {
                signer: 'X',
                stash: 'L1',
                targets: ['t4'],
                inner: nominate(['t4']),
                execute: {
                    pallet: 'proxy',
                    call: 'proxyAnnounced',
                    args: {delegate: 'X', real: 'L1', forceProxyType: 'Staking', call: nominate(['t4'])},
                },
            },
            {
                signer: 'Y',
                stash: 'L2',
                targets: ['t6', 't7'],
                inner: nominate(['t6', 't7']),
                execute: {
                    pallet: 'proxy',
                    call: 'proxyAnnounced',
                    args: {delegate: 'Y', real: 'L2', forceProxyType: 'Staking', call: nominate(['t6', 't7'])},
                },
            },
        ])
    })

    it('an account left without targets sends nothing (staking.nominate refuses an empty list) and is reported', () => {
        expect(plan.skipped).toEqual([{name: 'n-E', stash: 'E', reason: 'noTargets'}])
        expect(plan.batches.find(b => b.signer === 'Y')!.stashes).toEqual(['L2'])
    })

    it('no targets at all: no batch', () => {
        const accts = [account('A', 'direct', 'A')]
        expect(
            planRound(
                HASH,
                accts,
                select({
                    candidates: [],
                    accounts: accts,
                    heldTargets: [],
                    electedExposuresPlanck: [],
                    maxNominations: 16,
                    policy: {
                        maxTargets: 16,
                        balanceBuffer: {perbill: 0, minPlanck: 0n},
                        caps: {perIdentityGroup: null, perProvider: null, perCountry: null},
                        ampleBackingPlanck: null,
                    },
                }),
            ),
        ).toEqual({inputHash: HASH, batches: [], announced: [], skipped: [{name: 'n-A', stash: 'A', reason: 'noTargets'}]})
    })

    it("a selected account missing from the round's accounts is refused", () => {
        expect(() => planRound(HASH, [], selection({Q: ['t']}))).toThrow(
            "selection names account Q, which is not among the round's accounts",
        )
    })
})
