/**
 * A made-up but realistic round input (candidates with scores, groups, providers and countries, accounts,
 * elected exposures), the same for the same seed: for the round bench and the tests that need a large world.
 */
import {blake2AsU8a, encodeAddress} from '@polkadot/util-crypto'
import type {Candidate, NominatorAccount, SelectionPolicy} from './selection/select'
import type {RoundInput} from './round/snapshot'

export interface SyntheticRoundOptions {
    candidates: number
    accounts: number
    seed: number
    policy: SelectionPolicy
}

const DOT = 10n ** 10n

export function syntheticRound(o: SyntheticRoundOptions): RoundInput {
    const random = mulberry32(o.seed)
    const pick = (n: number) => Math.floor(random() * n)
    const address = (kind: string, i: number) => encodeAddress(blake2AsU8a(`${o.seed}/${kind}/${i}`), 0)
    const candidates: Candidate[] = []
    const elected: bigint[] = []
    for (let i = 0; i < o.candidates; i++) {
        const isElected = random() < 0.5
        const exposureTotalPlanck = isElected ? BigInt(1_500_000 + pick(3_000_000)) * DOT : 0n
        if (isElected) elected.push(exposureTotalPlanck)
        candidates.push({
            stash: address('candidate', i),
            // Two decimals, so equal scores occur and the stash tie-break is exercised.
            scoreTotal: Math.round(random() * 100_000) / 100,
            identityGroup: random() < 0.1 ? null : `group-${Math.floor(i / 2)}`,
            provider: random() < 0.05 ? null : `provider-${pick(30)}`,
            country: random() < 0.05 ? null : `country-${pick(40)}`,
            elected: isElected,
            exposureTotalPlanck,
        })
    }
    // The rest of the active set: validators outside the programme.
    for (let i = elected.length; i < 600; i++) elected.push(BigInt(1_500_000 + pick(3_000_000)) * DOT)
    const accounts: NominatorAccount[] = Array.from({length: o.accounts}, (_, i) => {
        const stash = address('stash', i)
        const mode = (['direct', 'proxy', 'delayedProxy'] as const)[i % 3]
        // Proxies are shared: four signers serve all the proxied stashes.
        return {
            name: `account-${i}`,
            stash,
            bondedPlanck: BigInt(200_000 + pick(60_000_000)) * DOT,
            mode,
            signer: mode === 'direct' ? stash : address('signer', i % 4),
        }
    })
    return {
        chain: {
            blockNumber: 1_000_000,
            blockHash: '0x' + '11'.repeat(32),
            currentEra: 1500,
            activeEra: 1499,
            maxNominations: 16,
            electedExposuresPlanck: elected,
        },
        candidates,
        accounts,
        heldTargets: [],
        policy: o.policy,
    }
}

/** A small seeded PRNG (mulberry32): the same seed gives the same sequence on every machine. */
function mulberry32(seed: number): () => number {
    let a = seed >>> 0
    return () => {
        a = (a + 0x6d2b79f5) >>> 0
        let t = a
        t = Math.imul(t ^ (t >>> 15), t | 1)
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296
    }
}
