/**
 * Identity events (relay `Identity` until 2024, People chain since) decoded into "read this account's
 * identity again" facts; the identity itself is read from storage, which is more robust than calls.
 */
import type {IdentityFact} from '../facts'
import type {SourceEvent} from '../staking/event-source'
import {pickVersion, Versioned} from '../versioned'

interface EventDecoder {
    is(e: SourceEvent): boolean
    decode(e: SourceEvent): unknown
}

/** `events.identity` of the relay or People typegen output. */
export type IdentityEventDefs = Record<string, Versioned<EventDecoder>>

export const IDENTITY_EVENTS = [
    'Identity.IdentitySet',
    'Identity.IdentityCleared',
    'Identity.IdentityKilled',
    'Identity.JudgementGiven',
    'Identity.SubIdentityAdded',
    'Identity.SubIdentityRemoved',
    'Identity.SubIdentityRevoked',
] as const

export function decodeIdentityEvent(e: SourceEvent, defs: IdentityEventDefs): IdentityFact {
    const def = Object.values(defs).find(d => d.name === e.name)
    if (!def) throw new Error(`identity decoder: unexpected event ${e.name} at block ${e.block.height}`)
    const d = pickVersion(def, e.name, e, e.block).decode(e) as {who?: string; target?: string; sub?: string; main?: string}
    const event = e.name.slice('Identity.'.length)
    if (d.sub !== undefined && d.main !== undefined) return {kind: 'Identity', event, account: d.sub, alsoTouches: [d.main]}
    const account = d.who ?? d.target
    if (account === undefined) throw new Error(`identity decoder: ${e.name} at block ${e.block.height} names no account`)
    return {kind: 'Identity', event, account, alsoTouches: []}
}
