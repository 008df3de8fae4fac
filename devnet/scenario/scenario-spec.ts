/**
 * Named scenarios: how big the staking world is, how fast sessions and eras turn, which runtimes the
 * chain runs and when it upgrades. Everything else is derived from the seed.
 */
import type {RuntimeId} from '../runtime/metadata-sources'
import type {ChainRole} from '../chain/chain-role'

/** One chain of a layout and its runtimes, by the first block whose state they run (the first starts at 0). */
export interface ChainSpec {
    role: ChainRole
    runtimes: {fromBlock: number; id: RuntimeId}[]
}

export interface ScenarioSpec {
    name: string
    /** The layout: one chain ('all', legacy) or relay + Asset Hub + People (current). */
    chains: ChainSpec[]
    /** Validator intentions: the first `candidates` come from the programme's candidate list. */
    validators: number
    candidates: number
    nominators: number
    targetsPerNominator: number
    /** Staking.ValidatorCount: seats of each era's election. */
    activeValidators: number
    /**
     * Reduce each election's assignment to a forest, as the chain's submitted solutions are: about one
     * exposure per nominator (the real Polkadot snapshot in shared data: 22,347 edges, 21,794 nominators).
     * The small worlds keep every edge, so their exposures span several pages.
     */
    reduceElection: boolean
    /**
     * A few programme candidates break one validity rule each and the others meet every rule
     * (`validity-cases.ts`); the scenario's random staking events leave the candidates alone.
     */
    validityCases?: boolean
    blocksPerSession: number
    sessionsPerEra: number
    /** Nominators per exposure page where the runtime pages exposures (Polkadot: 512). */
    exposurePageSize: number
    /** Payout extrinsics the scenario's payout bot submits per block at most. */
    payoutsPerBlock: number
    /** Share of validators paid late (half an era after the era ends) and never paid. */
    latePayoutShare: number
    neverPaidShare: number
    /** Per era: chance of a slash, a chill, a kick, a commission change, an identity change. */
    eventChance: number
    /** Per session: share of active validators reported offline. */
    offlineShare: number
    /** Time between block timestamps (the chain's slot, not the devnet's production timer). */
    slotMs: number
    /** Delay of the scenario's time-delayed Staking proxy (//Charlie for //Alice). */
    proxyDelayBlocks: number
    /** Staking.MinNominatorBond in DOT: a smaller active bond cannot nominate (InsufficientBond). Polkadot's: 250. */
    minNominatorBondDot: number
}

/** A world small enough for tests: eras of 15 blocks, paged exposures of 8, every kind of staking fact each era. */
const SMALL_WORLD = {
    validators: 40,
    candidates: 24,
    nominators: 160,
    targetsPerNominator: 16,
    activeValidators: 24,
    reduceElection: false,
    blocksPerSession: 5,
    sessionsPerEra: 3,
    exposurePageSize: 8,
    payoutsPerBlock: 8,
    latePayoutShare: 0.15,
    neverPaidShare: 0.1,
    eventChance: 0.7,
    offlineShare: 0.1,
    slotMs: 6000,
    proxyDelayBlocks: 4,
    minNominatorBondDot: 250,
}

export const scenarios: Record<string, ScenarioSpec> = {
    legacy: {
        name: 'legacy',
        chains: [
            {
                role: 'all',
                runtimes: [
                    {fromBlock: 0, id: 'polkadot-9420'},
                    {fromBlock: 40, id: 'polkadot-1002005'},
                ],
            },
        ],
        ...SMALL_WORLD,
    },
    'kusama-scale': {
        name: 'kusama-scale',
        chains: [
            {
                role: 'all',
                runtimes: [
                    {fromBlock: 0, id: 'polkadot-9420'},
                    {fromBlock: 600, id: 'polkadot-1002005'},
                ],
            },
        ],
        validators: 2000,
        candidates: 310,
        nominators: 12_500,
        targetsPerNominator: 24,
        activeValidators: 1000,
        reduceElection: true,
        // Kusama's: one-hour sessions of 600 six-second slots, six sessions an era.
        blocksPerSession: 600,
        sessionsPerEra: 6,
        exposurePageSize: 512,
        payoutsPerBlock: 16,
        latePayoutShare: 0.1,
        neverPaidShare: 0.05,
        eventChance: 0.9,
        offlineShare: 0.01,
        slotMs: 6000,
        proxyDelayBlocks: 10,
        minNominatorBondDot: 250,
    },
    current: {
        name: 'current',
        chains: [
            {role: 'relay', runtimes: [{fromBlock: 0, id: 'polkadot-2000000'}]},
            {
                role: 'assetHub',
                runtimes: [
                    {fromBlock: 0, id: 'statemint-2000000'},
                    {fromBlock: 20, id: 'statemint-2000002'},
                    {fromBlock: 40, id: 'statemint-2003000'},
                ],
            },
            {
                role: 'people',
                runtimes: [
                    {fromBlock: 0, id: 'people-polkadot-1003003'},
                    {fromBlock: 15, id: 'people-polkadot-1005001'},
                    {fromBlock: 30, id: 'people-polkadot-2000000'},
                ],
            },
        ],
        ...SMALL_WORLD,
        validityCases: true,
    },
}

/** The names a config's `devnet.scenario` (or `DEVNET_SCENARIO`) may give. */
export const DEVNET_SCENARIOS: readonly string[] = Object.keys(scenarios)

export function scenarioByName(name: string): ScenarioSpec {
    const s = scenarios[name]
    if (!s) throw new Error(`unknown devnet scenario "${name}" (known: ${Object.keys(scenarios).join(', ')})`)
    return s
}
