import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, StringColumn as StringColumn_, JSONColumn as JSONColumn_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {NominationRound} from "./nominationRound.model"

/**
 * A signed extrinsic the nominator sent, recorded before it is sent so a restart follows it instead of signing
 * again: its bytes (to resend the same transaction), nonce and mortality, and where it landed.
 */
@Entity_()
export class NominatorExtrinsic {
    constructor(props?: Partial<NominatorExtrinsic>) {
        Object.assign(this, props)
    }

    /**
     * blake2-256 of the signed bytes
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @ManyToOne_(() => NominationRound, {nullable: true})
    round!: NominationRound

    @StringColumn_({nullable: false})
    signer!: string

    /**
     * round (the round's batch) or announcements (proxyAnnounced and removals)
     */
    @StringColumn_({nullable: false})
    purpose!: string

    /**
     * the plan's call, as plain data
     */
    @JSONColumn_({nullable: false})
    call!: unknown

    @StringColumn_({nullable: false})
    hex!: string

    @IntColumn_({nullable: false})
    nonce!: number

    /**
     * the finalized block it was signed against, and the first block it can no longer be included in
     */
    @IntColumn_({nullable: false})
    birthBlock!: number

    @IntColumn_({nullable: false})
    mortalUntilBlock!: number

    @IntColumn_({nullable: false})
    attempt!: number

    /**
     * submitted, landed (finalized, succeeded), failed (finalized, failed), expired (never landed), refused
     */
    @Index_()
    @StringColumn_({nullable: false})
    status!: string

    @IntColumn_({nullable: true})
    blockNumber!: number | undefined | null

    @StringColumn_({nullable: true})
    blockHash!: string | undefined | null

    @StringColumn_({nullable: true})
    error!: string | undefined | null

    @DateTimeColumn_({nullable: false})
    createdAt!: Date

    @DateTimeColumn_({nullable: false})
    updatedAt!: Date
}
