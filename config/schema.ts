/**
 * The shape of one network's config file: every endpoint, threshold, weight and schedule, with its
 * unit in its name. The schema is also the type (`Config`); `load.ts` reads a file against it.
 */
import {Cron} from 'croner'
import {z} from 'zod'

const MAX_PERBILL = 1_000_000_000

/** Parts per billion: 150_000_000 = 15 %. */
const perbill = z.int().min(0).max(MAX_PERBILL)
/** Planck, as a decimal string: JSON numbers cannot hold balances above 2^53. */
const planck = z.string().regex(/^\d+$/, 'expected a whole number of planck as a decimal string, e.g. "10000000000000"').transform(BigInt)
const ms = z.int().min(0)
const blocks = z.int().min(0)
const eras = z.int().min(0)
/** A score weight, in whole points; 0 switches the component off. Whole numbers keep every weighted score an exact integer (scorer/score/SCORES.md). */
const weight = z.int().min(0).max(1_000_000)
const endpointUrl = z.string().regex(/^(wss?|https?):\/\/\S+$/, 'expected a ws://, wss://, http:// or https:// URL')
const feedUrl = z.string().regex(/^wss?:\/\/\S+$/, 'expected a ws:// or wss:// URL')
const hash32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'expected a 0x-prefixed 32-byte hex hash')
const address = z
    .string()
    .regex(/^[1-9A-HJ-NP-Za-km-z]{46,48}$|^0x[0-9a-fA-F]{64}$/, 'expected an SS58 address or a 0x-prefixed 32-byte public key')

/** Where a secret comes from: never the config file itself. */
const secretRef = z.union(
    [
        z.strictObject({env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'expected an environment variable name')}),
        z.strictObject({file: z.string().min(1)}),
    ],
    {error: 'a secret must be {"env": "VAR_NAME"} or {"file": "path"}, never the value itself'},
)

/** The devnet's funded development accounts whose sr25519 key is their name's well-known URI (//Alice …). */
export const devnetAccountNames = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve'] as const

/**
 * A nominator's seed: a secret, or on the devnet one of its development accounts, whose keys are public
 * (accepted only when no chain endpoint is configured).
 */
const nominatorSeed = z.union([...secretRef.options, z.strictObject({devnetAccount: z.enum(devnetAccountNames)})], {
    error: 'a seed must be {"env": "VAR_NAME"} or {"file": "path"} (on the devnet also {"devnetAccount": "Alice"}), never the value itself',
})

const chainEndpoint = z.strictObject({
    rpcUrl: endpointUrl,
    /** First block to index; later blocks of a chain whose history is also on another chain start here. */
    fromBlock: z.int().min(0).default(0),
    /** Last block to index (inclusive); absent = follow the head. */
    toBlock: z.int().min(0).optional(),
})

/** The validity checks, by the names config, results and history use (scorer/validity/checks.ts). */
export const validityCheckNames = [
    'online',
    'connectionTime',
    'accumulatedOffline',
    'clientUpgrade',
    'provider',
    'sanctionedGeoArea',
    'validateIntention',
    'commission',
    'blocked',
    'selfStake',
    'beefy',
    'identity',
    'unclaimedRewards',
    'maxNodesPerIdentity',
    'noSlash',
    'kusamaRank',
] as const
export type ValidityCheckName = (typeof validityCheckNames)[number]

/** How long a check's new result must persist before the check flips to it. */
const hysteresis = z.strictObject({
    /** Consecutive passes with the same new result that flip the check (1 = at once). */
    passes: z.int().min(1),
    /** Or: time from the first pass that saw the new result to a later pass still seeing it; 0 = passes only. */
    minMs: ms,
})

