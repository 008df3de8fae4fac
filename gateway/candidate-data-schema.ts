/**
 * The JSON schema of CandidateData, written from what the strict old clients require (every field they
 * decode present, non-null where they need it, of the number kind they parse): the response schema of the
 * candidate routes once the scorer's tables are served, and the contract `candidate-data.ts` is tested to.
 */
import {COMPONENT_NAMES} from '../scorer/score/components'

const int = {type: 'integer'} as const
const num = {type: 'number'} as const
const str = {type: 'string'} as const
const nullableStr = {type: ['string', 'null']} as const

const scoreFields = ['updated', 'session', 'total', 'aggregate', 'randomness', 'unclaimed', ...COMPONENT_NAMES] as const

/** The old ValidatorScore document (`/score/:stash`, CandidateData's `score`): every field a number. */
export const oldScoreSchema = {
    type: 'object',
    additionalProperties: false,
    required: ['address', ...scoreFields],
    properties: {
        address: {...str, description: 'SS58'},
        ...Object.fromEntries(
            scoreFields.map(f => [
                f,
                f === 'updated'
                    ? {...int, description: "ms since 1970: the scored era's end; 0 before the first score"}
                    : f === 'session'
                      ? {...int, description: "the scored era's last session"}
                      : {...num, description: 'points'},
            ]),
        ),
    },
} as const

export const candidateDataSchema = {
    type: 'object',
    additionalProperties: false,
    required: [
        'slotId',
        'kyc',
        'name',
        'stash',
        'kusamaStash',
        'matrix',
        'discoveredAt',
        'nominatedAt',
        'offlineSince',
        'offlineAccumulated',
        'rank',
        'faults',
        'invalidityReasons',
        'unclaimedEras',
        'inclusion',
        'spanInclusion',
        'commission',
        'identity',
        'active',
        'bonded',
        'valid',
        'verdict',
        'validity',
        'score',
        'total',
        'location',
        'region',
        'country',
        'provider',
        'version',
        'implementation',
        'rewardDestination',
        'nominations',
    ],
    properties: {
        slotId: {type: ['integer', 'null']},
        kyc: {type: 'boolean'},
        name: str,
        stash: {...str, description: 'SS58'},
        kusamaStash: {...str, description: '"" when none'},
        matrix: {type: 'array', items: str},
        discoveredAt: {...int, description: 'ms since 1970; 0 when never seen'},
        nominatedAt: {...int, description: 'era index; 0 when never'},
        offlineSince: {...int, description: 'ms since 1970; 0 when online'},
        offlineAccumulated: {...int, description: 'ms'},
        rank: int,
        faults: int,
        invalidityReasons: {...str, description: '"" when valid'},
        unclaimedEras: {type: 'array', items: int},
        inclusion: {...num, minimum: 0, maximum: 1},
        spanInclusion: {...num, minimum: 0, maximum: 1},
        commission: {type: ['number', 'null'], description: 'percent (perbill / 10^7)'},
        identity: {
            type: 'object',
            required: [
                '_id',
                'name',
                'address',
                'verified',
                'subIdentities',
                'display',
                'email',
                'judgements',
                'legal',
                'riot',
                'twitter',
                'web',
            ],
            properties: {
                _id: str,
                name: str,
                address: str,
                verified: {type: 'boolean'},
                subIdentities: {
                    type: 'array',
                    items: {type: 'object', required: ['_id', 'name', 'address'], properties: {_id: str, name: str, address: str}},
                },
                display: str,
                email: str,
                judgements: {type: 'array', items: str},
                legal: str,
                riot: str,
                twitter: str,
                web: str,
            },
        },
        active: {type: 'boolean'},
        bonded: {...num, description: 'tokens'},
        valid: {type: 'boolean'},
        verdict: {
            type: ['string', 'null'],
            enum: ['valid', 'invalid', 'unknown', null],
            description: 'the verdict (valid is false for invalid and unknown alike); null before the first pass',
        },
        validity: {
            type: 'array',
            items: {
                type: 'object',
                required: ['_id', 'valid', 'type', 'details', 'updated'],
                properties: {_id: str, valid: {type: 'boolean'}, type: str, details: str, updated: {...int, description: 'ms since 1970'}},
            },
        },
        score: oldScoreSchema,
        total: num,
        location: nullableStr,
        region: nullableStr,
        country: nullableStr,
        provider: nullableStr,
        version: nullableStr,
        implementation: nullableStr,
        rewardDestination: nullableStr,
        nominations: {
            type: 'object',
            required: ['totalStake', 'inactiveStake', 'activeNominators', 'inactiveNominators'],
            properties: {
                totalStake: {...num, description: 'tokens'},
                inactiveStake: {...num, description: 'tokens'},
                activeNominators: {...int, description: 'count'},
                inactiveNominators: {...int, description: 'count'},
            },
        },
    },
} as const
