import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"

/**
 * The chain's finalized head as a layer's processor last read it (its stall detector samples it every few
 * seconds, in squid/stall/): how far behind the chain the squid's rows are, read by the scorer wherever the
 * services run. A record that stops being updated says the processor stopped.
 */
@Entity_()
export class ChainHead {
    constructor(props?: Partial<ChainHead>) {
        Object.assign(this, props)
    }

    /**
     * the chain layer
     */
    @PrimaryColumn_()
    id!: string

    @IntColumn_({nullable: false})
    finalizedHeight!: number

    /**
     * when the processor read it
     */
    @DateTimeColumn_({nullable: false})
    seenAt!: Date
}
