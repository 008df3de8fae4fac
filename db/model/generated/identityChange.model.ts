import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, StringColumn as StringColumn_, BooleanColumn as BooleanColumn_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {Account} from "./account.model"
import {ChainLayer} from "./_chainLayer"

/**
 * One identity change, with the identity as it was read after the change.
 */
@Entity_()
export class IdentityChange {
    constructor(props?: Partial<IdentityChange>) {
        Object.assign(this, props)
    }

    /**
     * event id
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    account!: Account

    /**
     * the event: IdentitySet, IdentityCleared, IdentityKilled, JudgementGiven, SubIdentityAdded, SubIdentityRemoved, SubIdentityRevoked
     */
    @StringColumn_({nullable: false})
    event!: string

    @Column_("varchar", {length: 8, nullable: false})
    chain!: ChainLayer

    @StringColumn_({nullable: true})
    display!: string | undefined | null

    @StringColumn_({nullable: true})
    parent!: string | undefined | null

    @BooleanColumn_({nullable: true})
    verified!: boolean | undefined | null

    @Index_()
    @IntColumn_({nullable: false})
    blockNumber!: number

    @DateTimeColumn_({nullable: true})
    timestamp!: Date | undefined | null
}
