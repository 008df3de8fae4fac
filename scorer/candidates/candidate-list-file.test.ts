import fs from 'fs'
import os from 'os'
import path from 'path'
import {describe, expect, it} from 'vitest'
import {CandidateListError, describeProblem} from './candidate'
import {parseCandidateListText, readCandidateListFile} from './candidate-list-file'

const CONFIG_LISTS = path.join(__dirname, '../../config/candidates')
const FIXTURES = path.join(__dirname, 'fixtures')

// Real addresses: the same public key (Alice's) in three encodings, plus a Kusama one.
const ALICE_POLKADOT = '15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5'
const ALICE_KUSAMA = 'HNZata7iMYWmk5RvZRTiAsSDhV8366zq2YGb3tLH5Upf74F'
const ALICE_GENERIC = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'
const ALICE_KEY = '0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d'
const BOB_POLKADOT = '14E5nqKAp3oAJcmzgZhUD2RcptBeUBScxKHgJKU4HPNcKVf3'

const parse = (candidates: unknown[], prefix = 0) => parseCandidateListText(JSON.stringify({candidates}), 'test.json', prefix)
const messages = (candidates: unknown[], prefix = 0) => parse(candidates, prefix).problems.map(describeProblem)

describe('the real 1KV lists load unchanged', () => {
    it('Kusama: all 1,126 entries, no problem', () => {
        const list = readCandidateListFile(path.join(CONFIG_LISTS, 'kusama.json'), 2)
        expect(list.candidates).toHaveLength(1126)
        expect(list.problems).toEqual([])
        expect(list.candidates.filter(c => c.skipSelfStake)).toHaveLength(3)
        // riotHandle is a list for some entries
        expect(list.candidates.filter(c => c.riotHandles.length > 1)).toHaveLength(9)
    })

    it('Polkadot: all 310 entries load; two Kusama stashes that are Polkadot addresses and the misspelt key are reported', () => {
        const list = readCandidateListFile(path.join(CONFIG_LISTS, 'polkadot.json'), 0)
        expect(list.candidates).toHaveLength(310)
        expect(list.problems.filter(p => p.outcome === 'rejected')).toHaveLength(0)
        expect(list.problems.map(describeProblem)).toEqual([
            'candidates[213] (slotId 213) kusamaStash: "16JwE96t9MMvWQHuyHntqVyo6Ks97XCK1kHvWumGNLGVJg5p" is a Polkadot address (prefix 0), expected Kusama (prefix 2) (it is the candidate\'s own stash); entry loaded without it',
            'candidates[217] (slotId 217) kusamaStash: "127zarPDhVzmCXVQ7Kfr1yyaa9wsMuJ74GJW9Q7ezHfQEgh6" is a Polkadot address (prefix 0), expected Kusama (prefix 2) (it is the candidate\'s own stash); entry loaded without it',
            'candidates[237] (slotId 238) kusamsStash: unknown key (did you mean "kusamaStash"?); entry loaded without it',
        ])
        const havik = list.candidates.find(c => c.slotId === 238)!
        expect(havik).toMatchObject({name: 'havik-polkadot', stash: '13pk9j8duuvckyNsXUch5YZFYXN82oCZZVLeKDzgJDFGZY3A', kusamaStash: null})
        expect(list.candidates.filter(c => c.kusamaStash !== null)).toHaveLength(307)
        expect(list.candidates[0]).toEqual({
            slotId: 0,
            name: 'specialized-tarmac-3',
            stash: '12bWp3rifCRrJzrTSPe1BrDaFxCLMVCUit6t21K986ZeeNJm',
            stashPublicKeyHex: expect.stringMatching(/^0x[0-9a-f]{64}$/),
            kusamaStash: 'HngUT2inDFPBwiey6ZdqhhnmPKHkXayRpWw9rFj55reAqvi',
            kusamaStashPublicKeyHex: '0xe69aa84285f761bb1942735db2c3d443e29dd3f3da5aa7a00038bafdf93abc57',
            riotHandles: ['@joe:web3.foundation'],
            kyc: false,
            skipSelfStake: false,
            status: null,
        })
    })

    it('a list read with the wrong network prefix rejects every entry, saying which network its addresses are for', () => {
        const list = readCandidateListFile(path.join(CONFIG_LISTS, 'kusama.json'), 0)
        expect(list.candidates).toHaveLength(0)
        expect(list.problems).toHaveLength(1126)
        expect(describeProblem(list.problems[0])).toMatch(
            /^candidates\[0\] \(slotId 0\) stash: "\w+" is a Kusama address \(prefix 2\), expected Polkadot \(prefix 0\); entry rejected$/,
        )
    })
})

