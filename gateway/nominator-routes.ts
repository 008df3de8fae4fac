/**
 * The nominator's routes from its tables: the old Nominator documents, the status page's NominatorStatus
 * (now application/json), nominations, the last nomination, pending proxy announcements, and the new
 * rounds (inputs hash, policy hash, seed, per-account targets, transactions and their finalized blocks).
 */
import type {FastifyInstance} from 'fastify'
import {readAddress} from '../scorer/candidates/ss58-address'
import {addressParamSchema, accountHex} from './address-param'
import {notFound} from './api-error'
import {planckToTokens} from './display-units'
import {nextNominationMs} from './next-nomination'
import type {RouteContext} from './gateway'
import {pageQuerySchema, type PageRequest} from './page'
import type {AnnouncementRow, NominationRow, NominatorStatusRow} from './programme-store'
import {errors, list, nullable, pageHeadersOf} from './route-schema'

/** The mean of some stakes (planck), rounded down; 0 for none. */
const averageStake = (stakes: bigint[]) => (stakes.length ? stakes.reduce((a, b) => a + b, 0n) / BigInt(stakes.length) : 0n)

/** Complete eras the next round's start is projected with (their mean length). */
const RECENT_ERAS = 8

/** Relay-chain block time on Polkadot and Kusama: turns an announcement's delay in blocks into the old executionTime (ms). */
const RELAY_BLOCK_MS = 6_000

const str = {type: 'string'} as const
const int = {type: 'integer'} as const
const ms = (description = '') => ({type: 'integer', description: `ms since 1970${description}`})
const strings = {type: 'array', items: str} as const

const nominatorSchema = {
    type: 'object',
    required: [
        '_id',
        'address',
        'stash',
        'proxy',
        'bonded',
        'bondedPlanck',
        'proxyDelay',
        'rewardDestination',
        'current',
        'lastNomination',
        'createdAt',
        'avgStake',
        'account',
        'mode',
        'state',
    ],
    properties: {
        _id: {...str, description: 'the stash'},
        address: {...str, description: 'the bonded account (the stash: controllers are gone)'},
        stash: str,
        proxy: {...str, description: 'the proxy signer; "" when the account signs itself'},
        bonded: {...int, description: 'planck (the old unit), a JSON integer; exact only below 2^53: bondedPlanck is exact'},
        bondedPlanck: {...str, description: 'planck, decimal string'},
        proxyDelay: {...int, description: 'blocks an announcement waits (0 without a time-delay proxy)'},
        rewardDestination: {
            ...str,
            description: 'Staked, Stash, Controller, Account or None, as its latest reward was paid; "" before any',
        },
        current: {
            type: 'array',
            items: {type: 'object', required: ['name', 'stash'], properties: {name: str, stash: str}},
            description: 'the targets on chain at the last check',
        },
        lastNomination: ms('; 0 when never'),
        createdAt: ms(": the account's first round; 0 when none"),
        avgStake: {
            type: 'number',
            description:
                'tokens: the mean total stake of its targets exposed in the latest era (the old per-target stake it aimed at); 0 when none is',
        },
        account: {...str, description: 'the account name in config'},
        mode: {...str, description: 'direct, proxy or delayedProxy'},
        state: str,
    },
} as const

const nominationSchema = {
    type: 'object',
    required: [
        '_id',
        'address',
        'era',
        'validators',
        'timestamp',
        'bonded',
        'bondedPlanck',
        'blockHash',
        'blockNumber',
        'txHash',
        'status',
        'finalized',
        'mode',
        'account',
        'round',
        'error',
    ],
    properties: {
        _id: {...str, description: '<round id>:<stash>'},
        address: {...str, description: 'the nominating stash'},
        era: int,
        validators: {...strings, description: 'the targets'},
        timestamp: ms(': the last change of the nomination'),
        bonded: {type: 'number', description: "tokens (old unit): the stash's bond in the era as indexed; 0 when not indexed"},
        bondedPlanck: nullable('string', 'planck; null when not indexed'),
        blockHash: {...str, description: 'the block that included it; "" while not included (as the old documents)'},
        blockNumber: nullable('integer'),
        txHash: nullable('string'),
        status: {...str, description: 'planned, submitted, announced, done, failed, cancelled, dryRun'},
        finalized: {type: 'boolean'},
        mode: str,
        account: str,
        round: str,
        error: nullable('string'),
    },
} as const

