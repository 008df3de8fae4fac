import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, IntColumn as IntColumn_, ManyToOne as ManyToOne_, BigIntColumn as BigIntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {Account} from "./account.model"

/**
 * A validator reported offline in a session (`ImOnline.SomeOffline`, history until 2024).
 */
@Index_(["validator", "session"], {unique: false})
@Entity_()
export class OfflineReport {
    constructor(props?: Partial<OfflineReport>) {
        Object.assign(this, props)
    }

    /**
     * <event id>-<position>
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @IntColumn_({nullable: false})
    session!: number

    @IntColumn_({nullable: true})
    era!: number | undefined | null

    @ManyToOne_(() => Account, {nullable: true})
    validator!: Account

    @BigIntColumn_({nullable: true})
    exposureTotalPlanck!: bigint | undefined | null

    @IntColumn_({nullable: false})
    blockNumber!: number

    @DateTimeColumn_({nullable: true})
    timestamp!: Date | undefined | null
}
