import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {Account} from "./account.model"
import {ChainLayer} from "./_chainLayer"

@Entity_()
export class Kick {
    constructor(props?: Partial<Kick>) {
        Object.assign(this, props)
    }

    /**
     * event id
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    nominator!: Account

    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    validator!: Account

    @Index_()
    @IntColumn_({nullable: true})
    era!: number | undefined | null

    @Column_("varchar", {length: 8, nullable: false})
    chain!: ChainLayer

    @Index_()
    @IntColumn_({nullable: false})
    blockNumber!: number

    @DateTimeColumn_({nullable: true})
    timestamp!: Date | undefined | null
}
