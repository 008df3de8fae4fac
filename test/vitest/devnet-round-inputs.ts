/**
 * Round inputs for tests, taken from the devnet's world: the programme candidates that are active and not
 * blocked, scored by their commission (lower is better), and a validity map the test can turn targets invalid
 * in. It stands where the scorer's tables will be (nominator/inputs/round-inputs.ts).
 */
import {encodeAddress} from '@polkadot/util-crypto'
import type {Devnet} from '../../devnet/index'
import type {RoundInputSource, ScorerPass} from '../../nominator/inputs/round-inputs'
import type {ChainSnapshot} from '../../nominator/chain/round-chain-state'
import type {TargetValidity} from '../../nominator/round/announcement'

export class DevnetRoundInputs implements RoundInputSource {
    /** Stashes (SS58) the test declared invalid. */
    readonly invalid = new Set<string>()
    /** Extra candidates (SS58) offered with the best score, e.g. an account that is no validator. */
    readonly extra: string[] = []
    passReady = true

    constructor(
        private readonly devnet: Devnet,
        private readonly ss58Prefix = 0,
    ) {}

    private address(hex: string): string {
        return encodeAddress(hex, this.ss58Prefix)
    }

    async scorerPass(era: number, chain: ChainSnapshot): Promise<ScorerPass | null> {
        if (!this.passReady) return null
        const validators = [...this.devnet.chain.world.validators.values()].filter(v => v.isCandidate && v.active && !v.blocked)
        const candidates = validators
            .map(v => {
                const stash = this.address(v.stash)
                const exposure = chain.electedExposureByStash.get(stash)
                return {
                    stash,
                    scoreTotal: 1000 - v.commissionPerbill / 1_000_000,
                    identityGroup: v.operator,
                    provider: null,
                    country: null,
                    elected: exposure !== undefined,
                    exposureTotalPlanck: exposure ?? 0n,
                }
            })
            .filter(c => !this.invalid.has(c.stash))
        for (const stash of this.extra)
            candidates.push({
                stash,
                scoreTotal: 2000,
                identityGroup: null,
                provider: null,
                country: null,
                elected: false,
                exposureTotalPlanck: 0n,
            })
        return {era, candidates, seed: null}
    }

    async targetValidity(stashes: readonly string[]): Promise<Map<string, TargetValidity>> {
        return new Map(stashes.map(s => [s, this.invalid.has(s) ? 'invalid' : 'valid']))
    }
}
