/**
 * One candidate's facts with every check passing, at a fixed time, for tests to vary one fact at a time;
 * its numbers are round so the expected sentences can be written by hand.
 */
import {ChainLayer} from '../../squid/chain-layer'
import type {CandidateFacts} from './facts'

export const NOW_MS = Date.UTC(2025, 0, 15, 12, 0, 0)
export const HOUR_MS = 3600_000
export const DAY_MS = 24 * HOUR_MS
export const STASH_HEX = '0x' + 'aa'.repeat(32)

export function exampleFacts(): CandidateFacts {
    const chainAt = {layer: ChainLayer.assetHub, block: 9_876_543, era: 1234}
    return {
        candidate: {
            name: 'node-1',
            stash: '15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5',
            stashPublicKeyHex: STASH_HEX,
            kusamaStash: 'HNZata7iMYWmk5RvZRTiAsSDhV8366zq2YGb3tLH5Upf74F',
            skipSelfStake: false,
        },
        pass: {
            nowMs: NOW_MS,
            squid: {
                relay: {indexedBlock: 25_000_000, headBlock: 25_000_010},
                assetHub: {indexedBlock: 9_876_543, headBlock: 9_876_550},
                people: {indexedBlock: 5_000_000, headBlock: 5_000_002},
            },
            feed: {
                connected: true,
                connectedSinceMs: NOW_MS - 30 * DAY_MS,
                aliveUntilMs: NOW_MS - 1000,
                firstConnectedMs: NOW_MS - 60 * DAY_MS,
            },
        },
        node: {
            source: 'TelemetryNode',
            atMs: NOW_MS - 1000,
            value: {
                name: 'node-1',
                implementation: 'Parity Polkadot',
                version: '1.15.2-2c9d2dc4bd9',
                online: true,
                offlineSinceMs: null,
                firstSeenMs: NOW_MS - 20 * DAY_MS,
                lastSeenMs: NOW_MS - 1000,
            },
        },
        uptime: {
            source: 'TelemetryNodeInterval',
            atMs: NOW_MS,
            value: {windowStartMs: NOW_MS - 7 * DAY_MS, windowEndMs: NOW_MS, onlineMs: 7 * DAY_MS, offlineMs: 0, unknownMs: 0},
        },
        location: {
            source: 'TelemetryNodeLocation',
            atMs: NOW_MS - DAY_MS,
            value: {ip: '203.0.113.7', country: 'DE', region: 'Bavaria', provider: 'OVH SAS'},
        },
        validateIntention: {source: 'Staking.Validators', ...chainAt, value: true},
        prefs: {source: 'ValidatorPreference', ...chainAt, value: {commissionPerbill: 30_000_000, blocked: false}},
        selfStake: {source: 'Staking.Ledger', ...chainAt, value: {activePlanck: 60_000_000_000_000n}},
        sessionKeys: {
            source: 'SessionKeys',
            layer: ChainLayer.relay,
            block: 24_999_000,
            era: 1234,
            value: {beefyHex: '0x02' + '11'.repeat(32)},
        },
        identity: {
            source: 'Identity',
            layer: ChainLayer.people,
            block: 4_999_000,
            value: {accountHex: STASH_HEX, display: 'Node Operator', parent: null, subName: null, judgements: ['Reasonable']},
        },
        identityGroup: {
            source: 'Identity.root',
            layer: ChainLayer.people,
            block: 4_999_000,
            value: {rootHex: STASH_HEX, rootDisplay: 'Node Operator', candidateNames: ['node-1']},
        },
        unclaimedEras: {source: 'Payout', ...chainAt, value: []},
        slashes: {source: 'Slash', ...chainAt, value: {slashes: [], offences: []}},
        kusamaRank: {source: 'Kusama /candidate', atMs: NOW_MS - 60_000, value: {rank: 150, valid: true}},
    }
}

/** The example with changes applied (a deep copy: cases never share state). */
export function factsWith(change: (f: CandidateFacts) => void): CandidateFacts {
    const f = exampleFacts()
    change(f)
    return f
}
