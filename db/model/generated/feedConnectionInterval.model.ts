import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, StringColumn as StringColumn_, Index as Index_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"

/**
 * A span during which the feed connection was up and subscribed to a chain; outside of these, node state is unknown.
 */
@Entity_()
export class FeedConnectionInterval {
    constructor(props?: Partial<FeedConnectionInterval>) {
        Object.assign(this, props)
    }

    /**
     * <genesis hash>:<start ms>
     */
    @PrimaryColumn_()
    id!: string

    /**
     * Genesis hash of the chain subscribed to (0x hex)
     */
    @Index_()
    @StringColumn_({nullable: false})
    genesisHash!: string

    @StringColumn_({nullable: false})
    feedUrl!: string

    @DateTimeColumn_({nullable: false})
    start!: Date

    @DateTimeColumn_({nullable: true})
    end!: Date | undefined | null

    /**
     * Last time the follower confirmed this connection alive: the end after a crash
     */
    @DateTimeColumn_({nullable: false})
    aliveUntil!: Date
}