const announcementSchema = {
    type: 'object',
    required: ['number', 'controller', 'targets', 'callHash', 'signer', 'status', 'executableBlock', 'announcedTxHash'],
    properties: {
        number: {...int, description: 'block of the announcement; 0 while not yet on chain'},
        controller: {...str, description: 'the stash the proxy acts for'},
        targets: strings,
        callHash: str,
        signer: str,
        status: {...str, description: 'pending (not yet on chain) or announced'},
        executableBlock: nullable('integer', 'the first block it can execute at'),
        announcedTxHash: nullable('string'),
    },
} as const

const roundSchema = {
    type: 'object',
    required: ['id', 'era', 'status', 'dryRun', 'inputHash', 'policyHash', 'seed', 'createdAt', 'updatedAt', 'nominations'],
    properties: {
        id: str,
        era: int,
        status: {...str, description: 'planned, submitting, done, partial, failed, dryRun'},
        dryRun: {type: 'boolean'},
        inputHash: {...str, description: "blake2-256 of the round's canonical input (npm run round:replay re-runs it)"},
        policyHash: {...str, description: 'blake2-256 of the policy part'},
        seed: nullable('string', "the scorer's random seed for the era, when its source gives one"),
        createdAt: ms(),
        updatedAt: ms(),
        nominations: {...int, description: 'accounts nominated in the round'},
    },
} as const

