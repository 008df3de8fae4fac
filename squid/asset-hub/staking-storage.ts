/**
 * Asset Hub's staking storage (staking-async, the current layout) read as plain facts, by whichever
 * typegen'd version matches the block's runtime. It has no Session pallet and receives no validator set.
 */
import {UnknownRuntimeShapeError} from '../facts'
import {getManyChunked, readPairs} from '../storage-listing'
import {pagedExposures, type StakingStorage, type StorageBlock} from '../staking/staking-storage'
import {storage} from '../types/asset-hub'

const st = storage.staking

const unknown = (item: string, block: StorageBlock) =>
    new UnknownRuntimeShapeError(item, block.height, `${block.specName}@${block.specVersion}`)

export const assetHubStakingStorage: StakingStorage = {
    async activeEra(block) {
        return st.activeEra.v1009003.is(block) ? (await st.activeEra.v1009003.get(block))?.index : undefined
    },

    currentSession: async () => undefined,

    async eraRewardPoints(block, era) {
        if (!st.erasRewardPoints.v1009003.is(block)) throw unknown('Staking.ErasRewardPoints', block)
        return (await st.erasRewardPoints.v1009003.get(block, era)) ?? {total: 0, individual: []}
    },

    async exposures(block, era) {
        const overview = st.erasStakersOverview.v1009003
        const paged = st.erasStakersPaged.v1009003
        if (!overview.is(block)) throw unknown('Staking.ErasStakersOverview', block)
        if (!paged.is(block)) throw unknown('Staking.ErasStakersPaged', block)
        const [metas, pages] = await Promise.all([
            readPairs(
                size => overview.getKeysPaged(size, block, era),
                keys => overview.getMany(block, keys),
            ),
            readPairs(
                size => paged.getKeysPaged(size, block, era),
                keys => paged.getMany(block, keys),
            ),
        ])
        return pagedExposures(metas, pages)
    },

    async validatorIntentions(block) {
        const item = st.validators.v1009003
        if (!item.is(block)) throw unknown('Staking.Validators', block)
        const pairs = await readPairs(
            size => item.getKeysPaged(size, block),
            keys => item.getMany(block, keys),
        )
        return pairs.map(([validator, p]) => [validator, {commissionPerbill: p?.commission ?? 0, blocked: p?.blocked ?? false}])
    },

    async erasValidatorPrefs(block, era, validators) {
        const item = st.erasValidatorPrefs.v1009003
        if (!item.is(block)) throw unknown('Staking.ErasValidatorPrefs', block)
        const prefs = await getManyChunked(
            keys => item.getMany(block, keys),
            validators.map(v => [era, v] as [number, string]),
        )
        // A `Default` item: an absent entry reads as the default prefs.
        return prefs.map(p => ({commissionPerbill: p?.commission ?? 0, blocked: p?.blocked ?? false}))
    },

    async nominations(block) {
        const item = st.nominators.v1009003
        if (!item.is(block)) throw unknown('Staking.Nominators', block)
        const pairs = await readPairs(
            size => item.getKeysPaged(size, block),
            keys => item.getMany(block, keys),
        )
        return pairs.flatMap(([nominator, n]) => (n ? [{nominator, targets: n.targets, submittedIn: n.submittedIn}] : []))
    },

    async ledgers(block, controllers) {
        const item = st.ledger.v1009003
        if (!item.is(block)) throw unknown('Staking.Ledger', block)
        const ledgers = await getManyChunked(k => item.getMany(block, k), controllers)
        return ledgers.map(l => l && {stash: l.stash, activePlanck: l.active})
    },

    async controllers(block, stashes) {
        const item = st.bonded.v1009003
        if (!item.is(block)) throw unknown('Staking.Bonded', block)
        return getManyChunked(k => item.getMany(block, k), stashes)
    },

    sessionKeys: async () => [],
    queuedValidatorSet: async () => undefined,
}
