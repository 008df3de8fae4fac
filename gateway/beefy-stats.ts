/**
 * The old `/validators/beefy` figures from the latest session keys: how many validators (and programme
 * candidates among them) have a real BEEFY key rather than the placeholder, as counts and percentages.
 */

/** A placeholder BEEFY key starts with the bytes of "beef", as the old backend tested. */
export function isDummyBeefyKey(beefyHex: string | null): boolean {
    return beefyHex?.toLowerCase().startsWith('0x62656566') ?? false
}

export interface ValidatorKeys {
    /** Account hex. */
    validator: string
    beefyHex: string | null
}

export interface BeefyStats {
    beefy1KVCount: number
    activeBeefy1KVCount: number
    /** Percent (0..100) of the active set. */
    activeBeefy1KVPercentage: number
    total1KVValidatorCount: number
    beefyTotalValidatorCount: number
    activeBeefyValidatorCount: number
    /** Percent (0..100) of the active set. */
    activeBeefyPercentage: number
    activeValidatorCount: number
    totalValidators: number
    /** A percentage despite its name (the old API's), of all validators with keys. */
    totalBeefyValidators: number
}

/**
 * @param validators every validator with session keys in the latest era
 * @param active the latest active set (account hexes)
 * @param candidates the programme's candidates (account hexes)
 */
export function beefyStats(validators: ValidatorKeys[], active: ReadonlySet<string>, candidates: ReadonlySet<string>): BeefyStats {
    // A validator without a BEEFY key (a runtime without BEEFY) has no real key: the old code counted it as one.
    const beefy = validators.filter(v => v.beefyHex !== null && !isDummyBeefyKey(v.beefyHex))
    const activeBeefy = beefy.filter(v => active.has(v.validator))
    const percentOf = (n: number, of: number) => (of ? (n / of) * 100 : 0)
    const activeBeefy1KV = activeBeefy.filter(v => candidates.has(v.validator)).length
    return {
        beefy1KVCount: beefy.filter(v => candidates.has(v.validator)).length,
        activeBeefy1KVCount: activeBeefy1KV,
        activeBeefy1KVPercentage: percentOf(activeBeefy1KV, active.size),
        total1KVValidatorCount: candidates.size,
        beefyTotalValidatorCount: beefy.length,
        activeBeefyValidatorCount: activeBeefy.length,
        activeBeefyPercentage: percentOf(activeBeefy.length, active.size),
        activeValidatorCount: active.size,
        totalValidators: validators.length,
        totalBeefyValidators: percentOf(beefy.length, validators.length),
    }
}
