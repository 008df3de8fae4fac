import {describe, expect, it} from 'vitest'
import {dataText, identityFields} from './registration'

const raw = (s: string) => ({__kind: `Raw${Buffer.byteLength(s)}`, value: '0x' + Buffer.from(s).toString('hex')})
const NONE = {__kind: 'None'}
const PARENT = '0x' + 'cc'.repeat(32)

describe('identityFields', () => {
    it('reads a relay registration (riot, additional) with its judgements', () => {
        const f = identityFields(
            {
                judgements: [
                    [0, {__kind: 'FeePaid'}],
                    [1, {__kind: 'Reasonable'}],
                ],
                info: {
                    additional: [],
                    display: raw('ZUG CAPITAL'),
                    legal: NONE,
                    web: raw('https://zug.example'),
                    riot: raw('@z:matrix.org'),
                    email: raw('ops@zug.example'),
                    image: NONE,
                    twitter: raw('@zug'),
                },
            },
            undefined,
        )
        expect(f).toEqual({
            display: 'ZUG CAPITAL',
            legal: undefined,
            web: 'https://zug.example',
            matrix: '@z:matrix.org',
            email: 'ops@zug.example',
            twitter: '@zug',
            github: undefined,
            discord: undefined,
            judgements: [
                {registrarIndex: 0, judgement: 'FeePaid'},
                {registrarIndex: 1, judgement: 'Reasonable'},
            ],
            verified: true,
            parent: undefined,
            subName: undefined,
            cleared: false,
        })
    })

    it('reads the People (registration, username) tuple with matrix and github, unverified without a good judgement', () => {
        const f = identityFields(
            [{judgements: [[0, {__kind: 'OutOfDate'}]], info: {display: raw('node-1'), matrix: raw('@n:m'), github: raw('gh')}}, undefined],
            undefined,
        )
        expect([f.display, f.matrix, f.github, f.verified, f.cleared]).toEqual(['node-1', '@n:m', 'gh', false, false])
    })

    it('links a sub-identity to its parent with the sub name', () => {
        const f = identityFields(undefined, [PARENT, raw('validator-07')])
        expect([f.parent, f.subName, f.cleared, f.display, f.verified]).toEqual([PARENT, 'validator-07', false, undefined, false])
    })

    it('marks an account with neither registration nor parent as cleared', () => {
        expect(identityFields(undefined, undefined).cleared).toBe(true)
    })

    it('keeps hash-kind data as its hash', () => {
        expect(dataText({__kind: 'BlakeTwo256', value: '0x' + '12'.repeat(32)})).toBe('0x' + '12'.repeat(32))
        expect(dataText({__kind: 'Raw0', value: '0x'})).toBe('')
    })
})
