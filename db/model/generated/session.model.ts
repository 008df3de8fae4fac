import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, Index as Index_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {ChainLayer} from "./_chainLayer"

/**
 * A session's start as one chain reported it: in the current layout the relay (NewSession) and Asset Hub (SessionRotated, with its era) each give one.
 */
@Entity_()
export class Session {
    constructor(props?: Partial<Session>) {
        Object.assign(this, props)
    }

    /**
     * <chain layer>-<session index>
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @IntColumn_({nullable: false})
    index!: number

    @Column_("varchar", {length: 8, nullable: false})
    chain!: ChainLayer

    /**
     * active era when the session started, where known
     */
    @IntColumn_({nullable: true})
    era!: number | undefined | null

    @IntColumn_({nullable: false})
    blockNumber!: number

    @DateTimeColumn_({nullable: true})
    timestamp!: Date | undefined | null
}
