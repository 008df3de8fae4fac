/**
 * A made-up but realistic history in the squid's and the telemetry's tables (eras with points, active sets,
 * identities, nominations and bonds, nodes with locations and intervals, payouts and faults) for the score
 * benchmark and tests: seeded, so the same options write the same rows.
 */
import {encodeAddress} from '@polkadot/util-crypto'
import type {EntityManager} from 'typeorm'
import {
    Account,
    ChainLayer,
    Chill,
    Era,
    EraValidator,
    FeedConnectionInterval,
    Identity,
    NominatorBond,
    NominatorTargets,
    OfflineReport,
    Payout,
    TelemetryIntervalKind,
    TelemetryNode,
    TelemetryNodeInterval,
    TelemetryNodeLocation,
} from '../db/model'
import {insertRows} from '../squid/store/bulk-insert'
import {SeededRandom} from '../devnet/scenario/seeded-random'
import type {ProgrammeCandidate} from './programme-candidates'

export interface SyntheticHistoryOptions {
    candidates: number
    /** Eras 1 … eras, all complete. */
    eras: number
    /** Nominators, each nominating up to 16 candidates. */
    nominators: number
    seed: number
}

export interface SyntheticHistory {
    candidates: ProgrammeCandidate[]
    nominators: string[]
    chain: string
}

const ERA_MS = 6 * 3600_000
const BLOCKS_PER_ERA = 3600
const START_MS = Date.UTC(2026, 0, 1)
const CHAIN = `0x${'91'.repeat(32)}`
const CITIES = ['Berlin', 'Paris', 'Tokyo', 'Toronto', 'Lagos', 'Lima', 'Seoul', 'Oslo', 'Perth', 'Austin', 'Zurich', 'Milan']
const PROVIDERS = ['OVH SAS', 'Hetzner Online GmbH', 'Amazon.com, Inc.', 'DigitalOcean, LLC', 'Home ISP', 'Google LLC', 'Equinix']

const hexKey = (kind: number, i: number) => `0x${kind.toString(16).padStart(2, '0')}${i.toString(16).padStart(62, '0')}`

