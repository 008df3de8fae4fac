/**
 * Hand-written SCALE for the values a big world writes by the thousand (exposures, exposure pages,
 * nominations): @polkadot/types builds an object tree per value and dominates Kusama-size genesis.
 * `Runtime.storageValueFast` checks each encoder once against @polkadot/types before trusting it.
 */
import {compactToU8a, hexToU8a, u8aConcat, u8aToHex} from '@polkadot/util'

export interface Backing {
    who: string
    valuePlanck: bigint
}

function individuals(others: readonly Backing[]): Uint8Array[] {
    const parts: Uint8Array[] = [compactToU8a(others.length)]
    for (const o of others) parts.push(hexToU8a(o.who), compactToU8a(o.valuePlanck))
    return parts
}

function u32(n: number): Uint8Array {
    const b = new Uint8Array(4)
    new DataView(b.buffer).setUint32(0, n, true)
    return b
}

/** Exposure{total: Compact<u128>, own: Compact<u128>, others: Vec<{who, value: Compact<u128>}>}. */
export function encodeExposure(totalPlanck: bigint, ownPlanck: bigint, others: readonly Backing[]): string {
    return u8aToHex(u8aConcat(compactToU8a(totalPlanck), compactToU8a(ownPlanck), ...individuals(others)))
}

/** PagedExposureMetadata{total: Compact, own: Compact, nominatorCount: u32, pageCount: u32}. */
export function encodeExposureOverview(totalPlanck: bigint, ownPlanck: bigint, nominatorCount: number, pageCount: number): string {
    return u8aToHex(u8aConcat(compactToU8a(totalPlanck), compactToU8a(ownPlanck), u32(nominatorCount), u32(pageCount)))
}

/** ExposurePage{pageTotal: Compact<u128>, others: Vec<{who, value: Compact<u128>}>}. */
export function encodeExposurePage(pageTotalPlanck: bigint, others: readonly Backing[]): string {
    return u8aToHex(u8aConcat(compactToU8a(pageTotalPlanck), ...individuals(others)))
}

/** Nominations{targets: Vec<AccountId32>, submittedIn: u32, suppressed: bool}. */
export function encodeNominations(targets: readonly string[], submittedIn: number, suppressed: boolean): string {
    return u8aToHex(
        u8aConcat(compactToU8a(targets.length), ...targets.map(t => hexToU8a(t)), u32(submittedIn), new Uint8Array([suppressed ? 1 : 0])),
    )
}