describe('the real Decentralized Nodes lists load as a second source', () => {
    it('Kusama: 152 selected, all Active', () => {
        const list = readCandidateListFile(
            path.join(FIXTURES, 'w3f-dn-programme-kusama-term-2024-11.metaspan-dn-dashboard.json'),
            2,
            'decentralizedNodes',
        )
        expect(list.candidates).toHaveLength(152)
        expect(list.problems).toEqual([])
        expect(new Set(list.candidates.map(c => c.status))).toEqual(new Set(['Active']))
        expect(list.candidates[0]).toMatchObject({
            slotId: null,
            name: 'LuckyFriday.io/🍀 KSM 06 🍀',
            stash: 'HoC82Uep7DFe1ojfGLmEUZ36bXPmtkXScoGqWzyPenqgmEn',
        })
    })

    it('Polkadot: 63 selected and 25 backups', () => {
        const list = readCandidateListFile(
            path.join(FIXTURES, 'w3f-dn-programme-polkadot-term-2024-11.metaspan-dn-dashboard.json'),
            0,
            'decentralizedNodes',
        )
        expect(list.candidates).toHaveLength(88)
        expect(list.problems).toEqual([])
        expect(list.candidates.filter(c => c.status === 'Backup')).toHaveLength(25)
        expect(list.candidates.find(c => c.name === 'ANAMIX')).toMatchObject({
            stash: '15kkg1mK1tCGgqqo3c1CghtKCQsBEAPPjYNNmmRT3r29FeRX',
            status: 'Backup',
        })
    })

    it('bad entries are reported with their list and position', () => {
        const json = {
            selected: [
                {identity: 'a', stash: ALICE_KUSAMA, status: 'Active'},
                {identity: 'b', stash: ALICE_POLKADOT, status: 'Active'},
                {stash: BOB_POLKADOT},
            ],
            backups: [{identity: 'b', stash: BOB_POLKADOT}],
        }
        const list = parseCandidateListText(JSON.stringify(json), 'dn.json', 0, 'decentralizedNodes')
        expect(list.candidates.map(c => c.name)).toEqual(['b'])
        expect(list.problems.map(describeProblem)).toEqual([
            `selected[0] stash: "${ALICE_KUSAMA}" is a Kusama address (prefix 2), expected Polkadot (prefix 0); entry rejected`,
            'selected[2] identity: missing; entry rejected',
            'selected[2] status: missing; entry rejected',
            'backups[0] name: duplicate: "b" is already the name of selected[1]; entry rejected',
        ])
    })
})

