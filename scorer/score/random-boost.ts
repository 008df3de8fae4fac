/**
 * The random boost on a candidate's total, drawn from a seed anyone can recompute: the era, the era's
 * recorded salt and the stash, hashed. 1KV drew it from Math.random() and stored nothing.
 */
import {createHash} from 'crypto'

export interface RandomBoost {
    /** sha256 of `<era>:<salt>:<stash>`, hex. */
    seedHex: string
    /** Uniform in [0, maxPerbill]. */
    perbill: number
}

const TWO_POW_64 = 1n << 64n

export function randomBoost(era: number, salt: string, stash: string, maxPerbill: number): RandomBoost {
    if (!Number.isInteger(maxPerbill) || maxPerbill < 0 || maxPerbill > 1_000_000_000)
        throw new RangeError(`randomnessMaxPerbill must be a whole number from 0 to 1000000000, got ${maxPerbill}`)
    const seed = createHash('sha256').update(`${era}:${salt}:${stash}`, 'utf8').digest()
    // The seed's first 8 bytes as a fraction of 2^64, times (max + 1) choices: uniform to within 2^-34.
    const draw = seed.readBigUInt64BE(0)
    return {seedHex: seed.toString('hex'), perbill: Number((draw * BigInt(maxPerbill + 1)) / TWO_POW_64)}
}
