import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, StringColumn as StringColumn_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {Nomination} from "./nomination.model"

/**
 * A time-delayed proxy's announcement of a nomination: announced, then executed, removed or cancelled.
 */
@Entity_()
export class ProxyAnnouncement {
    constructor(props?: Partial<ProxyAnnouncement>) {
        Object.assign(this, props)
    }

    /**
     * <round id>:<stash>
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @ManyToOne_(() => Nomination, {nullable: true})
    nomination!: Nomination

    @StringColumn_({nullable: false})
    signer!: string

    @StringColumn_({nullable: false})
    stash!: string

    @Index_()
    @StringColumn_({nullable: false})
    callHash!: string

    @StringColumn_({array: true, nullable: false})
    targets!: (string)[]

    @StringColumn_({nullable: true})
    announcedTxHash!: string | undefined | null

    @IntColumn_({nullable: true})
    announcedBlock!: number | undefined | null

    /**
     * pending (not yet on chain), announced, executed, removed (a target turned invalid), cancelled (expired or blacklisted), failed
     */
    @Index_()
    @StringColumn_({nullable: false})
    status!: string

    /**
     * why it was removed, cancelled or failed
     */
    @StringColumn_({nullable: true})
    reason!: string | undefined | null

    @StringColumn_({nullable: true})
    executedTxHash!: string | undefined | null

    @IntColumn_({nullable: true})
    executedBlock!: number | undefined | null

    @StringColumn_({nullable: true})
    closedTxHash!: string | undefined | null

    @IntColumn_({nullable: true})
    closedBlock!: number | undefined | null

    @DateTimeColumn_({nullable: false})
    updatedAt!: Date
}
