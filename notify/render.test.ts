import {describe, expect, it} from 'vitest'
import type {NotifyEvent} from './events'
import {renderEvent} from './render'

const HASH = '0x' + 'ab'.repeat(32)
const alice = {
    account: 'nominator-1',
    address: 'HNZata7iMYWmk5RvZRTiAsSDhV8366zq2YGb3tLH5Upf74F',
    targets: [{stash: 'Gx1', name: 'Validator <One>'}, {stash: 'Gx2'}],
}

describe('rendered messages', () => {
    it('say what happened in one sentence, with the network, and list the details', () => {
        const cases: [NotifyEvent, string][] = [
            [
                {kind: 'roundDecided', era: 5, inputHash: HASH, dryRun: true, accounts: [alice]},
                '[polkadot] Round for era 5 decided (dry run: nothing submitted): 1 account\n- nominator-1 (HNZata7iMYWmk5RvZRTiAsSDhV8366zq2YGb3tLH5Upf74F): 2 targets: Validator <One> (Gx1), Gx2' +
                    `\n- input hash ${HASH}`,
            ],
            [
                {
                    kind: 'roundLanded',
                    era: 5,
                    inputHash: HASH,
                    blockNumber: 1234,
                    accounts: [alice, {...alice, account: 'nominator-2', targets: []}],
                },
                '[polkadot] Round for era 5 landed in block 1234: 2 accounts\n- nominator-1 (HNZata7iMYWmk5RvZRTiAsSDhV8366zq2YGb3tLH5Upf74F): 2 targets: Validator <One> (Gx1), Gx2\n- nominator-2 (HNZata7iMYWmk5RvZRTiAsSDhV8366zq2YGb3tLH5Upf74F): 0 targets' +
                    `\n- input hash ${HASH}`,
            ],
            [{kind: 'candidateValid', candidate: {stash: 'Gx2'}}, '[polkadot] Gx2 turned valid'],
            [
                {
                    kind: 'candidateInvalid',
                    candidate: {stash: 'Gx1', name: 'one'},
                    checks: [
                        {check: 'commission', sentence: "commission 10 % is above the programme's 5 %"},
                        {check: 'online', sentence: 'offline since 12:00'},
                    ],
                },
                "[polkadot] one (Gx1) turned invalid\n- commission: commission 10 % is above the programme's 5 %\n- online: offline since 12:00",
            ],
            [
                {
                    kind: 'validityChanges',
                    turnedInvalid: [{candidate: {stash: 'Gx1', name: 'one'}, checks: [{check: 'blocked', sentence: 'blocks nominations'}]}],
                    turnedValid: [{stash: 'Gx2'}, {stash: 'Gx3'}],
                },
                '[polkadot] 1 candidate turned invalid, 2 turned valid\n- invalid: one (Gx1): blocked: blocks nominations\n- valid: Gx2\n- valid: Gx3',
            ],
            [
                {kind: 'announcementExecuted', account: 'nominator-1', callHash: '0xab', blockNumber: 99},
                '[polkadot] Announcement 0xab of nominator-1 executed in block 99',
            ],
            [
                {kind: 'announcementExecuted', account: 'nominator-1', callHash: '0xab'},
                '[polkadot] Announcement 0xab of nominator-1 executed by another transaction',
            ],
            [
                {kind: 'announcementCancelled', account: 'nominator-1', callHash: '0xab', reason: 'not executed after 13020 blocks'},
                '[polkadot] Announcement 0xab of nominator-1 cancelled: not executed after 13020 blocks',
            ],
            [
                {kind: 'nominatorFailed', account: 'nominator-1', error: 'Inability to pay some fees'},
                '[polkadot] Nominator nominator-1 failed: Inability to pay some fees',
            ],
            [
                {
                    kind: 'nominatorFailed',
                    account: 'nominator-1',
                    era: 7,
                    error: 'Staking.BadTarget: A nomination target was supplied that was blocked',
                },
                '[polkadot] Nominator nominator-1 failed in the round for era 7: Staking.BadTarget: A nomination target was supplied that was blocked',
            ],
            [
                {kind: 'nominatorFailed', error: 'check failed: no connection to wss://rpc.example'},
                '[polkadot] Nominator failed: check failed: no connection to wss://rpc.example',
            ],
            [
                {kind: 'squidStalled', chain: 'people', indexedHeight: 3, finalizedHeight: 9, waitedMs: 61_400},
                '[polkadot] The people processor stalled at block 3 (finalized head 9) for 61 s and is restarting',
            ],
        ]
        for (const [event, text] of cases) expect(renderEvent('polkadot', event).text).toBe(text)
    })

    it('escapes HTML in names and quoted text', () => {
        const {html} = renderEvent('kusama', {kind: 'roundDecided', era: 1, inputHash: HASH, dryRun: false, accounts: [alice]})
        expect(html).toBe(
            '<b>[kusama] Round for era 1 decided: 1 account</b><ul><li>nominator-1 (HNZata7iMYWmk5RvZRTiAsSDhV8366zq2YGb3tLH5Upf74F): 2 targets: ' +
                `<code>Validator &lt;One&gt; (Gx1)</code>, <code>Gx2</code></li><li>input hash ${HASH}</li></ul>`,
        )
    })

    it('lists at most 30 candidates of a pass with many turns, and counts the rest', () => {
        const turnedValid = Array.from({length: 45}, (_, i) => ({stash: `G${i}`}))
        const lines = renderEvent('kusama', {kind: 'validityChanges', turnedInvalid: [], turnedValid}).text.split('\n')
        expect(lines[0]).toBe('[kusama] 0 candidates turned invalid, 45 turned valid')
        expect(lines.slice(1)).toEqual([...turnedValid.slice(0, 30).map(c => `- valid: ${c.stash}`), '- and 15 more'])
    })

    it('redacts URLs in quoted errors and statements, and shortens long ones', () => {
        const {text} = renderEvent('kusama', {kind: 'nominatorFailed', account: 'n', error: 'wss://rpc.example/ws?apikey=abc123 closed'})
        expect(text).toBe('[kusama] Nominator n failed: wss://rpc.example/ws?apikey=*** closed')
        const long = renderEvent('kusama', {
            kind: 'squidStalled',
            chain: 'relay',
            indexedHeight: 1,
            finalizedHeight: 2,
            waitedMs: 1000,
            blockingQuery: 'SELECT ' + 'x, '.repeat(200),
        })
        expect(long.text.split('\n')[1].length).toBeLessThan(330)
        expect(long.text).toMatch(/…$/)
    })
})
