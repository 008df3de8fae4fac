import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, StringColumn as StringColumn_, Index as Index_, IntColumn as IntColumn_, BooleanColumn as BooleanColumn_, DateTimeColumn as DateTimeColumn_, OneToMany as OneToMany_} from "@subsquid/typeorm-store"
import {ValidityStatus} from "./_validityStatus"
import {ValidityCheck} from "./validityCheck.model"
import {ValidityChange} from "./validityChange.model"
import {CandidateChange} from "./candidateChange.model"

/**
 * A programme candidate from the candidate list (config `candidatesFile`). Two spellings of the stash: `id` and
 * `stashPublicKey` hold the 0x hex public key (what the squid's tables are keyed by: Account.id, *_id columns),
 * `stash` the SS58 address (what the list and telemetry use: TelemetryNode.candidateStash). A candidate
 * dropped from the list is marked `removed`, never deleted.
 */
@Entity_()
export class Candidate {
    constructor(props?: Partial<Candidate>) {
        Object.assign(this, props)
    }

    /**
     * 0x hex public key of the stash
     */
    @PrimaryColumn_()
    id!: string

    /**
     * 0x hex public key of the stash (the same as id): join the squid's tables on it
     */
    @Index_({unique: true})
    @StringColumn_({nullable: false})
    stashPublicKey!: string

    /**
     * SS58 address of the stash, as the list gives it: join telemetry on it
     */
    @Index_()
    @StringColumn_({nullable: false})
    stash!: string

    /**
     * the 1KV slot id; null for lists without one
     */
    @IntColumn_({nullable: true})
    slotId!: number | undefined | null

    /**
     * telemetry node name (1KV) or on-chain identity (Decentralized Nodes)
     */
    @Index_()
    @StringColumn_({nullable: false})
    name!: string

    /**
     * SS58 Kusama stash of a Polkadot candidate
     */
    @StringColumn_({nullable: true})
    kusamaStash!: string | undefined | null

    @StringColumn_({nullable: true})
    kusamaStashPublicKey!: string | undefined | null

    @StringColumn_({array: true, nullable: false})
    riotHandles!: (string)[]

    @BooleanColumn_({nullable: false})
    kyc!: boolean

    @BooleanColumn_({nullable: false})
    skipSelfStake!: boolean

    /**
     * the list's own status (Decentralized Nodes: Active, Pending, …)
     */
    @StringColumn_({nullable: true})
    listStatus!: string | undefined | null

    /**
     * the candidate list files it is in
     */
    @StringColumn_({array: true, nullable: false})
    sources!: (string)[]

    /**
     * hex account of its identity group's root (the super-identity of a sub-identity; the stash itself without identity), as of the last pass
     */
    @Index_()
    @StringColumn_({nullable: true})
    identityRoot!: string | undefined | null

    @DateTimeColumn_({nullable: false})
    addedAt!: Date

    @DateTimeColumn_({nullable: true})
    changedAt!: Date | undefined | null

    /**
     * set while the candidate is not in the list
     */
    @Index_()
    @DateTimeColumn_({nullable: true})
    removedAt!: Date | undefined | null

    /**
     * valid: every enabled check is valid; invalid: one is; unknown: otherwise, once the last known verdict is older than validity.keepLastKnownMs
     */
    @Index_()
    @Column_("varchar", {length: 7, nullable: true})
    verdict!: ValidityStatus | undefined | null

    @DateTimeColumn_({nullable: true})
    verdictSince!: Date | undefined | null

    /**
     * last pass whose checks gave a known verdict
     */
    @DateTimeColumn_({nullable: true})
    verdictLastKnownAt!: Date | undefined | null

    /**
     * the verdict is the last known one, kept while some checks are unknown
     */
    @BooleanColumn_({nullable: true})
    verdictHeld!: boolean | undefined | null

    @StringColumn_({array: true, nullable: true})
    invalidChecks!: (string)[] | undefined | null

    @StringColumn_({array: true, nullable: true})
    unknownChecks!: (string)[] | undefined | null

    @DateTimeColumn_({nullable: true})
    checkedAt!: Date | undefined | null

    @OneToMany_(() => ValidityCheck, e => e.candidate)
    checks!: ValidityCheck[]

    @OneToMany_(() => ValidityChange, e => e.candidate)
    validityChanges!: ValidityChange[]

    @OneToMany_(() => CandidateChange, e => e.candidate)
    changes!: CandidateChange[]
}
