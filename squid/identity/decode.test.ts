import {describe, expect, it} from 'vitest'
import type {SourceEvent} from '../staking/event-source'
import {ChainLayer} from '../chain-layer'
import {runtimeOf} from '../test-runtimes'
import {events as peopleEvents} from '../types/people'
import {events as relayEvents} from '../types/relay'
import {decodeIdentityEvent, IdentityEventDefs} from './decode'

const WHO = '0x' + 'dd'.repeat(32)
const MAIN = '0x' + 'ee'.repeat(32)

function event(layer: ChainLayer, specName: string, specVersion: number, name: string, args: unknown): SourceEvent {
    return {id: 'x', name, args, block: {_runtime: runtimeOf(layer, specName, specVersion), height: 9, specName, specVersion}}
}

describe('decodeIdentityEvent', () => {
    it('names the account to re-read on the relay (9420) and on every People runtime', () => {
        expect(
            decodeIdentityEvent(
                event(ChainLayer.relay, 'polkadot', 9420, 'Identity.IdentitySet', {who: WHO}),
                relayEvents.identity as unknown as IdentityEventDefs,
            ),
        ).toEqual({kind: 'Identity', event: 'IdentitySet', account: WHO, alsoTouches: []})
        for (const [name, ver] of [
            ['people-polkadot', 1003003],
            ['people-polkadot', 1005001],
            ['people-polkadot', 2003000],
            ['people-kusama', 2000004],
        ] as const) {
            expect(
                decodeIdentityEvent(
                    event(ChainLayer.people, name, ver, 'Identity.JudgementGiven', {target: WHO, registrarIndex: 1}),
                    peopleEvents.identity as unknown as IdentityEventDefs,
                ),
            ).toEqual({kind: 'Identity', event: 'JudgementGiven', account: WHO, alsoTouches: []})
        }
    })

    it('touches both sides of a sub-identity link', () => {
        expect(
            decodeIdentityEvent(
                event(ChainLayer.people, 'people-polkadot', 2003000, 'Identity.SubIdentityAdded', {sub: WHO, main: MAIN, deposit: '1'}),
                peopleEvents.identity as unknown as IdentityEventDefs,
            ),
        ).toEqual({kind: 'Identity', event: 'SubIdentityAdded', account: WHO, alsoTouches: [MAIN]})
    })
})
