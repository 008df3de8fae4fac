/**
 * Which chain holds which pallets' state and events: one chain for the legacy layout, and relay /
 * Asset Hub / People for the current one (staking on Asset Hub, sessions on the relay, identity on People).
 */
export type ChainRole = 'all' | 'relay' | 'assetHub' | 'people'

const PALLETS: Record<Exclude<ChainRole, 'all'>, ReadonlySet<string>> = {
    relay: new Set(['System', 'Timestamp', 'Balances', 'Session', 'Offences', 'ImOnline', 'StakingAhClient']),
    assetHub: new Set(['System', 'Timestamp', 'Balances', 'Staking', 'StakingRcClient', 'Proxy', 'Utility']),
    people: new Set(['System', 'Timestamp', 'Balances', 'Identity']),
}

/** Whether the chain of this role keeps the pallet's storage and emits its events. */
export function palletAllowed(role: ChainRole, pallet: string): boolean {
    return role === 'all' || PALLETS[role].has(pallet)
}