const validity = z.strictObject({
    /** A chain fact is unknown when its squid is more than this many blocks behind that chain's head. */
    maxSquidLagBlocks: blocks,
    /**
     * A chain fact is unknown when its squid's processor last recorded the chain's head (ChainHead) longer ago
     * than this: a processor that stopped no longer says how far behind it is. It records it every few seconds.
     */
    maxSquidHeadAgeMs: ms,
    /** A telemetry fact is unknown when the follower last confirmed its feed connection alive longer ago than this. */
    maxTelemetryLagMs: ms,
    /** A candidate with unknown checks and none invalid keeps its last known verdict this long, then is unknown. */
    keepLastKnownMs: ms,
    hysteresis: z.strictObject({
        default: hysteresis,
        /** Per-check overrides of the default. */
        checks: z.strictObject(
            Object.fromEntries(validityCheckNames.map(n => [n, hysteresis.optional()])) as Record<
                ValidityCheckName,
                z.ZodOptional<typeof hysteresis>
            >,
        ),
    }),
    online: z.strictObject({
        /** A node not seen on telemetry for longer than this is invalid (1KV: 16 h). */
        maxOfflineMs: ms,
    }),
    connectionTime: z.strictObject({
        skip: z.boolean(),
        /** Minimum time since the node was first seen (1KV: 7 days). */
        minMs: ms,
    }),
    identity: z.strictObject({
        skip: z.boolean(),
        /** Require a Reasonable or KnownGood judgement on the identity (or its parent). */
        requireVerified: z.boolean(),
    }),
    accumulatedOffline: z.strictObject({
        windowMs: ms,
        /** Share of the window a node may be offline (1KV: 2 % of a week). */
        maxPerbill: perbill,
    }),
    commission: z.strictObject({maxPerbill: perbill}),
    selfStake: z.strictObject({minPlanck: planck}),
    clientUpgrade: z.strictObject({
        skip: z.boolean(),
        /** Pin the version counted as latest (1KV production: "1.15.2"). */
        forcedVersion: z
            .string()
            .regex(/^\d+\.\d+\.\d+$/, 'expected a version like "1.15.2"')
            .optional(),
        /** Regular expression that release tags must match to count. */
        releaseTagFormat: z.string().min(1),
        /** Time after a release before older clients are invalid (1KV: 48 h). */
        graceMs: ms,
    }),
    unclaimedRewards: z.strictObject({
        skip: z.boolean(),
        /** Eras a payout may stay unclaimed (1KV: Kusama 4, Polkadot 1). */
        maxEras: eras,
    }),
    /** Polkadot only: the candidate's Kusama node must hold this rank in the Kusama programme. */
    kusamaRank: z
        .strictObject({
            skip: z.boolean(),
            minRank: z.int().min(0),
            /** The Kusama instance's REST API (this backend's, or the 1KV one): `GET <url>/candidate/<kusamaStash>`. */
            url: z.string().regex(/^https?:\/\/\S+$/, 'expected an http:// or https:// URL'),
            /** A rank fetched longer ago than this is unknown. */
            maxAgeMs: ms,
        })
        .optional(),
    provider: z.strictObject({
        /** Provider (ASN organisation) names whose nodes are invalid. */
        blacklisted: z.array(z.string().min(1)),
    }),
    beefy: z.strictObject({skip: z.boolean()}),
    sanctionedGeoArea: z.strictObject({
        skip: z.boolean(),
        /** ISO 3166-1 alpha-2 country codes. */
        countries: z.array(z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code like "RU"')),
        regions: z.array(z.string().min(1)),
    }),
    /** Nodes one identity (with its sub-identities) may have in the programme. */
    maxNodesPerIdentity: z.int().min(1),
    /** No slash (or offence with a slash fraction) of the stash in the last `eras` eras. */
    noSlash: z.strictObject({skip: z.boolean(), eras}),
})

const score = z.strictObject({
    weights: z.strictObject({
        inclusion: weight,
        spanInclusion: weight,
        discovered: weight,
        nominated: weight,
        rank: weight,
        bonded: weight,
        faults: weight,
        offline: weight,
        location: weight,
        region: weight,
        country: weight,
        provider: weight,
        nominatorStake: weight,
        client: weight,
    }),
    /** Eras counted by the inclusion component (1KV: 84) and the span-inclusion component (28). */
    inclusionEras: eras,
    spanInclusionEras: eras,
    /** Largest random boost applied to a total, seeded per round (1KV: 15 %). */
    randomnessMaxPerbill: perbill,
    /**
     * How rank is counted. activeEras (1KV since 2024): eras in which any stash of the candidate's identity
     * group was in the active set. goodPeriods (1KV 2020-2024): +1 per nomination period a valid candidate
     * was active in, rank - floor(rank / 6) per period it was invalid.
     */
    rankRule: z.enum(['activeEras', 'goodPeriods']),
    /** Eras of fault events counted by the faults component, ending with the scored era. */
    faultWindowEras: z.int().min(1),
})

const nominatorAccount = z.strictObject({
    name: z.string().min(1),
    /** The signing key's seed (mnemonic or 0x hex); on the devnet `{"devnetAccount": "Bob"}` names a development account. */
    seed: nominatorSeed,
    /** direct: the signer is the controller; proxy: proxy.proxy for `real`; delayedProxy: announce, then proxyAnnounced. */
    mode: z.enum(['direct', 'proxy', 'delayedProxy']),
    /** The nominating (bonded) account a proxy acts for. */
    real: address.optional(),
})

const nominator = z.strictObject({
    enabled: z.boolean(),
    /** Decide and record rounds but submit nothing. */
    dryRun: z.boolean(),
    /** A nominator renominates when its nomination is this many eras old (1KV: Kusama 4, Polkadot 1). */
    roundEveryEras: z.int().min(1),
    /** Targets per nominator at most (1KV: Kusama 24, Polkadot 16). */
    maxTargets: z.int().min(1).max(24),
    /**
     * Targets the programme's accounts together may hold in one identity group, one provider (ASN organisation)
     * or one country, counting every account's current targets; null = no cap. A candidate whose group, provider
     * or country is unknown is not counted against that cap.
     */
    caps: z.strictObject({
        perIdentityGroup: z.int().min(1).nullable(),
        perProvider: z.int().min(1).nullable(),
        perCountry: z.int().min(1).nullable(),
    }),
    /** An already elected candidate whose exposure total is at least this is passed over: it stays in the set without us; null = never. */
    ampleBackingPlanck: planck.nullable(),
    /** Nominators with less bonded than this do not nominate (1KV: 50 tokens). */
    minBondedPlanck: planck,
    /** Signer balance needed to pay fees (1KV: 0.1 token). */
    minSignerFreePlanck: planck,
    /** Kept back from the stash when sizing the target count: max(perbill share, fixed amount) (1KV: 0.2 %, 20 tokens). */
    balanceBuffer: z.strictObject({perbill, minPlanck: planck}),
    /** Skip a round while this many announcements are pending (1KV: 20). */
    maxPendingAnnouncements: z.int().min(1),
    /** Warn when a nominator's last nomination is this many eras old (1KV: Kusama 8, Polkadot 2). */
    staleAfterEras: eras,
    announcement: z.strictObject({
        /** The proxy's announcement delay (1KV: 10850 blocks, about 18 h). */
        delayBlocks: blocks,
        /** Remove announcements not executed after this many blocks (1KV: 1.2 × delay). */
        cancelAfterBlocks: blocks,
        /** Call hashes whose announcements are always removed. */
        blacklistedCallHashes: z.array(hash32),
    }),
    /** How often the service looks for a due round and for announcements to execute or remove. */
    checkIntervalMs: z.int().min(10),
    /** How transactions are signed, sent and followed to finality. */
    submission: z.strictObject({
        tipPlanck: planck,
        /** Blocks a signed transaction stays valid from its birth block (the finalized head when signed); rounded up to a power of two by the chain. */
        mortalityBlocks: z.int().min(4).max(65536),
        /** How often the finalized head is read while a transaction is followed. */
        pollIntervalMs: z.int().min(10),
        /** Back-off bounds after a connection error or a refusal by the pool (Invalid, Usurped, Dropped). */
        retryMinDelayMs: ms,
        retryMaxDelayMs: ms,
        /** Signed versions of one batch at most: a new one only when the last was refused or expired without landing. */
        maxAttempts: z.int().min(1),
    }),
    accounts: z.array(nominatorAccount),
})

const telemetry = z.strictObject({
    enabled: z.boolean(),
    /** substrate-telemetry feed; absent = the devnet's feed. */
    feedUrl: feedUrl.optional(),
    /** Genesis hashes of the chains to subscribe to; absent = the devnet's. */
    chains: z.array(hash32).optional(),
    /** A node gone from the feed for less than this is not offline (1KV: 5 min). */
    offlineGraceMs: ms,
    /** Reconnect back-off bounds, with jitter. */
    reconnectMinDelayMs: ms,
    reconnectMaxDelayMs: ms,
    /** Reconnect when the feed has sent nothing for this long. */
    silenceTimeoutMs: ms,
    /** How often node state is written to Postgres in one batch (and grace periods are checked). */
    flushIntervalMs: z.int().min(10),
    location: z.strictObject({
        /** offline: the database shipped in npm; ipinfo: the online service (needs a token). */
        source: z.enum(['offline', 'ipinfo']),
        ipinfoToken: secretRef.optional(),
        /** Look a node's IP up again after this long (1KV: 48 h). */
        refreshAfterMs: ms,
    }),
})

const scorer = z.strictObject({
    /** Cron expression (croner: 5 or 6 fields, seconds first) of the passes run on a schedule, beside one per new session or era. */
    schedule: z.string().min(1),
    /** How often the squid's session and era tables and the candidate list file are looked at for changes. */
    pollIntervalMs: z.int().min(100),
})

const api = z.strictObject({
    graphqlPort: z.int().min(1).max(65535),
    restPort: z.int().min(1).max(65535),
    /** Limits of the GraphQL server (squid-graphql-server flags). */
    maxRootFields: z.int().min(1),
    maxResponseNodes: z.int().min(1),
    sqlStatementTimeoutMs: ms,
    /** Largest page a list endpoint returns. */
    maxPageSize: z.int().min(1),
})

const port0 = z.int().min(0).max(65535)

/** Each service's `/metrics` and `/health` endpoint. */
const metrics = z.strictObject({
    /** Interface the endpoints listen on: 127.0.0.1 on a host, 0.0.0.0 inside a container. */
    host: z.string().min(1),
    /** Port per service; 0 = no endpoint. */
    ports: z.strictObject({
        squidRelay: port0,
        squidAssetHub: port0,
        squidPeople: port0,
        graphql: port0,
        telemetry: port0,
        scorer: port0,
        gateway: port0,
        nominator: port0,
    }),
})

const httpUrl = z.string().regex(/^https?:\/\/\S+$/, 'expected an http:// or https:// URL')

/** Where events (rounds, validity changes, announcements, failures, stalls) are announced (notify/). */
const notify = z.strictObject({
    /** Messages one target sends in any minute, at most; the rest wait in its queue. */
    maxPerMinute: z.int().min(1),
    /** Messages waiting per target; when it is full the oldest waiting one is dropped (and the drop logged). */
    maxQueued: z.int().min(1),
    /** Attempts per message, the first included, on a 429, a 5xx or no answer. */
    attempts: z.int().min(1),
    /** Wait after the first failed attempt, doubled after each further one; a server's longer Retry-After wins. */
    minRetryDelayMs: ms,
    /** Longest wait between attempts. */
    maxRetryDelayMs: ms,
    /** How long one request may take. */
    requestTimeoutMs: z.int().min(1),
    /** A generic webhook: each message is POSTed as JSON ({id, network, event, text, html}). */
    webhook: z
        .strictObject({
            /** The URL, or a secret holding it: a Slack/Discord/Mattermost hook URL is itself the credential. */
            url: z.union([httpUrl, secretRef], {
                error: 'expected an http:// or https:// URL, or a secret {"env": "VAR_NAME"} or {"file": "path"} holding it',
            }),
        })
        .optional(),
    /** A Matrix room, through the client-server API of its homeserver. */
    matrix: z
        .strictObject({
            /** e.g. "https://matrix.org". */
            homeserverUrl: httpUrl,
            /** The room's id (not its alias), e.g. "!abcdef:matrix.org"; the account must have joined it. */
            roomId: z.string().regex(/^![^:\s]+:\S+$/, 'expected a room id like "!abcdef:matrix.org"'),
            /** The sending account's access token. */
            accessToken: secretRef,
        })
        .optional(),
})

/** No target, and the delivery settings a config without a `notify` section gets. */
export const DEFAULT_NOTIFY = {
    maxPerMinute: 20,
    maxQueued: 200,
    attempts: 6,
    minRetryDelayMs: 1000,
    maxRetryDelayMs: 300_000,
    requestTimeoutMs: 10_000,
}

/** A processor whose indexed height stands still this long while finalized blocks wait exits, and is restarted. */
export const DEFAULT_STALL_TIMEOUT_MS = 300_000

const squid = z.strictObject({
    /** How long a processor's indexed height may stand still while the chain finalizes blocks above it. */
    stallTimeoutMs: z.int().min(1000),
})

const devnet = z.strictObject({
    /** Port of the devnet's JSON-RPC (WebSocket and HTTP) and telemetry feed. */
    port: z.int().min(1).max(65535),
    /** The chains the devnet runs: `current` (relay, Asset Hub, People), `legacy` (one chain with every pallet), `kusama-scale`; `DEVNET_SCENARIO` overrides it. */
    scenario: z.string().min(1),
    /** Seed of the scenario's randomness: the same seed gives the same chain. */
    seed: z.int().min(0),
    blockTimeMs: ms,
    /** Blocks between the best and the finalized head. */
    finalityLagBlocks: blocks,
    /** Where the services reach the devnet: 127.0.0.1 under `npm start`, the devnet container's name under docker-compose. */
    host: z.string().min(1).default('127.0.0.1'),
})

export const configSchema = z
    .strictObject({
        network: z.enum(['polkadot', 'kusama', 'devnet']),
        ss58Prefix: z.int().min(0).max(16383),
        token: z.strictObject({symbol: z.string().min(1), decimals: z.int().min(0).max(30)}),
        /** Chains to read; when none is given the launcher starts the devnet and uses it. */
        chains: z.strictObject({
            relay: chainEndpoint.optional(),
            assetHub: chainEndpoint.optional(),
            people: chainEndpoint.optional(),
        }),
        /** The programme's candidate list (1KV format), relative to the config file. */
        candidatesFile: z.string().min(1),
        telemetry,
        validity,
        score,
        scorer,
        nominator,
        api,
        metrics,
        squid: squid.default({stallTimeoutMs: DEFAULT_STALL_TIMEOUT_MS}),
        notify: notify.default(DEFAULT_NOTIFY),
        devnet: devnet.optional(),
    })
    .superRefine((cfg, ctx) => {
        const noChains = !cfg.chains.relay && !cfg.chains.assetHub && !cfg.chains.people
        if (noChains && !cfg.devnet) {
            ctx.addIssue({
                code: 'custom',
                path: ['devnet'],
                message: 'required when no chain endpoint is configured (the devnet stands in for them)',
            })
        }
        cfg.nominator.accounts.forEach((a, i) => {
            if (!noChains && 'devnetAccount' in a.seed) {
                ctx.addIssue({
                    code: 'custom',
                    path: ['nominator', 'accounts', i, 'seed'],
                    message: "a devnet account's key is public: only the devnet (no chain endpoint configured) accepts it",
                })
            }
            if (a.mode !== 'direct' && !a.real) {
                ctx.addIssue({
                    code: 'custom',
                    path: ['nominator', 'accounts', i, 'real'],
                    message: `required for mode "${a.mode}": the account the proxy nominates for`,
                })
            }
        })
        if (cfg.nominator.announcement.cancelAfterBlocks < cfg.nominator.announcement.delayBlocks) {
            ctx.addIssue({
                code: 'custom',
                path: ['nominator', 'announcement', 'cancelAfterBlocks'],
                message: 'must not be smaller than delayBlocks, or announcements are removed before they can run',
            })
        }
        if (cfg.nominator.submission.retryMaxDelayMs < cfg.nominator.submission.retryMinDelayMs) {
            ctx.addIssue({
                code: 'custom',
                path: ['nominator', 'submission', 'retryMaxDelayMs'],
                message: 'must not be smaller than retryMinDelayMs',
            })
        }
        if (cfg.telemetry.reconnectMaxDelayMs < cfg.telemetry.reconnectMinDelayMs) {
            ctx.addIssue({
                code: 'custom',
                path: ['telemetry', 'reconnectMaxDelayMs'],
                message: 'must not be smaller than reconnectMinDelayMs',
            })
        }
        if (cfg.telemetry.feedUrl && !cfg.telemetry.chains?.length) {
            ctx.addIssue({
                code: 'custom',
                path: ['telemetry', 'chains'],
                message: 'required when feedUrl is set: the genesis hashes to subscribe to',
            })
        }
        const cron = cronProblem(cfg.scorer.schedule)
        if (cron) ctx.addIssue({code: 'custom', path: ['scorer', 'schedule'], message: cron})
        if (cfg.notify.maxRetryDelayMs < cfg.notify.minRetryDelayMs) {
            ctx.addIssue({code: 'custom', path: ['notify', 'maxRetryDelayMs'], message: 'must not be smaller than minRetryDelayMs'})
        }
        if (cfg.telemetry.location.source === 'ipinfo' && !cfg.telemetry.location.ipinfoToken) {
            ctx.addIssue({code: 'custom', path: ['telemetry', 'location', 'ipinfoToken'], message: 'required when source is "ipinfo"'})
        }
    })

export type ConfigFile = z.infer<typeof configSchema>

/** Why a cron expression cannot be scheduled, or undefined when it can. */
export function cronProblem(expression: string): string | undefined {
    try {
        new Cron(expression, {paused: true}).stop()
        return undefined
    } catch (e) {
        return `not a cron expression croner can schedule (${e instanceof Error ? e.message : String(e)}), e.g. "*/5 * * * *" for every five minutes`
    }
}
