import {describe, expect, it} from 'vitest'
import type {CandidateFacts} from '../facts'
import {factsWith} from '../example-facts'
import {noSlash} from './no-slash'

// Active era 1,234, window 84 eras: eras 1,151…1,234 count.
const T = {eras: 84, maxSquidLagBlocks: 100}
const slashedIn = (era: number) => (f: CandidateFacts) => {
    f.slashes!.value.slashes = [{era, amountPlanck: 10n ** 12n, block: 9_000_000}]
}
const AT = '(era 1,234, Slash at block 9,876,543)'
const cases: [string, (f: CandidateFacts) => void, string, string][] = [
    ['valid: never slashed', () => {}, 'valid', `no slash or slashable offence in the last 84 eras ${AT}`],
    [
        'invalid: slashed in era 1,200',
        slashedIn(1200),
        'invalid',
        `slashed in era 1,200 (block 9,000,000): within the programme's last 84 eras ${AT}`,
    ],
    [
        'at the edge: era 1,151 is inside the window',
        slashedIn(1151),
        'invalid',
        `slashed in era 1,151 (block 9,000,000): within the programme's last 84 eras ${AT}`,
    ],
    ['at the edge: era 1,150 is outside', slashedIn(1150), 'valid', `no slash or slashable offence in the last 84 eras ${AT}`],
    [
        'invalid: an offence with a slash fraction',
        f => {
            f.slashes!.value.offences = [
                {era: 1230, slashFractionPerbill: 1000, block: 9_800_000},
                {era: 1231, slashFractionPerbill: 0, block: 9_800_001},
            ]
        },
        'invalid',
        `offence reported for era 1,230 (block 9,800,000): within the programme's last 84 eras ${AT}`,
    ],
    [
        'data missing',
        f => {
            delete f.slashes
        },
        'unknown',
        'unknown: no slashes has been recorded (Slash)',
    ],
    [
        'data stale',
        f => {
            slashedIn(1200)(f)
            f.pass.squid.assetHub = {indexedBlock: 0, headBlock: 101}
        },
        'unknown',
        'unknown: the assetHub squid is 101 blocks behind the chain head (block 0 of 101, limit 100), so Slash may be out of date',
    ],
]

describe('noSlash', () => {
    it.each(cases)('%s', (_name, change, status, sentence) => {
        const r = noSlash(factsWith(change), T)
        expect([r.status, r.sentence]).toEqual([status, sentence])
    })
})