describe('bad entries are reported with slot, field and reason; the good ones still load', () => {
    const good = {slotId: 7, name: 'good', stash: BOB_POLKADOT, riotHandle: '@bob:matrix.org', kyc: true}

    it('invalid SS58 and wrong network prefixes', () => {
        expect(
            messages([
                good,
                {slotId: 1, name: 'typo', stash: ALICE_POLKADOT.slice(0, -1) + 'X'},
                {slotId: 2, name: 'kusama', stash: ALICE_KUSAMA},
                {slotId: 3, name: 'hex', stash: ALICE_KEY},
                {slotId: 4, name: 'bad ksm', stash: ALICE_POLKADOT, kusamaStash: ALICE_GENERIC},
                {slotId: 5, name: 'no base58', stash: 'not an address'},
            ]),
        ).toEqual([
            `candidates[1] (slotId 1) stash: "${ALICE_POLKADOT.slice(0, -1)}X" is not a valid SS58 address (its checksum does not match: a typo?); entry rejected`,
            `candidates[2] (slotId 2) stash: "${ALICE_KUSAMA}" is a Kusama address (prefix 2), expected Polkadot (prefix 0); entry rejected`,
            `candidates[3] (slotId 3) stash: "${ALICE_KEY}" is hex, not an SS58 address; entry rejected`,
            `candidates[4] (slotId 4) kusamaStash: "${ALICE_GENERIC}" is a generic Substrate address (prefix 42), expected Kusama (prefix 2); entry loaded without it`,
            'candidates[5] (slotId 5) stash: "not an address" is not an SS58 address (a character outside base58); entry rejected',
        ])
        expect(parse([good]).candidates).toHaveLength(1)
    })

    it("the network prefix is a parameter: a devnet list uses 42, and kusamaStash is always Kusama's", () => {
        const list = parse([{slotId: 0, name: 'alice', stash: ALICE_GENERIC, kusamaStash: ALICE_KUSAMA}], 42)
        expect(list.problems).toEqual([])
        expect(list.candidates[0]).toMatchObject({stashPublicKeyHex: ALICE_KEY, kusamaStashPublicKeyHex: ALICE_KEY})
    })

    it('duplicate names and stashes (the same key in another encoding too): the first entry keeps its place', () => {
        const list = parse([
            good,
            {slotId: 8, name: 'good', stash: ALICE_POLKADOT},
            {slotId: 9, name: 'alice', stash: ALICE_POLKADOT},
            {slotId: 10, name: 'alice again', stash: ALICE_POLKADOT},
        ])
        expect(list.candidates.map(c => c.slotId)).toEqual([7, 9])
        expect(list.problems.map(describeProblem)).toEqual([
            'candidates[1] (slotId 8) name: duplicate: "good" is already the name of candidates[0] (slotId 7); entry rejected',
            'candidates[3] (slotId 10) stash: duplicate: candidates[2] (slotId 9) already has this stash; entry rejected',
        ])
    })

    it('missing and mistyped fields; optional ones are dropped, required ones reject the entry', () => {
        expect(
            messages([
                {name: 'no slot', stash: ALICE_POLKADOT},
                {slotId: 1, stash: BOB_POLKADOT},
                {slotId: '2', name: 3, stash: BOB_POLKADOT},
                {slotId: 4, name: 'typed', stash: ALICE_POLKADOT, kyc: 'no', skipSelfStake: 1, riotHandle: [1]},
                'an entry',
            ]),
        ).toEqual([
            'candidates[0] slotId: missing; entry rejected',
            'candidates[1] (slotId 1) name: missing; entry rejected',
            'candidates[2] slotId: expected a number, got string "2"; entry rejected',
            'candidates[2] name: expected a string, got number 3; entry rejected',
            'candidates[3] (slotId 4) riotHandle: expected a string or a list of strings, got a list; entry loaded without it',
            'candidates[3] (slotId 4) kyc: expected a boolean, got string "no"; entry loaded without it',
            'candidates[3] (slotId 4) skipSelfStake: expected a boolean, got number 1; entry loaded without it',
            'candidates[4] (entry): expected an object; entry rejected',
        ])
        expect(parse([{slotId: 4, name: 'typed', stash: ALICE_POLKADOT, kyc: 'no', skipSelfStake: 1}]).candidates[0]).toMatchObject({
            name: 'typed',
            kyc: false,
            skipSelfStake: false,
        })
    })

    it('an unknown key is reported, with a hint only when it is close to a known one', () => {
        expect(messages([{slotId: 0, name: 'a', stash: ALICE_POLKADOT, kusamsStash: ALICE_KUSAMA, telegram: '@a'}])).toEqual([
            'candidates[0] (slotId 0) kusamsStash: unknown key (did you mean "kusamaStash"?); entry loaded without it',
            'candidates[0] (slotId 0) telegram: unknown key; entry loaded without it',
        ])
    })
})

describe('a file that is not a list stops the caller, naming the file', () => {
    const error = (text: string): CandidateListError => {
        try {
            parseCandidateListText(text, 'lists/kusama.json', 2)
        } catch (e) {
            if (e instanceof CandidateListError) return e
            throw e
        }
        throw new Error('no error')
    }

    it('a syntax error gives its line and column and never the text', () => {
        const e = error('{\n  "candidates": [\n    {"name": "secret-ish", x}\n  ]\n}')
        expect(e.message).toBe('candidates file lists/kusama.json: not valid JSON at line 3, column 28')
        expect([e.file, e.line, e.column]).toEqual(['lists/kusama.json', 3, 28])
        expect(error('{"candidates": [1, 2,]}').message).toBe('candidates file lists/kusama.json: not valid JSON at line 1, column 22')
        expect(error('').message).toBe('candidates file lists/kusama.json: not valid JSON at line 1, column 1')
    })

    it('JSON without a candidates list', () => {
        expect(error('{"candidate": []}').message).toBe('candidates file lists/kusama.json: expected an object with a "candidates" array')
        expect(error('[]').message).toBe('candidates file lists/kusama.json: expected an object with a "candidates" array')
        expect(() => parseCandidateListText('{"candidates": []}', 'x.json', 0, 'decentralizedNodes')).toThrow(
            'candidates file x.json: expected an object with a "selected" array (Decentralized Nodes format)',
        )
    })

    it('a file that cannot be read', () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cand-'))
        const file = path.join(dir, 'none.json')
        expect(() => readCandidateListFile(file, 2)).toThrow(`candidates file ${file}: cannot read the file: ENOENT`)
        fs.rmSync(dir, {recursive: true})
    })
})