export function registerNominatorRoutes(app: FastifyInstance, ctx: RouteContext) {
    const {settings, programme} = ctx
    const page = pageQuerySchema(settings.maxPageSize)
    const tokens = (p: bigint) => planckToTokens(p, settings.tokenDecimals)
    const hexOf = (address: string) => {
        const r = readAddress(address, settings.ss58Prefix)
        return r.ok ? r.publicKeyHex : null
    }
    const proxyDelay = (s: NominatorStatusRow) => (s.mode === 'delayedProxy' ? settings.proxyDelayBlocks : 0)
    const nominator = async (rows: NominatorStatusRow[]) => {
        const targets = [...new Set(rows.flatMap(r => r.currentTargets))]
        const [info, destinations, exposures] = await Promise.all([
            programme.targetInfo(targets),
            programme.rewardDestinations(rows.flatMap(r => hexOf(r.stash) ?? [])),
            programme.latestExposures(targets.flatMap(t => hexOf(t) ?? [])),
        ])
        return rows.map(s => ({
            _id: s.stash,
            address: s.stash,
            stash: s.stash,
            proxy: s.mode === 'direct' ? '' : s.signer,
            bonded: Number(s.bondedPlanck ?? 0n),
            bondedPlanck: String(s.bondedPlanck ?? 0n),
            proxyDelay: proxyDelay(s),
            rewardDestination: destinations.get(hexOf(s.stash) ?? '') ?? '',
            current: s.currentTargets.map(t => ({name: info.get(t)?.name ?? '', stash: t})),
            lastNomination: s.lastNominationMs ?? 0,
            createdAt: s.firstRoundMs ?? 0,
            avgStake: tokens(averageStake(s.currentTargets.flatMap(t => exposures.get(hexOf(t) ?? '') ?? []))),
            account: s.account,
            mode: s.mode,
            state: s.state,
        }))
    }
    const nominations = async (rows: NominationRow[]) => {
        const pairs = rows.flatMap(n => {
            const hex = hexOf(n.stash)
            return hex ? [{nominator: hex, era: n.era}] : []
        })
        const bonds = await programme.nominatorBonds(pairs)
        return rows.map(n => {
            const bond = bonds.get(`${hexOf(n.stash)}:${n.era}`)
            return {
                _id: n.id,
                address: n.stash,
                era: n.era,
                validators: n.targets,
                timestamp: n.updatedMs,
                bonded: bond === undefined ? 0 : tokens(bond),
                bondedPlanck: bond === undefined ? null : String(bond),
                blockHash: n.blockHash ?? '',
                blockNumber: n.blockNumber,
                txHash: n.txHash,
                status: n.status,
                finalized: n.finalized,
                mode: n.mode,
                account: n.account,
                round: n.roundId,
                error: n.error,
            }
        })
    }
    const announcement = (a: AnnouncementRow) => ({
        number: a.announcedBlock ?? 0,
        controller: a.stash,
        targets: a.targets,
        callHash: a.callHash,
        signer: a.signer,
        status: a.status,
        executableBlock: a.announcedBlock === null ? null : a.announcedBlock + settings.proxyDelayBlocks,
        announcedTxHash: a.announcedTxHash,
    })
    const openAnnouncements = ['pending', 'announced']

    app.get<{Querystring: PageRequest}>(
        '/nominators',
        {
            schema: {
                summary: "The programme's nominator accounts (the old Nominator documents)",
                description:
                    'bonded is planck as a JSON integer (the old unit; subvt reads it as u128), bondedPlanck the exact decimal string.',
                tags: ['nominator'],
                querystring: page,
                response: {200: list(nominatorSchema, 'accounts, by name'), ...errors(400, 503)},
            },
        },
        async (req, reply) =>
            ctx.cached(req, reply, async () => {
                const all = await programme.nominatorStatus()
                const {limit, offset} = req.query
                return {body: await nominator(all.slice(offset, offset + limit)), headers: pageHeadersOf(req, all.length)}
            }),
    )

    app.get<{Params: {stash: string}}>(
        '/nominator/:stash',
        {
            schema: {
                summary: 'One nominator account (by its stash)',
                tags: ['nominator'],
                params: {type: 'object', required: ['stash'], properties: {stash: addressParamSchema(settings.ss58Prefix)}},
                response: {200: nominatorSchema, ...errors(400, 404, 503)},
            },
        },
        async (req, reply) =>
            ctx.cached(req, reply, async () => {
                accountHex('stash', req.params.stash, settings.ss58Prefix)
                const [row] = await programme.nominatorStatus(req.params.stash)
                if (!row) throw notFound(`stash ${req.params.stash}: not a nominator account of the programme`)
                return {body: (await nominator([row]))[0], headers: {}}
            }),
    )

    app.get<{Querystring: PageRequest}>(
        '/nominators/status',
        {
            schema: {
                summary: "Each nominator account's state at the nominator's last check",
                description: 'The old route sent this JSON as text/plain; it is application/json now. bondedAmount in tokens, times in ms.',
                tags: ['nominator'],
                querystring: page,
                response: {
                    200: list(
                        {
                            type: 'object',
                            required: [
                                'account',
                                'stashAddress',
                                'state',
                                'status',
                                'isBonded',
                                'bondedAmount',
                                'bondedPlanck',
                                'isProxy',
                                'proxyAddress',
                                'proxyDelay',
                                'lastNominationEra',
                                'stale',
                                'dryRun',
                                'round',
                                'updated',
                                'currentTargets',
                                'proxyTxs',
                            ],
                            properties: {
                                account: str,
                                stashAddress: str,
                                state: {...str, description: 'Nominated, Ready to Nominate, Awaiting Proxy Execution, Not Nominating'},
                                status: {...str, description: 'why, in words'},
                                isBonded: {type: 'boolean'},
                                bondedAmount: {type: 'number', description: 'tokens'},
                                bondedPlanck: {...str, description: 'planck, decimal string'},
                                isProxy: {type: 'boolean'},
                                proxyAddress: {...str, description: '"" when the account signs itself'},
                                proxyDelay: {...int, description: 'blocks'},
                                lastNominationEra: {...int, description: '0 when never'},
                                stale: {type: 'boolean'},
                                dryRun: {type: 'boolean'},
                                round: {...str, description: 'the round gate at the last check'},
                                updated: ms(': the last check'),
                                currentTargets: {
                                    type: 'array',
                                    items: {
                                        type: 'object',
                                        required: ['stash', 'name', 'score', 'kyc'],
                                        properties: {
                                            stash: str,
                                            name: {...str, description: '"" when not a candidate'},
                                            score: {type: 'number', description: 'latest score total, points; 0 without one'},
                                            kyc: {type: 'boolean'},
                                        },
                                    },
                                },
                                proxyTxs: {
                                    type: 'array',
                                    items: {
                                        type: 'object',
                                        required: ['controller', 'number', 'executionTime', 'callHash', 'timestamp', 'targets'],
                                        properties: {
                                            controller: str,
                                            number: {...int, description: 'block announced'},
                                            executionTime: {...int, description: 'ms from the announcement until it can execute'},
                                            timestamp: ms(': when the announcement was recorded as on chain; 0 when not recorded'),
                                            callHash: str,
                                            targets: strings,
                                        },
                                    },
                                },
                            },
                        },
                        'accounts, by name',
                    ),
                    ...errors(400, 503),
                },
            },
        },
        async (req, reply) =>
            ctx.cached(req, reply, async () => {
                const all = await programme.nominatorStatus()
                const rows = all.slice(req.query.offset, req.query.offset + req.query.limit)
                const [info, open] = await Promise.all([
                    programme.targetInfo([...new Set(rows.flatMap(r => r.currentTargets))]),
                    programme.announcements(['announced'], {limit: 10_000, offset: 0}),
                ])
                // The status row names the pending call; its announcement row gives the targets and when it was recorded.
                const pendingOf = (s: NominatorStatusRow) => {
                    const a = open.rows.find(a => a.callHash === s.pendingCallHash && a.stash === s.stash)
                    return {targets: a?.targets ?? [], timestamp: a?.updatedMs ?? 0}
                }
                const body = rows.map(s => ({
                    account: s.account,
                    stashAddress: s.stash,
                    state: s.state,
                    status: s.reason,
                    isBonded: (s.bondedPlanck ?? 0n) > 0n,
                    bondedAmount: tokens(s.bondedPlanck ?? 0n),
                    bondedPlanck: String(s.bondedPlanck ?? 0n),
                    isProxy: s.mode !== 'direct',
                    proxyAddress: s.mode === 'direct' ? '' : s.signer,
                    proxyDelay: proxyDelay(s),
                    lastNominationEra: s.lastNominationEra ?? 0,
                    stale: s.stale,
                    dryRun: s.dryRun,
                    round: s.round,
                    updated: s.checkedAtMs,
                    currentTargets: s.currentTargets.map(t => {
                        const c = info.get(t)
                        return {
                            stash: t,
                            name: c?.name ?? '',
                            score: c?.totalNanopoints ? Number(c.totalNanopoints) / 1e9 : 0,
                            kyc: c?.kyc ?? false,
                        }
                    }),
                    proxyTxs:
                        s.pendingCallHash === null || s.pendingAnnouncedBlock === null
                            ? []
                            : [
                                  {
                                      ...pendingOf(s),
                                      controller: s.stash,
                                      number: s.pendingAnnouncedBlock,
                                      executionTime:
                                          ((s.pendingExecutableBlock ?? s.pendingAnnouncedBlock) - s.pendingAnnouncedBlock) *
                                          RELAY_BLOCK_MS,
                                      callHash: s.pendingCallHash,
                                  },
                              ],
                }))
                return {body, headers: pageHeadersOf(req, all.length)}
            }),
    )

    app.get<{Querystring: PageRequest}>(
        '/nominations',
        {
            schema: {
                summary: "The programme accounts' nominations, newest era first",
                tags: ['nominator'],
                querystring: page,
                response: {200: list(nominationSchema, 'nominations'), ...errors(400, 503)},
            },
        },
        async (req, reply) =>
            ctx.cached(req, reply, async () => {
                const {rows, total} = await programme.nominations(undefined, req.query)
                return {body: await nominations(rows), headers: pageHeadersOf(req, total)}
            }),
    )

    app.get<{Params: {address: string; last: number}}>(
        '/nominations/:address/:last',
        {
            schema: {
                summary: "An account's last nominations, newest first",
                description: 'The old route never answered (it lacked a return); this one does.',
                tags: ['nominator'],
                params: {
                    type: 'object',
                    required: ['address', 'last'],
                    properties: {
                        address: addressParamSchema(settings.ss58Prefix),
                        last: {
                            type: 'integer',
                            minimum: 1,
                            maximum: settings.maxPageSize,
                            description: `how many, 1 to ${settings.maxPageSize}`,
                        },
                    },
                },
                response: {200: {type: 'array', items: nominationSchema}, ...errors(400, 503)},
            },
        },
        async (req, reply) =>
            ctx.cached(req, reply, async () => {
                accountHex('address', req.params.address, settings.ss58Prefix)
                const {rows} = await programme.nominations(req.params.address, {limit: req.params.last, offset: 0})
                return {body: await nominations(rows), headers: {}}
            }),
    )

    app.get(
        '/lastnomination',
        {
            schema: {
                summary: 'The era of the last round that nominated',
                description:
                    'lastNominatedEraIndex is a string, as the old API sent it; "0" and when 0 before any. nextNomination: the start of era ' +
                    'lastNominatedEraIndex + nominator.roundEveryEras (the round runs once the scorer has passed it), projected with the mean ' +
                    'length of the recent eras while it has not begun; in the past when overdue; 0 before any round.',
                tags: ['nominator'],
                response: {
                    200: {
                        type: 'object',
                        required: ['lastNominatedEraIndex', 'nextNomination', 'when'],
                        properties: {
                            lastNominatedEraIndex: {...str, description: 'era index, as text'},
                            nextNomination: ms(': when the next round is due; 0 when unknown'),
                            when: ms(': when the round finished; 0 when none'),
                        },
                    },
                    ...errors(503),
                },
            },
        },
        async (req, reply) =>
            ctx.cached(req, reply, async () => {
                const last = await programme.lastNominationRound()
                const eras = last ? await programme.eraTimes(last.era + settings.roundEveryEras, RECENT_ERAS) : []
                return {
                    body: {
                        lastNominatedEraIndex: String(last?.era ?? 0),
                        nextNomination: nextNominationMs(last?.era ?? null, settings.roundEveryEras, eras),
                        when: last?.updatedMs ?? 0,
                    },
                    headers: {},
                }
            }),
    )

    app.get<{Querystring: PageRequest}>(
        '/proxytxs',
        {
            schema: {
                summary: 'Time-delay proxy announcements not yet executed, removed or cancelled',
                tags: ['nominator'],
                querystring: page,
                response: {200: list(announcementSchema, 'announcements, oldest first'), ...errors(400, 503)},
            },
        },
        async (req, reply) =>
            ctx.cached(req, reply, async () => {
                const {rows, total} = await programme.announcements(openAnnouncements, req.query)
                return {body: rows.map(announcement), headers: pageHeadersOf(req, total)}
            }),
    )

    app.get<{Querystring: PageRequest}>(
        '/rounds',
        {
            schema: {
                summary: 'Nomination rounds, newest era first',
                tags: ['nominator'],
                querystring: page,
                response: {200: list(roundSchema, 'rounds'), ...errors(400, 503)},
            },
        },
        async (req, reply) =>
            ctx.cached(req, reply, async () => {
                const {rows, total} = await programme.rounds(req.query)
                return {body: rows.map(roundView), headers: pageHeadersOf(req, total)}
            }),
    )

    app.get<{Params: {id: string}}>(
        '/rounds/:id',
        {
            schema: {
                summary: 'One round: its input and policy hashes, seed, per-account targets, nominations, announcements and transactions',
                description:
                    'inputSnapshot is the canonical input `npm run round:replay` re-runs; transactions carry the finalized block they landed in.',
                tags: ['nominator'],
                params: {
                    type: 'object',
                    required: ['id'],
                    properties: {id: {type: 'string', pattern: '^[0-9]{1,10}$', description: 'the round id (its era)'}},
                },
                response: {
                    200: {
                        type: 'object',
                        required: [
                            ...roundSchema.required,
                            'trigger',
                            'inputSnapshot',
                            'targets',
                            'plan',
                            'candidates',
                            'accounts',
                            'announcements',
                            'transactions',
                        ],
                        properties: {
                            ...roundSchema.properties,
                            trigger: {description: 'the trigger decision: the gate and each account’s state and reason'},
                            inputSnapshot: {...str, description: "canonical JSON of the round's input"},
                            targets: {description: '[{name, stash, targets}] in allocation order'},
                            plan: {description: 'the calls per signer'},
                            candidates: {description: 'every candidate met, per account, with its score and verdict'},
                            accounts: {type: 'array', items: nominationSchema, description: "each account's nomination"},
                            announcements: {
                                type: 'array',
                                items: {
                                    type: 'object',
                                    required: [
                                        'stash',
                                        'signer',
                                        'callHash',
                                        'targets',
                                        'status',
                                        'reason',
                                        'announcedBlock',
                                        'executedBlock',
                                        'closedBlock',
                                    ],
                                    properties: {
                                        stash: str,
                                        signer: str,
                                        callHash: str,
                                        targets: strings,
                                        status: str,
                                        reason: nullable('string'),
                                        announcedTxHash: nullable('string'),
                                        announcedBlock: nullable('integer'),
                                        executedTxHash: nullable('string'),
                                        executedBlock: nullable('integer'),
                                        closedTxHash: nullable('string'),
                                        closedBlock: nullable('integer'),
                                    },
                                },
                            },
                            transactions: {
                                type: 'array',
                                items: {
                                    type: 'object',
                                    required: [
                                        'txHash',
                                        'signer',
                                        'purpose',
                                        'nonce',
                                        'status',
                                        'blockNumber',
                                        'blockHash',
                                        'attempt',
                                        'error',
                                        'createdAt',
                                    ],
                                    properties: {
                                        txHash: str,
                                        signer: str,
                                        purpose: {...str, description: 'round or announcements'},
                                        call: {description: 'the call, as plain data'},
                                        nonce: int,
                                        birthBlock: int,
                                        mortalUntilBlock: int,
                                        attempt: int,
                                        status: {...str, description: 'submitted, landed (finalized, succeeded), failed, expired, refused'},
                                        blockNumber: nullable('integer', 'the finalized block it landed in'),
                                        blockHash: nullable('string'),
                                        error: nullable('string'),
                                        createdAt: ms(),
                                        updatedAt: ms(),
                                    },
                                },
                            },
                        },
                    },
                    ...errors(400, 404, 503),
                },
            },
        },
        async (req, reply) =>
            ctx.cached(req, reply, async () => {
                const found = await programme.round(req.params.id)
                if (!found) throw notFound(`round ${req.params.id}: no such round`)
                const {round, extrinsics} = found
                return {
                    body: {
                        ...roundView(round),
                        trigger: round.trigger,
                        inputSnapshot: round.inputSnapshot,
                        targets: round.targets,
                        plan: round.plan,
                        candidates: round.candidates,
                        accounts: await nominations(found.nominations),
                        announcements: found.announcements,
                        transactions: extrinsics.map(({createdMs, updatedMs, ...x}) => ({
                            ...x,
                            createdAt: createdMs,
                            updatedAt: updatedMs,
                        })),
                    },
                    headers: {},
                }
            }),
    )
}

function roundView<R extends {createdMs: number; updatedMs: number}>({createdMs, updatedMs, ...r}: R) {
    return {...r, createdAt: createdMs, updatedAt: updatedMs}
}
