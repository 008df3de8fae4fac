import {describe, expect, it} from 'vitest'
import {
    decideAnnouncement,
    planAnnouncementCalls,
    type AnnouncementDecision,
    type AnnouncementPolicy,
    type PendingAnnouncement,
    type TargetValidity,
} from './announcement'

const H1 = '0x' + 'a1'.repeat(32)
const H2 = '0x' + '02'.repeat(32)
const ROUND = '0x' + 'ee'.repeat(32)
/** 1KV: delay 10850 blocks, cancelled after 1.2 × that. */
const POLICY: AnnouncementPolicy = {delayBlocks: 10850, cancelAfterBlocks: 13020, blacklistedCallHashes: []}
const AT = 1_000_000

function ann(more: Partial<PendingAnnouncement> = {}): PendingAnnouncement {
    return {signer: 'proxy', stash: 'S1', callHash: H1, announcedAtBlock: AT, targets: ['V1', 'V2'], roundInputHash: ROUND, ...more}
}

const valid = (entries: [string, TargetValidity][] = []) => new Map<string, TargetValidity>([['V1', 'valid'], ['V2', 'valid'], ...entries])

describe('announcement decision', () => {
    it.each<[string, Partial<PendingAnnouncement>, number, [string, TargetValidity][], Partial<AnnouncementPolicy>, AnnouncementDecision]>([
        ['delay passed, targets valid: execute', {}, AT + 10850, [], {}, {action: 'execute'}],
        ['one block before the delay: wait', {}, AT + 10849, [], {}, {action: 'wait', reason: 'delay', blocksLeft: 1}],
        [
            'a target turned invalid: remove at once, before the delay',
            {},
            AT + 5,
            [['V2', 'invalid']],
            {},
            {action: 'remove', invalidTargets: ['V2']},
        ],
        [
            'a target turned invalid after the delay: remove, not execute',
            {},
            AT + 11000,
            [['V1', 'invalid']],
            {},
            {action: 'remove', invalidTargets: ['V1']},
        ],
        [
            'a target no longer a candidate counts as invalid',
            {targets: ['V1', 'V9']},
            AT + 11000,
            [],
            {},
            {action: 'remove', invalidTargets: ['V9']},
        ],
        [
            'a target whose validity is unknown: wait, never execute blind',
            {},
            AT + 11000,
            [['V2', 'unknown']],
            {},
            {action: 'wait', reason: 'validityUnknown', targets: ['V2']},
        ],
        ['older than cancelAfterBlocks: cancel', {}, AT + 13021, [], {}, {action: 'cancel', reason: 'expired', ageBlocks: 13021}],
        ['exactly cancelAfterBlocks old: still executes', {}, AT + 13020, [], {}, {action: 'execute'}],
        [
            'blacklisted call hash: cancel, even when executable',
            {},
            AT + 10850,
            [],
            {blacklistedCallHashes: [H1.toUpperCase().replace('0X', '0x')]},
            {action: 'cancel', reason: 'blacklisted'},
        ],
        ['not recorded by any round: wait until it expires', {targets: null}, AT + 10850, [], {}, {action: 'wait', reason: 'unknownCall'}],
        [
            'not recorded by any round and expired: cancel (it never blocks for ever)',
            {targets: null},
            AT + 20000,
            [],
            {},
            {action: 'cancel', reason: 'expired', ageBlocks: 20000},
        ],
        ['zero delay: executable at once', {}, AT, [], {delayBlocks: 0}, {action: 'execute'}],
    ])('%s', (_name, a, currentBlock, validity, policy, expected) => {
        expect(decideAnnouncement(ann(a), currentBlock, valid(validity), {...POLICY, ...policy})).toEqual(expected)
    })
})

describe('announcement calls', () => {
    const nominate = (targets: string[]) => ({pallet: 'staking', call: 'nominate', args: {targets}})

    it("executions and removals go out in one batch per signer; executions carry their round's remark; waits send nothing", () => {
        const batches = planAnnouncementCalls([
            {announcement: ann(), decision: {action: 'execute'}},
            {announcement: ann({stash: 'S2', callHash: H2, targets: ['V3']}), decision: {action: 'remove', invalidTargets: ['V3']}},
            {announcement: ann({stash: 'S3', targets: ['V4']}), decision: {action: 'execute'}},
            {announcement: ann({signer: 'other', stash: 'S4'}), decision: {action: 'wait', reason: 'delay', blocksLeft: 3}},
            {
                announcement: ann({signer: 'another', stash: 'S5', targets: null, roundInputHash: null}),
                decision: {action: 'cancel', reason: 'expired', ageBlocks: 20000},
            },
        ])
        expect(batches).toEqual([
            {
                signer: 'another',
                call: {
                    pallet: 'utility',
                    call: 'batchAll',
                    args: {calls: [{pallet: 'proxy', call: 'removeAnnouncement', args: {real: 'S5', callHash: H1}}]},
                },
            },
            {
                signer: 'proxy',
                call: {
                    pallet: 'utility',
                    call: 'batchAll',
                    args: {
                        calls: [
                            {pallet: 'system', call: 'remarkWithEvent', args: {remark: ROUND}},
                            {
                                pallet: 'proxy',
                                call: 'proxyAnnounced',
                                args: {delegate: 'proxy', real: 'S1', forceProxyType: 'Staking', call: nominate(['V1', 'V2'])},
                            },
                            {pallet: 'proxy', call: 'removeAnnouncement', args: {real: 'S2', callHash: H2}},
                            {
                                pallet: 'proxy',
                                call: 'proxyAnnounced',
                                args: {delegate: 'proxy', real: 'S3', forceProxyType: 'Staking', call: nominate(['V4'])},
                            },
                        ],
                    },
                },
            },
        ])
    })

    it('an execution without its recorded call is refused', () => {
        expect(() => planAnnouncementCalls([{announcement: ann({targets: null}), decision: {action: 'execute'}}])).toThrow(
            `announcement ${H1} for S1 cannot be executed`,
        )
    })
})
