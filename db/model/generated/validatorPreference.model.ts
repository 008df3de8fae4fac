import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, IntColumn as IntColumn_, BooleanColumn as BooleanColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {Account} from "./account.model"
import {ChainLayer} from "./_chainLayer"

/**
 * A `ValidatorPrefsSet` event: a commission or blocked change.
 */
@Entity_()
export class ValidatorPreference {
    constructor(props?: Partial<ValidatorPreference>) {
        Object.assign(this, props)
    }

    /**
     * event id
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    validator!: Account

    @IntColumn_({nullable: false})
    commissionPerbill!: number

    @BooleanColumn_({nullable: false})
    blocked!: boolean

    @Column_("varchar", {length: 8, nullable: false})
    chain!: ChainLayer

    @Index_()
    @IntColumn_({nullable: false})
    blockNumber!: number

    @DateTimeColumn_({nullable: true})
    timestamp!: Date | undefined | null
}
