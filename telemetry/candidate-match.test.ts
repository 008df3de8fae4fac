import {describe, expect, it} from 'vitest'
import {indexCandidates, matchCandidate} from './candidate-match'

// The real Sio34 node from the W3F feed reports this address; as a generic-prefixed (42) address the key is the same.
const SIO34_POLKADOT = '1614F5TvNUQmPZ964M9KCdJfmQjnkdtHYXPhuX2KeNCnuc7U'
const SIO34_GENERIC = '5H4m6kCrWh9Hx28a6i6K4UUWunk94LL9U2fDkE2y6HBGjBTC'
const index = indexCandidates([
    {name: 'Sio34', stash: SIO34_POLKADOT},
    {name: 'dakk2', stash: '12bWp3rifCRrJzrTSPe1BrDaFxCLMVCUit6t21K986ZeeNJm'},
])

describe('matchCandidate', () => {
    it('matches by exact name when no address is exposed', () => {
        expect(matchCandidate({name: 'dakk2', validatorAddress: null}, index)).toEqual({
            stash: '12bWp3rifCRrJzrTSPe1BrDaFxCLMVCUit6t21K986ZeeNJm',
            by: 'name',
        })
    })
    it('a misspelt name (the 1KV #2881 case) still matches by validator address', () => {
        expect(matchCandidate({name: 'Sio-34 renamed', validatorAddress: SIO34_POLKADOT}, index)).toEqual({
            stash: SIO34_POLKADOT,
            by: 'validatorAddress',
        })
    })
    it('compares addresses as public keys, whatever the SS58 prefix', () => {
        expect(matchCandidate({name: 'x', validatorAddress: SIO34_GENERIC}, index)).toEqual({stash: SIO34_POLKADOT, by: 'validatorAddress'})
    })
    it("the address wins over another candidate's name", () => {
        expect(matchCandidate({name: 'dakk2', validatorAddress: SIO34_POLKADOT}, index)?.stash).toBe(SIO34_POLKADOT)
    })
    it('no match: a near-miss name and an unknown address', () => {
        expect(matchCandidate({name: 'dakkk2', validatorAddress: 'not-an-address'}, index)).toBeNull()
    })
})
