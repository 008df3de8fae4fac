/**
 * What the nominator reads from the staking chain at the start of a check, all at one finalized block: eras,
 * the chain's maximum nominations, each account's ledger, nomination and signer balance, the signers' pending
 * proxy announcements, and the exposure totals of the active era's elected set.
 */
import type {ApiPromise} from '@polkadot/api'
import type {Codec} from '@polkadot/types/types'
import {encodeAddress} from '@polkadot/util-crypto'

export interface OnChainAnnouncement {
    signer: string
    stash: string
    callHash: string
    announcedAtBlock: number
}

export interface AccountOnChain {
    stash: string
    signer: string
    /** Ledger `active`; null = not bonded. */
    bondedPlanck: bigint | null
    submittedIn: number | null
    targets: string[]
    signerFreePlanck: bigint
    /** The delay of the signer's proxy definition for the stash; null when direct or not a proxy of it. */
    proxyDelayBlocks: number | null
}

export interface ChainSnapshot {
    blockNumber: number
    blockHash: string
    currentEra: number
    activeEra: number
    maxNominations: number
    /** Where maxNominations came from: the runtime's constant, or the configured maxTargets when it has none. */
    maxNominationsSource: 'runtime' | 'config'
    electedExposuresPlanck: bigint[]
    /** Exposure total per elected stash (SS58). */
    electedExposureByStash: Map<string, bigint>
    accounts: AccountOnChain[]
    announcements: OnChainAnnouncement[]
}

const toBig = (c: Codec | undefined): bigint => BigInt(c ? c.toString() : 0)

export async function readChainSnapshot(
    api: ApiPromise,
    accounts: readonly {stash: string; signer: string}[],
    ss58Prefix: number,
    fallbackMaxNominations: number,
): Promise<ChainSnapshot> {
    const address = (c: Codec | string) => encodeAddress(typeof c === 'string' ? c : c.toU8a(), ss58Prefix)
    const blockHash = await api.rpc.chain.getFinalizedHead()
    const header = await api.rpc.chain.getHeader(blockHash)
    const at = await api.at(blockHash)
    const q = at.query as any
    const currentEra = Number(((await q.staking.currentEra()) as any).unwrapOr(0).toString())
    const active = (await q.staking.activeEra()) as any
    const activeEra = active.isSome ? active.unwrap().index.toNumber() : 0
    const constMax = (api.consts.staking as any)?.maxNominations
    const maxNominations = constMax ? Number(constMax.toString()) : fallbackMaxNominations

    const exposures = new Map<string, bigint>()
    if (q.staking.erasStakersOverview) {
        for (const [key, value] of await q.staking.erasStakersOverview.entries(activeEra)) {
            if (value.isSome) exposures.set(address(key.args[1]), toBig(value.unwrap().total))
        }
    } else {
        for (const [key, value] of await q.staking.erasStakers.entries(activeEra)) {
            const total = toBig(value.total)
            if (total > 0n) exposures.set(address(key.args[1]), total)
        }
    }

    const out: AccountOnChain[] = []
    for (const a of accounts) {
        const controller = (await q.staking.bonded(a.stash)) as any
        let bondedPlanck: bigint | null = null
        if (controller.isSome) {
            const ledger = (await q.staking.ledger(controller.unwrap())) as any
            if (ledger.isSome) bondedPlanck = toBig(ledger.unwrap().active)
        }
        const nominations = (await q.staking.nominators(a.stash)) as any
        const n = nominations.isSome ? nominations.unwrap() : null
        const account = (await q.system.account(a.signer)) as any
        let proxyDelayBlocks: number | null = null
        if (a.signer !== a.stash) {
            const [defs] = (await q.proxy.proxies(a.stash)) as any
            const def = defs.find((d: any) => address(d.delegate) === a.signer)
            if (def) proxyDelayBlocks = def.delay.toNumber()
        }
        out.push({
            stash: a.stash,
            signer: a.signer,
            bondedPlanck,
            submittedIn: n ? n.submittedIn.toNumber() : null,
            targets: n ? n.targets.map((t: Codec) => address(t)) : [],
            signerFreePlanck: toBig(account.data.free),
            proxyDelayBlocks,
        })
    }

    const announcements: OnChainAnnouncement[] = []
    for (const signer of [...new Set(accounts.map(a => a.signer))].sort()) {
        const [list] = (await q.proxy.announcements(signer)) as any
        for (const ann of list) {
            announcements.push({signer, stash: address(ann.real), callHash: ann.callHash.toHex(), announcedAtBlock: ann.height.toNumber()})
        }
    }
    return {
        blockNumber: header.number.toNumber(),
        blockHash: blockHash.toHex(),
        currentEra,
        activeEra,
        maxNominations,
        maxNominationsSource: constMax ? 'runtime' : 'config',
        electedExposuresPlanck: [...exposures.values()],
        electedExposureByStash: exposures,
        accounts: out,
        announcements,
    }
}
