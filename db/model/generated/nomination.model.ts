import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, ManyToOne as ManyToOne_, StringColumn as StringColumn_, IntColumn as IntColumn_, BooleanColumn as BooleanColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {NominationRound} from "./nominationRound.model"

/**
 * One account's nomination in a round. Done only once its extrinsic (or, for a delayed proxy, the proxyAnnounced
 * that executes it) succeeded in a finalized block.
 */
@Index_(["stash", "status"], {unique: false})
@Entity_()
export class Nomination {
    constructor(props?: Partial<Nomination>) {
        Object.assign(this, props)
    }

    /**
     * <round id>:<stash>
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @ManyToOne_(() => NominationRound, {nullable: true})
    round!: NominationRound

    /**
     * the account's name in config
     */
    @StringColumn_({nullable: false})
    account!: string

    @StringColumn_({nullable: false})
    stash!: string

    @StringColumn_({nullable: false})
    signer!: string

    /**
     * direct, proxy, delayedProxy
     */
    @StringColumn_({nullable: false})
    mode!: string

    @StringColumn_({array: true, nullable: false})
    targets!: (string)[]

    /**
     * blake2-256 of staking.nominate(targets)
     */
    @StringColumn_({nullable: false})
    callHash!: string

    /**
     * the extrinsic that carried it (for a delayed proxy: the proxyAnnounced)
     */
    @Index_()
    @StringColumn_({nullable: true})
    txHash!: string | undefined | null

    @IntColumn_({nullable: true})
    blockNumber!: number | undefined | null

    @StringColumn_({nullable: true})
    blockHash!: string | undefined | null

    @BooleanColumn_({nullable: false})
    finalized!: boolean

    /**
     * planned, submitted, announced, done, failed, cancelled, dryRun
     */
    @Index_()
    @StringColumn_({nullable: false})
    status!: string

    /**
     * decoded module error (Staking.BadTarget: …) or why it did not land
     */
    @StringColumn_({nullable: true})
    error!: string | undefined | null

    @DateTimeColumn_({nullable: false})
    updatedAt!: Date
}
