/**
 * Why a candidate's score is what it is: the score recomputed from the era's stored statistics and
 * weights and the candidate's stored raw values alone, set beside the stored score component by component.
 */
import {COMPONENT_NAMES, COMPONENT_RULES, formatNanopoints, type ComponentName, type ComponentScore} from './components'
import {metadataBounds, scoreCandidate, type CandidateScore, type ScoreMetadata} from './score'

export interface ExplainedComponent {
    component: ComponentName
    weight: number
    stored: ComponentScore
    recomputed: ComponentScore
    equal: boolean
}

export interface Explanation {
    era: number
    stash: string
    components: ExplainedComponent[]
    stored: Totals
    recomputed: Totals
    /** Every component and every total equal. */
    equal: boolean
}

interface Totals {
    aggregateNanopoints: bigint
    randomSeedHex: string
    randomPerbill: number
    totalNanopoints: bigint
}

export function explainScore(metadata: ScoreMetadata, stored: CandidateScore): Explanation {
    if (stored.era !== metadata.era)
        throw new RangeError(`explain: the score of ${stored.stash} is of era ${stored.era}, the metadata of era ${metadata.era}`)
    const recomputed = scoreCandidate(metadata, metadataBounds(metadata), stored.stash, name => stored.components[name])
    const components = COMPONENT_NAMES.map(name => ({
        component: name,
        weight: metadata.weights[name],
        stored: stored.components[name],
        recomputed: recomputed.components[name],
        equal: sameComponent(stored.components[name], recomputed.components[name]),
    }))
    const totals = (s: CandidateScore): Totals => ({
        aggregateNanopoints: s.aggregateNanopoints,
        randomSeedHex: s.randomSeedHex,
        randomPerbill: s.randomPerbill,
        totalNanopoints: s.totalNanopoints,
    })
    const a = totals(stored)
    const b = totals(recomputed)
    const totalsEqual =
        a.aggregateNanopoints === b.aggregateNanopoints &&
        a.randomSeedHex === b.randomSeedHex &&
        a.randomPerbill === b.randomPerbill &&
        a.totalNanopoints === b.totalNanopoints
    return {
        era: metadata.era,
        stash: stored.stash,
        components,
        stored: a,
        recomputed: b,
        equal: totalsEqual && components.every(c => c.equal),
    }
}

function sameComponent(a: ComponentScore, b: ComponentScore): boolean {
    return (
        a.raw === b.raw &&
        a.condition === b.condition &&
        a.normalisedPerbill === b.normalisedPerbill &&
        a.scorePerbill === b.scorePerbill &&
        a.weightedNanopoints === b.weightedNanopoints
    )
}

/** A text table: per component its raw value, the era's bounds, normalised and weighted, stored vs recomputed. */
export function renderExplanation(e: Explanation, metadata: ScoreMetadata): string {
    const header = ['component', 'weight', 'raw', 'bounds', 'normalised', 'score share', 'weighted (stored)', 'weighted (recomputed)', '']
    const rows = e.components.map(c => {
        const stats = metadata.components[c.component]
        const rule = COMPONENT_RULES[c.component]
        const bounds = rule.scale === 'binary' ? 'binary' : `q${stats.lowerPercent} ${stats.lower} .. q${stats.upperPercent} ${stats.upper}`
        const raw = c.stored.condition === null ? String(c.stored.raw) : `${c.stored.raw ?? '-'} (${c.stored.condition})`
        return [
            c.component,
            String(c.weight),
            raw,
            bounds,
            c.recomputed.normalisedPerbill === null ? '-' : fraction(c.recomputed.normalisedPerbill),
            fraction(c.recomputed.scorePerbill) + (rule.better === 'lower' && c.recomputed.condition === null ? ' (1 − n)' : ''),
            formatNanopoints(c.stored.weightedNanopoints),
            formatNanopoints(c.recomputed.weightedNanopoints),
            c.equal ? 'equal' : 'DIFFERS',
        ]
    })
    const same = (x: unknown, y: unknown) => (x === y ? 'equal' : 'DIFFERS')
    // The totals below the components: stored beside recomputed, in the columns of the components' scores.
    const footerRow = <T>(label: string, stored: T, recomputed: T, render: (v: T) => string) => [
        label,
        '',
        '',
        '',
        '',
        '',
        render(stored),
        render(recomputed),
        same(stored, recomputed),
    ]
    const footer = [
        footerRow('aggregate', e.stored.aggregateNanopoints, e.recomputed.aggregateNanopoints, formatNanopoints),
        footerRow('random boost', e.stored.randomPerbill, e.recomputed.randomPerbill, fraction),
        footerRow('total', e.stored.totalNanopoints, e.recomputed.totalNanopoints, formatNanopoints),
    ]
    const table = [header, ...rows, ...footer]
    const widths = header.map((_, i) => Math.max(...table.map(r => r[i].length)))
    const line = (r: string[]) =>
        r
            .map((cell, i) => (i >= 1 && i !== 3 && i < 8 ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
            .join('  ')
            .trimEnd()
    return [
        `score of ${e.stash} in era ${e.era}: ${e.equal ? 'recomputed from the stored statistics, weights and raw values, equal to the stored score' : 'the recomputation DIFFERS from the stored score'}`,
        `random seed sha256("${metadata.era}:${metadata.randomnessSalt}:${e.stash}") = ${e.recomputed.randomSeedHex}, boost up to ${fraction(metadata.randomnessMaxPerbill)}`,
        line(header),
        ...table.slice(1, 1 + rows.length).map(line),
        widths.map(w => '-'.repeat(w)).join('  '),
        ...footer.map(line),
    ].join('\n')
}

/** 250_000_000 → "0.250000000". */
function fraction(perbill: number): string {
    return `${Math.floor(perbill / 1e9)}.${String(perbill % 1e9).padStart(9, '0')}`
}