export async function writeSyntheticHistory(em: EntityManager, o: SyntheticHistoryOptions): Promise<SyntheticHistory> {
    const random = new SeededRandom(o.seed, 'score-history')
    const stashes = Array.from({length: o.candidates}, (_, i) => hexKey(1, i))
    const nominators = Array.from({length: o.nominators}, (_, i) => hexKey(2, i))
    const accounts = new Map<string, Account>()
    for (const id of [...stashes, ...nominators]) accounts.set(id, new Account({id}))
    await insertRows(em, [...accounts.values()])
    const account = (id: string) => accounts.get(id) as Account

    // Identity groups: every fourth candidate starts a group of up to three stashes (root and subs).
    const identities: Identity[] = []
    for (let i = 0; i < stashes.length; i += 4) {
        const root = stashes[i]
        for (const member of stashes.slice(i, i + 3)) {
            identities.push(
                new Identity({
                    id: member,
                    account: account(member),
                    chain: ChainLayer.relay,
                    display: `operator ${i / 4}`,
                    judgements: [],
                    verified: true,
                    parent: member === root ? null : account(root),
                    subName: member === root ? null : 'node',
                    root: account(root),
                    cleared: false,
                    updatedBlock: 0,
                }),
            )
        }
    }
    await insertRows(em, identities)

    const eras: Era[] = []
    const validators: EraValidator[] = []
    const payouts: Payout[] = []
    const offline: OfflineReport[] = []
    const chills: Chill[] = []
    const reliability = stashes.map(() => random.next())
    const selfStake = stashes.map(() => BigInt(1 + random.int(10_000)) * 10n ** 12n)
    for (let era = 1; era <= o.eras; era++) {
        const startMs = START_MS + (era - 1) * ERA_MS
        let total = 0
        stashes.forEach((stash, i) => {
            const active = random.next() < reliability[i]
            const points = active ? 20 * (1 + random.int(200)) : 0
            total += points
            validators.push(
                new EraValidator({
                    id: `${era}-${stash}`,
                    era,
                    validator: account(stash),
                    chain: ChainLayer.relay,
                    points,
                    commissionPerbill: 50_000_000,
                    blocked: false,
                    selfStakePlanck: selfStake[i],
                    ownExposurePlanck: active ? selfStake[i] : null,
                    totalExposurePlanck: active ? selfStake[i] * 3n : null,
                    nominatorCount: active ? 3 : 0,
                    active,
                }),
            )
            if (points > 0 && random.next() < 0.95) {
                const paidAt = startMs + ERA_MS + random.int(ERA_MS)
                payouts.push(
                    new Payout({
                        id: `pay-${era}-${i}`,
                        era,
                        validator: account(stash),
                        page: 0,
                        chain: ChainLayer.relay,
                        blockNumber: Math.floor((paidAt - START_MS) / (ERA_MS / BLOCKS_PER_ERA)),
                        timestamp: new Date(paidAt),
                    }),
                )
            }
            if (random.next() < 0.01) {
                offline.push(
                    new OfflineReport({
                        id: `off-${era}-${i}`,
                        session: era * 6,
                        era,
                        validator: account(stash),
                        exposureTotalPlanck: selfStake[i],
                        blockNumber: era * BLOCKS_PER_ERA,
                        timestamp: new Date(startMs + ERA_MS / 2),
                    }),
                )
            }
            if (random.next() < 0.005) {
                chills.push(
                    new Chill({
                        id: `chill-${era}-${i}`,
                        stash: account(stash),
                        era,
                        chain: ChainLayer.relay,
                        blockNumber: era * BLOCKS_PER_ERA + 1,
                        timestamp: new Date(startMs + ERA_MS / 3),
                    }),
                )
            }
        })
        eras.push(
            new Era({
                id: String(era),
                index: era,
                chain: ChainLayer.relay,
                startBlock: (era - 1) * BLOCKS_PER_ERA,
                startTime: new Date(startMs),
                endBlock: era * BLOCKS_PER_ERA,
                endTime: new Date(startMs + ERA_MS),
                validatorPayoutPlanck: 10n ** 15n + BigInt(era),
                remainderPlanck: 0n,
                totalPoints: total,
                validatorCount: stashes.length,
                snapshotCompletedAt: new Date(startMs + ERA_MS),
            }),
        )
    }
    await insertRows(em, eras)
    await insertRows(em, validators)
    await insertRows(em, payouts)
    await insertRows(em, offline)
    await insertRows(em, chills)

    // Nominations from era 1, a fifth of them changed half-way; bonds of the last two eras.
    const targets: NominatorTargets[] = []
    const bonds: NominatorBond[] = []
    const pickTargets = () => [...new Set(Array.from({length: 1 + random.int(16)}, () => random.pick(stashes)))].sort()
    for (const n of nominators) {
        const changes = random.next() < 0.2
        const half = Math.max(1, Math.floor(o.eras / 2))
        targets.push(
            new NominatorTargets({
                id: `1-${n}`,
                era: 1,
                nominator: account(n),
                targets: pickTargets(),
                submittedIn: 1,
                latest: !changes,
                blockNumber: 0,
            }),
        )
        if (changes && half > 1)
            targets.push(
                new NominatorTargets({
                    id: `${half}-${n}`,
                    era: half,
                    nominator: account(n),
                    targets: pickTargets(),
                    submittedIn: half,
                    latest: true,
                    blockNumber: 0,
                }),
            )
        const bond = BigInt(1 + random.int(100_000)) * 10n ** 10n
        for (const era of [o.eras - 1, o.eras].filter(e => e >= 1))
            bonds.push(new NominatorBond({id: `${era}-${n}`, era, nominatorId: n, bondedPlanck: bond}))
    }
    await insertRows(em, targets)
    await insertRows(em, bonds)

    // Telemetry: one node per candidate (a few without a location), the feed up since the start.
    const endMs = START_MS + o.eras * ERA_MS
    await insertRows(em, [
        new FeedConnectionInterval({
            id: `${CHAIN}:${START_MS}`,
            genesisHash: CHAIN,
            feedUrl: 'ws://feed',
            start: new Date(START_MS),
            end: null,
            aliveUntil: new Date(endMs),
        }),
    ])
    const nodes: TelemetryNode[] = []
    const locations: TelemetryNodeLocation[] = []
    const intervals: TelemetryNodeInterval[] = []
    const candidates: ProgrammeCandidate[] = stashes.map((stash, i) => {
        const address = encodeAddress(stash, 0)
        const firstSeen = START_MS + random.int(o.eras * ERA_MS)
        const node = new TelemetryNode({
            id: `${CHAIN}:node-${i}`,
            genesisHash: CHAIN,
            name: `node-${i}`,
            implementation: random.next() < 0.1 ? 'Kagome' : 'Parity Polkadot',
            version: '1.15.2',
            validatorAddress: address,
            firstSeenAt: new Date(firstSeen),
            lastSeenAt: new Date(endMs),
            online: true,
            connections: 1,
            stale: false,
            candidateStash: address,
            matchedBy: 'validatorAddress',
        })
        nodes.push(node)
        if (random.next() < 0.95) {
            locations.push(
                new TelemetryNodeLocation({
                    id: node.id,
                    node,
                    ip: `10.0.${i >> 8}.${i & 255}`,
                    country: random.pick(['DE', 'FR', 'JP', 'CA', 'NG']),
                    region: null,
                    city: random.pick(CITIES),
                    asn: 1,
                    provider: random.pick(PROVIDERS),
                    source: 'synthetic',
                    lookedUpAt: new Date(firstSeen),
                }),
            )
        }
        const outage = random.next() < 0.3 ? random.int(3_600_000) : 0
        const onlineUntil = endMs - outage
        intervals.push(
            new TelemetryNodeInterval({
                id: `${node.id}:online:${firstSeen}`,
                node,
                kind: TelemetryIntervalKind.online,
                start: new Date(firstSeen),
                end: outage ? new Date(onlineUntil) : null,
            }),
        )
        if (outage)
            intervals.push(
                new TelemetryNodeInterval({
                    id: `${node.id}:offline:${onlineUntil}`,
                    node,
                    kind: TelemetryIntervalKind.offline,
                    start: new Date(onlineUntil),
                    end: null,
                }),
            )
        return {stash, stashAddress: address, valid: random.next() < 0.9}
    })
    await insertRows(em, nodes)
    await insertRows(em, locations)
    await insertRows(em, intervals)
    return {candidates, nominators, chain: CHAIN}
}
