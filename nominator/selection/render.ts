/**
 * A selection as text for people: per account its target count and how it was reached, then every candidate
 * it met with the reason it was chosen or passed over, then the candidates below the cut.
 */
import type {PassReason, Selection} from './select'

export interface Token {
    symbol: string
    decimals: number
}

export function renderSelection(selection: Selection, token: Token): string {
    const lines: string[] = []
    for (const a of selection.accounts) {
        const c = a.count
        lines.push(`${a.name} (${a.stash}): ${a.targets.length} of ${c.count} targets`)
        lines.push(
            `  bonded ${amount(c.bondedPlanck, token)}, after the buffer ${amount(c.bufferedPlanck, token)}: lifts ${c.liftable} elected, ×1.05 = ${c.raised}, ${LIMIT[c.limitedBy]}`,
        )
        if (a.targets.length < c.count) lines.push(`  short by ${c.count - a.targets.length}: the ranking ran out`)
        for (const k of a.considered) {
            const why = k.verdict.kind === 'chosen' ? 'chosen' : `passed: ${reasonText(k.verdict.reason, token)}`
            lines.push(`  #${k.rank} ${k.stash} score ${k.scoreTotal} ${why}`)
        }
    }
    if (selection.belowCut.length > 0) {
        lines.push(`below the cut: ${selection.belowCut.length}`)
        for (const k of selection.belowCut) lines.push(`  #${k.rank} ${k.stash} score ${k.scoreTotal}`)
    }
    return lines.join('\n')
}

const LIMIT = {
    lift: 'no limit reached',
    chain: "capped by the chain's MaxNominations",
    config: 'capped by nominator.maxTargets',
    floor: 'raised to the minimum of 1',
}

export function reasonText(reason: PassReason, token: Token): string {
    switch (reason.kind) {
        case 'heldByOtherAccount':
            return `already a target of programme account ${reason.account}`
        case 'ampleBacking':
            return `elected with ample backing (${amount(reason.exposureTotalPlanck, token)} ≥ ${amount(reason.thresholdPlanck, token)})`
        case 'identityGroupCap':
            return `cap of ${reason.cap} reached for identity group ${reason.group}`
        case 'providerCap':
            return `cap of ${reason.cap} reached for provider ${reason.provider}`
        case 'countryCap':
            return `cap of ${reason.cap} reached for country ${reason.country}`
    }
}

/** Planck as tokens, exactly (no floating point), trailing zeros trimmed. */
export function amount(planck: bigint, token: Token): string {
    const unit = 10n ** BigInt(token.decimals)
    const sign = planck < 0n ? '-' : ''
    const abs = planck < 0n ? -planck : planck
    const fraction = (abs % unit).toString().padStart(token.decimals, '0').replace(/0+$/, '')
    return `${sign}${abs / unit}${fraction ? '.' + fraction : ''} ${token.symbol}`
}
