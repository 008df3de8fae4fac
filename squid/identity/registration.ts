/**
 * Turns an `Identity.IdentityOf` registration (relay or People shape, with or without the username
 * tuple) and a `SuperOf` link into the identity fields users read.
 */

export interface IdentityFields {
    display?: string
    legal?: string
    web?: string
    matrix?: string
    email?: string
    twitter?: string
    github?: string
    discord?: string
    judgements: {registrarIndex: number; judgement: string}[]
    verified: boolean
    parent?: string
    subName?: string
    /** No registration and no parent. */
    cleared: boolean
}

/** Identity `Data`: `None`, `Raw<n>` (UTF-8 bytes as hex) or a hash kind. */
export interface DataValue {
    __kind: string
    value?: string
}

interface RegistrationLike {
    judgements: [number, {__kind: string}][]
    info: object
}

/** IdentityOf values: a Registration, or `[Registration, Option<Username>]` (People 1003003, relay 1002005). */
export type IdentityOfValue = RegistrationLike | [RegistrationLike, unknown]

/** Judgements that count as verified (1KV: Reasonable or KnownGood). */
const VERIFIED = new Set(['Reasonable', 'KnownGood'])

export function dataText(data: DataValue | undefined): string | undefined {
    if (!data || data.__kind === 'None') return undefined
    if (data.__kind.startsWith('Raw')) {
        const hex = (data.value ?? '0x').replace(/^0x/, '')
        return Buffer.from(hex, 'hex').toString('utf8')
    }
    // Hash-kind data (BlakeTwo256, Sha256, …) carries no readable text: keep the hash.
    return data.value
}

export function identityFields(identityOf: IdentityOfValue | undefined, superOf: [string, DataValue] | undefined): IdentityFields {
    const reg = Array.isArray(identityOf) ? identityOf[0] : identityOf
    const info = (reg?.info ?? {}) as Record<string, DataValue | undefined>
    const judgements = (reg?.judgements ?? []).map(([registrarIndex, j]) => ({registrarIndex, judgement: j.__kind}))
    return {
        display: dataText(info.display),
        legal: dataText(info.legal),
        web: dataText(info.web),
        // People chain renamed `riot` to `matrix`.
        matrix: dataText(info.matrix ?? info.riot),
        email: dataText(info.email),
        twitter: dataText(info.twitter),
        github: dataText(info.github),
        discord: dataText(info.discord),
        judgements,
        verified: judgements.some(j => VERIFIED.has(j.judgement)),
        parent: superOf?.[0],
        subName: superOf ? dataText(superOf[1]) : undefined,
        cleared: !reg && !superOf,
    }
}
