/**
 * No slash: the stash was not slashed, and no offence with a slash fraction was reported against it, in
 * the last `eras` eras (the active era included). New: the old programme asked it but never checked it.
 */
import {checkResult, cite, unusableChainFact, type CheckResult, type Evidence} from '../check-result'
import type {CandidateFacts} from '../facts'
import {formatInt} from '../wording'

export interface NoSlashThresholds {
    eras: number
    maxSquidLagBlocks: number
}

export function noSlash(facts: CandidateFacts, t: NoSlashThresholds): CheckResult {
    const threshold = {eras: t.eras}
    const f = facts.slashes
    const unusable = unusableChainFact('noSlash', f, facts.pass, t.maxSquidLagBlocks, 'slashes', 'Slash', threshold)
    if (unusable || !f) return unusable!
    if (f.era === undefined) return unusableChainFact('noSlash', undefined, facts.pass, 0, 'active era', 'Era', threshold)!
    const {value, ...at} = f
    const activeEra = f.era
    const recent = (era: number) => activeEra - era < t.eras
    const slashes = value.slashes
        .filter(s => recent(s.era))
        .map(s => ({era: s.era, block: s.block, amountPlanck: s.amountPlanck.toString()}))
    const offences = value.offences
        .filter(o => o.slashFractionPerbill > 0 && recent(o.era))
        .map(o => ({era: o.era, block: o.block, slashFractionPerbill: o.slashFractionPerbill}))
    const found = slashes.length + offences.length > 0
    return checkResult(
        'noSlash',
        found ? 'invalid' : 'valid',
        {...at, code: found ? 'slashed' : 'clean', observed: {activeEra, slashes, offences}, threshold},
        render,
    )
}

function render(e: Evidence): string {
    const o = e.observed as {activeEra: number; slashes: {era: number; block: number}[]; offences: {era: number; block: number}[]}
    const eras = (e.threshold as {eras: number}).eras
    if (e.code === 'clean') return `no slash or slashable offence in the last ${formatInt(eras)} eras ${cite(e)}`
    const events = [
        ...o.slashes.map(s => `slashed in era ${formatInt(s.era)} (block ${formatInt(s.block)})`),
        ...o.offences.map(x => `offence reported for era ${formatInt(x.era)} (block ${formatInt(x.block)})`),
    ]
    return `${events.join('; ')}: within the programme's last ${formatInt(eras)} eras ${cite(e)}`
}
