/**
 * The relay's staking storage (legacy layout: `Staking` and `Session`; current layout: `Session` and
 * `StakingAhClient`) read as plain facts, by whichever typegen'd version matches the block's runtime.
 */
import {UnknownRuntimeShapeError} from '../facts'
import {getManyChunked, readPairs} from '../storage-listing'
import {
    pagedExposures,
    sessionKeysRecord,
    type LedgerFact,
    type StakingStorage,
    type StorageBlock,
    type ValidatorSessionKeys,
} from '../staking/staking-storage'
import {storage} from '../types/relay'

const st = storage.staking
const session = storage.session

const unknown = (item: string, block: StorageBlock) =>
    new UnknownRuntimeShapeError(item, block.height, `${block.specName}@${block.specVersion}`)

/** Every `NextKeys` entry; none where the runtime has no Session.NextKeys of a known shape. */
async function allNextKeys(block: StorageBlock): Promise<ValidatorSessionKeys[]> {
    let pairs: [string, object | undefined][]
    if (session.nextKeys.v1002005.is(block)) {
        const item = session.nextKeys.v1002005
        pairs = await readPairs(
            size => item.getKeysPaged(size, block),
            keys => item.getMany(block, keys),
        )
    } else if (session.nextKeys.v9420.is(block)) {
        const item = session.nextKeys.v9420
        pairs = await readPairs(
            size => item.getKeysPaged(size, block),
            keys => item.getMany(block, keys),
        )
    } else return []
    return pairs.flatMap(([validator, k]) => (k ? [{validator, keys: sessionKeysRecord(k)}] : []))
}

export const relayStakingStorage: StakingStorage = {
    async activeEra(block) {
        return st.activeEra.v9420.is(block) ? (await st.activeEra.v9420.get(block))?.index : undefined
    },

    async currentSession(block) {
        return session.currentIndex.v9420.is(block) ? session.currentIndex.v9420.get(block) : undefined
    },

    async eraRewardPoints(block, era) {
        if (!st.erasRewardPoints.v9420.is(block)) throw unknown('Staking.ErasRewardPoints', block)
        return (await st.erasRewardPoints.v9420.get(block, era)) ?? {total: 0, individual: []}
    },

    async exposures(block, era) {
        if (st.erasStakersOverview.v1002005.is(block)) {
            if (!st.erasStakersPaged.v1002005.is(block)) throw unknown('Staking.ErasStakersPaged', block)
            const overview = st.erasStakersOverview.v1002005
            const paged = st.erasStakersPaged.v1002005
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
        }
        if (!st.erasStakers.v9420.is(block)) throw unknown('Staking.ErasStakers', block)
        const legacy = st.erasStakers.v9420
        const pairs = await readPairs(
            size => legacy.getKeysPaged(size, block, era),
            keys => legacy.getMany(block, keys),
        )
        return pairs.flatMap(([[, validator], x]) =>
            x === undefined
                ? []
                : [
                      {
                          validator,
                          totalPlanck: x.total,
                          ownPlanck: x.own,
                          nominatorCount: x.others.length,
                          pageCount: 1,
                          others: x.others.map(o => ({nominator: o.who, amountPlanck: o.value})),
                      },
                  ],
        )
    },

    async validatorIntentions(block) {
        if (!st.validators.v9420.is(block)) throw unknown('Staking.Validators', block)
        const item = st.validators.v9420
        const pairs = await readPairs(
            size => item.getKeysPaged(size, block),
            keys => item.getMany(block, keys),
        )
        return pairs.map(([validator, p]) => [validator, {commissionPerbill: p?.commission ?? 0, blocked: p?.blocked ?? false}])
    },

    async erasValidatorPrefs(block, era, validators) {
        if (!st.erasValidatorPrefs.v9420.is(block)) throw unknown('Staking.ErasValidatorPrefs', block)
        const item = st.erasValidatorPrefs.v9420
        const prefs = await getManyChunked(
            keys => item.getMany(block, keys),
            validators.map(v => [era, v] as [number, string]),
        )
        // A `Default` item: an absent entry reads as the default prefs.
        return prefs.map(p => ({commissionPerbill: p?.commission ?? 0, blocked: p?.blocked ?? false}))
    },

    async nominations(block) {
        if (!st.nominators.v9420.is(block)) throw unknown('Staking.Nominators', block)
        const item = st.nominators.v9420
        const pairs = await readPairs(
            size => item.getKeysPaged(size, block),
            keys => item.getMany(block, keys),
        )
        return pairs.flatMap(([nominator, n]) => (n ? [{nominator, targets: n.targets, submittedIn: n.submittedIn}] : []))
    },

    async ledgers(block, controllers) {
        let ledgers: ({stash: string; active: bigint} | undefined)[]
        if (st.ledger.v1002005.is(block)) ledgers = await getManyChunked(k => st.ledger.v1002005.getMany(block, k), controllers)
        else if (st.ledger.v9420.is(block)) ledgers = await getManyChunked(k => st.ledger.v9420.getMany(block, k), controllers)
        else throw unknown('Staking.Ledger', block)
        return ledgers.map((l): LedgerFact | undefined => l && {stash: l.stash, activePlanck: l.active})
    },

    async controllers(block, stashes) {
        if (!st.bonded.v9420.is(block)) throw unknown('Staking.Bonded', block)
        return getManyChunked(k => st.bonded.v9420.getMany(block, k), stashes)
    },

    sessionKeys: allNextKeys,

    async queuedValidatorSet(block) {
        const item = storage.stakingAhClient.validatorSet.kusamaV1009002
        if (!item.is(block)) throw unknown('StakingAhClient.ValidatorSet', block)
        const queued = await item.get(block)
        return queued && {era: queued[0], validators: queued[1]}
    },
}
